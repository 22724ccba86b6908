import type { Problem, SoftphoneSessionConfig, SoftphoneView } from '../../../../bridge/src/protocol/messages';
import { SIP_CHANNEL, parseChannelMsg, resolveSipOwner, sipLock, type ChannelMsg } from './sipOwner';
import { fetchSoftphoneCredentials } from './credentials';
import { SoftphoneEngine } from './engine';
import type { HubSoftphone, SoftphoneFactory } from './index';

/** A pop-out window that owns SIP is alive while its view keeps coming (it repeats it every 2 s). */
const POPOUT_ALIVE_MS = 6_000;

/**
 * The softphone of a session hub: the sip.js engine here, with its credentials from the module.
 * Where the pop-out window owns SIP (browsers whose worker dies with each page), the engine
 * here only runs while no pop-out holds the SIP lock, and the view and commands are the
 * pop-out's, relayed over a BroadcastChannel.
 */
export const engineSoftphone: SoftphoneFactory = (config, formKey, host, hooks) => {
  let cfg: SoftphoneSessionConfig = config;
  let key = formKey;
  const owner = resolveSipOwner(config.sipIn, host === 'shared-worker', (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '');
  const lock = owner === 'popout' ? sipLock(false) : null;
  const engine = new SoftphoneEngine(
    {
      post: hooks.post,
      changed: hooks.changed,
      credentials: () => fetchSoftphoneCredentials(cfg.credentialsUrl, key),
      sipIn: host === 'in-page' ? 'page' : 'worker',
      ...(lock ? { acquire: (onLost: () => void) => lock.acquire(onLost), releaseLock: () => lock.release() } : {}),
    },
    config,
  );

  let remote: { view: SoftphoneView; at: number } | null = null;
  // An open pop-out that could not start its user agent: the bars say so (it repeats it like a view).
  let failed: { problem: Problem; at: number } | null = null;
  let channel: InstanceType<typeof BroadcastChannel> | null = null;
  let sweep: ReturnType<typeof setInterval> | null = null;
  if (owner === 'popout' && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(SIP_CHANNEL);
    channel.onmessage = (ev: MessageEvent) => {
      const msg = parseChannelMsg(ev.data);
      if (msg?.t === 'view') [remote, failed] = [{ view: msg.view, at: Date.now() }, null];
      else if (msg?.t === 'failed') failed = { problem: msg.problem, at: Date.now() };
      else if (msg?.t === 'bye') [remote, failed] = [null, null];
      else return;
      hooks.changed();
    };
    channel.postMessage({ t: 'hello' } satisfies ChannelMsg);
    sweep = setInterval(() => {
      const stale = (x: { at: number } | null) => !!x && Date.now() - x.at > POPOUT_ALIVE_MS;
      if (stale(remote) || stale(failed)) {
        if (stale(remote)) remote = null;
        if (stale(failed)) failed = null;
        hooks.changed();
      }
    }, 2_000);
  }
  const popoutOwns = () => remote !== null;

  const soft: HubSoftphone = {
    update(c, k) {
      cfg = c;
      key = k ?? key;
      engine.update(c);
    },
    setPages: (pages) => engine.setPages(pages),
    command(pageId, command) {
      if (popoutOwns()) channel?.postMessage({ t: 'cmd', pageId, command } satisfies ChannelMsg);
      else engine.command(pageId, command);
    },
    onResult: (msg) => engine.onResult(msg),
    view: () => {
      const view = remote ? remote.view : engine.view();
      return failed ? { ...view, popoutProblem: failed.problem } : view;
    },
    close() {
      if (sweep) clearInterval(sweep);
      channel?.close();
      engine.close();
    },
  };
  return soft;
};
