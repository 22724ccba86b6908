import type { Problem, SoftphoneView } from '../../../bridge/src/protocol/messages';
import { problem, problemText, type Translate } from '../page/strings';
import { SIP_CHANNEL, parseChannelMsg, type ChannelMsg } from '../session/softphone/sipOwner';

// (Written without DOM types: the unit tests compile this file for Node.)

/** The pop-out could not start its SIP user agent: the log's words and what the bars show. */
export class PopoutSipFailure extends Error {
  constructor(
    message: string,
    readonly problem: Problem,
  ) {
    super(message);
  }
}

/** The reasons the pop-out gives (each a UI string). */
export const NOT_LOADED = () => problem('The phone window could not load the softphone: calls may not reach you. Close it and open it again.');
export const NOT_STARTED = () => problem('The phone window loaded the softphone but it did not start: calls may not reach you. Close it and open it again.');

/** Any error of the pop-out's start, as a PopoutSipFailure. */
export function popoutSipFailure(err: unknown): PopoutSipFailure {
  if (err instanceof PopoutSipFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PopoutSipFailure(message, problem('The phone window could not start the softphone (%1): calls may not reach you. Close it and open it again.', message));
}

/**
 * Tells the sessions (and so the bars of every admin page) that this pop-out could not start
 * SIP: now, to every session that says hello (Firefox starts a worker per page), and every 2 s
 * while the window is open, so the bars drop it once the window is gone.
 */
export function announcePopoutFailure(p: Problem): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(SIP_CHANNEL);
  const say = () => channel.postMessage({ t: 'failed', problem: p } satisfies ChannelMsg);
  channel.onmessage = (ev: MessageEvent) => {
    if (parseChannelMsg(ev.data)?.t === 'hello') say();
  };
  say();
  const heartbeat = setInterval(say, 2_000);
  const close = () => {
    clearInterval(heartbeat);
    channel.postMessage({ t: 'bye' } satisfies ChannelMsg);
    channel.close();
  };
  (globalThis as unknown as { addEventListener(type: string, cb: () => void, o: { once: boolean }): void }).addEventListener('pagehide', close, { once: true });
  return close;
}

/** The softphone strip's alert line: a pop-out that could not start SIP first (calls may not reach the agent). */
export function softphoneProblem(view: SoftphoneView, t: Translate): string | null {
  const p = view.popoutProblem ?? view.problem;
  return p ? problemText(p, t) : null;
}

/**
 * The registration the strip shows: unavailable while the open pop-out has no softphone, whatever
 * the session's own user agent says (the agent relies on the window for calls).
 */
export function shownRegistration(view: SoftphoneView): SoftphoneView['registration'] {
  return view.popoutProblem ? 'failed' : view.registration;
}
