import type { PageConfig, Problem, SoftphoneView, ViewState } from '../../../../bridge/src/protocol/messages';
import type { Ko } from '../knockout';
import type { SessionLink } from '../sessionLink';
import type { Translate } from '../strings';
import { MediaHost } from './mediaHost';
import { Ringer } from './ringer';
import { mountSoftphoneStrip, type SoftphoneStrip } from './softphoneStrip';
import { maybeOwnSip } from '../../popout/popoutPage';
import { announcePopoutFailure, popoutSipFailure } from '../../popout/popoutFailure';
import { log } from '../../shared/log';

/** Name of the pop-out phone window: a second click focuses the open one. */
export const POPOUT_WINDOW_NAME = 'bandeau-phone';

export interface PageSoftphone {
  media: MediaHost;
  render(state: ViewState): void;
  /** Mutes or unmutes every softphone call (the bar's own Mute button). */
  muteAll(muted: boolean): void;
}

/**
 * Softphone mode in one page (or the pop-out window): hosts media when the worker asks, rings
 * when this page is where calls ring, and shows the softphone strip in the bar.
 */
export function installPageSoftphone(o: { config: PageConfig; link: SessionLink; ko: Ko | null; bar: HTMLElement; t: Translate }): PageSoftphone {
  const { config, link, t } = o;
  const media = new MediaHost((r) => link.sdpResult(r));
  link.onSdpRequest = (req) => media.handle(req);
  const ringer = new Ringer();
  const isPopout = config.role === 'popout';
  if (isPopout) o.bar.classList.add('bandeau-bar--popout');
  const popoutUrl = config.softphonePopoutUrl;
  const popOut = popoutUrl && !isPopout ? () => void window.open(popoutUrl, POPOUT_WINDOW_NAME, 'popup,width=380,height=600') : null;
  const body = o.bar.querySelector<HTMLElement>('.bandeau-bar__body') ?? o.bar;
  const strip: SoftphoneStrip | null = o.ko ? mountSoftphoneStrip(body, o.ko, { t, send: (c) => link.softphone(c), popOut, isPopout }) : null;
  let last: SoftphoneView | undefined;
  // This pop-out could not start SIP: its own strip says so even before a session relays it.
  let failed: Problem | null = null;
  const show = () => strip?.render(failed && last ? { ...last, popoutProblem: failed } : last);
  const credentialsUrl = config.softphoneCredentialsUrl;
  if (isPopout && credentialsUrl) {
    const sip = { credentialsUrl, ...(config.softphoneSipIn ? { sipIn: config.softphoneSipIn } : {}) };
    maybeOwnSip(config, sip, link.pageId, media).catch((err: unknown) => {
      const failure = popoutSipFailure(err);
      log.error('the pop-out could not start the softphone:', failure.message);
      failed = failure.problem;
      announcePopoutFailure(failed);
      show();
    });
  }
  return {
    media,
    render(state) {
      last = state.softphone;
      show();
      const ringingHere = !!last && last.mediaHost === link.pageId && last.calls.some((c) => c.state === 'ringing' && c.direction === 'inbound');
      o.bar.setAttribute('data-bandeau-ringing', ringingHere ? 'true' : 'false');
      if (ringingHere) ringer.start();
      else ringer.stop();
      o.bar.setAttribute('data-bandeau-registration', last?.registration ?? 'off');
    },
    muteAll(muted) {
      for (const c of last?.calls ?? []) if (c.state === 'connected' || c.state === 'held') link.softphone({ type: 'softphone.mute', callId: c.id, muted });
    },
  };
}
