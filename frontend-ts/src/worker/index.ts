import { SessionHub } from './sessionHub';

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
  g.BandeauInPageSession = {
    connect(): MessagePort {
      hub ??= new SessionHub('in-page');
      const channel = new MessageChannel();
      hub.addPort(channel.port2);
      return channel.port1;
    },
  };
}
