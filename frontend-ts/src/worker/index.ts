import { SessionHub } from './sessionHub';
import { provideSoftphone } from './softphone';
import { engineSoftphone } from './softphone/hubSoftphone';
import { startPopoutSip } from '../popout/popoutSip';

// Softphone mode: sip.js lives in this bundle, never in the page bundle.
provideSoftphone(engineSoftphone);

/**
 * Entry of the worker bundle. In a SharedWorker it serves every admin page and tab of the
 * origin. Loaded as a plain script in a page (browsers without SharedWorker), it exposes the
 * same session on a MessageChannel, so the page client speaks one protocol either way.
 */
interface SharedScope {
  onconnect: ((ev: MessageEvent) => void) | null;
}

declare const SharedWorkerGlobalScope: { new (): unknown } | undefined;

const g = globalThis as unknown as Record<string, unknown>;

if (typeof SharedWorkerGlobalScope !== 'undefined' && globalThis instanceof (SharedWorkerGlobalScope as unknown as typeof Object)) {
  const hub = new SessionHub('shared-worker');
  (globalThis as unknown as SharedScope).onconnect = (ev: MessageEvent) => {
    const port = ev.ports[0];
    if (port) hub.addPort(port);
  };
} else if (typeof window !== 'undefined') {
  let hub: SessionHub | null = null;
  // The pop-out phone window runs sip.js itself where the worker dies with each page.
  g.BandeauPopoutSip = { start: startPopoutSip };
  g.BandeauInPageSession = {
    connect(): MessagePort {
      hub ??= new SessionHub('in-page');
      const channel = new MessageChannel();
      hub.addPort(channel.port2);
      return channel.port1;
    },
  };
}
