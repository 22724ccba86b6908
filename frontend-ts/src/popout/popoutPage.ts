import type { PageConfig, SoftphoneSessionConfig } from '../../../bridge/src/protocol/messages';
import type { MediaHost } from '../page/media/mediaHost';
import { workerBundleUrl } from '../page/chunkUrls';
import { resolveSipOwner } from '../session/softphone/sipOwner';
import { NOT_LOADED, NOT_STARTED, PopoutSipFailure, popoutSipFailure } from './popoutFailure';
import type { PopoutSipOptions } from './popoutSip';

interface PopoutSipApi {
  start(o: PopoutSipOptions): { close(): void };
}

/**
 * In the pop-out phone window: where the worker does not survive navigation, run sip.js here
 * (the worker bundle, loaded as a script, carries it; the page bundle never does). False where
 * the worker owns SIP; a PopoutSipFailure where this window should own it and cannot.
 */
export async function maybeOwnSip(config: PageConfig, softphone: SoftphoneSessionConfig, pageId: string, media: MediaHost): Promise<boolean> {
  const sharedWorker = config.transport !== 'in-page' && typeof SharedWorker !== 'undefined';
  if (resolveSipOwner(config.softphoneSipIn, sharedWorker, navigator.userAgent) !== 'popout') return false;
  const w = window as unknown as { BandeauPopoutSip?: PopoutSipApi };
  if (!w.BandeauPopoutSip) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      try {
        s.src = workerBundleUrl();
      } catch (err) {
        reject(new PopoutSipFailure((err as Error).message, NOT_LOADED()));
        return;
      }
      s.onload = () => resolve();
      s.onerror = () => reject(new PopoutSipFailure(`could not load ${s.src}`, NOT_LOADED()));
      document.head.appendChild(s);
    });
  }
  if (!w.BandeauPopoutSip) {
    throw new PopoutSipFailure('the softphone bundle loaded but did not start', NOT_STARTED());
  }
  try {
    w.BandeauPopoutSip.start({ config: softphone, formKey: config.formKey, pageId, media });
  } catch (err) {
    throw popoutSipFailure(err);
  }
  return true;
}
