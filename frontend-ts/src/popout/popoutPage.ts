import type { PageConfig, SoftphoneSessionConfig } from '../../../bridge/src/protocol/messages';
import { log } from '../shared/log';
import type { MediaHost } from '../page/media/mediaHost';
import { workerBundleUrl } from '../page/chunkUrls';
import { resolveSipOwner } from '../session/softphone/sipOwner';
import type { PopoutSipOptions } from './popoutSip';

interface PopoutSipApi {
  start(o: PopoutSipOptions): { close(): void };
}

/**
 * In the pop-out phone window: where the worker does not survive navigation, run sip.js here
 * (the worker bundle, loaded as a script, carries it; the page bundle never does).
 */
export async function maybeOwnSip(config: PageConfig, softphone: SoftphoneSessionConfig, pageId: string, media: MediaHost): Promise<boolean> {
  const sharedWorker = config.transport !== 'in-page' && typeof SharedWorker !== 'undefined';
  if (resolveSipOwner(config.softphoneSipIn, sharedWorker, navigator.userAgent) !== 'popout') return false;
  const w = window as unknown as { BandeauPopoutSip?: PopoutSipApi };
  if (!w.BandeauPopoutSip) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = workerBundleUrl();
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`could not load ${s.src}`));
      document.head.appendChild(s);
    });
  }
  if (!w.BandeauPopoutSip) {
    log.error('the softphone bundle loaded but did not start');
    return false;
  }
  w.BandeauPopoutSip.start({ config: softphone, formKey: config.formKey, pageId, media });
  return true;
}
