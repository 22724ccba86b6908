import type { SdpRequestMsg, SdpResultMsg, SoftphoneSessionConfig } from '../../../bridge/src/protocol/messages';
import { fetchSoftphoneCredentials } from '../session/softphone/credentials';
import { SoftphoneEngine } from '../session/softphone/engine';
import { SIP_CHANNEL, parseChannelMsg, sipLock, type ChannelMsg } from '../session/softphone/sipOwner';

/** The pop-out window's media host (the page bundle's MediaHost). */
export interface LocalMedia {
  handle(req: SdpRequestMsg, reply: (r: Omit<SdpResultMsg, 'type' | 'pageId'>) => void): void;
}

export interface PopoutSipOptions {
  config: SoftphoneSessionConfig;
  formKey: string | undefined;
  /** The pop-out's page id in the session (where calls ring and whose media it is). */
  pageId: string;
  media: LocalMedia;
}

/**
 * sip.js in the pop-out phone window, for browsers whose worker does not survive navigation:
 * it takes the SIP lock from the worker, registers, hosts every call's media itself, publishes
 * its softphone view to the other pages' sessions over a BroadcastChannel and takes their
 * commands from it. Closing the window unregisters and hands SIP back to the worker.
 */
export function startPopoutSip(o: PopoutSipOptions): { close(): void } {
  const channel = new BroadcastChannel(SIP_CHANNEL);
  const lock = sipLock(true);
  let queued = false;
  const publish = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      channel.postMessage({ t: 'view', view: engine.view() } satisfies ChannelMsg);
    });
  };
  const engine: SoftphoneEngine = new SoftphoneEngine(
    {
      post: (_pageId, req) => o.media.handle(req, (r) => engine.onResult({ type: 'sdp.result', pageId: o.pageId, ...r })),
      changed: publish,
      credentials: () => fetchSoftphoneCredentials(o.config.credentialsUrl, o.formKey),
      sipIn: 'popout',
      acquire: (onLost) => lock.acquire(onLost),
      releaseLock: () => lock.release(),
    },
    // The pop-out never navigates: no grace before parking, and it releases SIP when it closes.
    o.config,
  );
  channel.onmessage = (ev: MessageEvent) => {
    const msg = parseChannelMsg(ev.data);
    if (msg?.t === 'hello') publish();
    else if (msg?.t === 'cmd') engine.command(msg.pageId, msg.command);
  };
  engine.setPages([{ pageId: o.pageId, visible: true, role: 'popout', media: true, since: Date.now() }]);
  const heartbeat = setInterval(publish, 2_000);
  const close = () => {
    clearInterval(heartbeat);
    channel.postMessage({ t: 'bye' } satisfies ChannelMsg);
    channel.close();
    engine.close();
  };
  addEventListener('pagehide', close, { once: true });
  return { close };
}
