import { MessageChannel } from 'node:worker_threads';
import type { PagePort, SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import type { SessionConfig, ViewState, WorkerToPage } from '../../../bridge/src/protocol/messages';

/**
 * A fake admin page on a MessagePort, as the SharedWorker's hub sees one: records everything the
 * hub sends it and says hello, posts commands and waits for states the way a real page would.
 */
export function fakePage(hub: SessionHub, id = 'P', options: { timeoutMs?: number } = {}) {
  const ch = new MessageChannel();
  const received: WorkerToPage[] = [];
  // Each returns true once satisfied, and is then dropped.
  const listeners: Array<() => boolean> = [];
  ch.port1.on('message', (m: WorkerToPage) => {
    received.push(m);
    for (const l of [...listeners]) if (l()) listeners.splice(listeners.indexOf(l), 1);
  });
  hub.addPort(ch.port2 as unknown as PagePort);
  const states = (): ViewState[] => received.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  const state = (): ViewState | null => {
    for (let i = received.length - 1; i >= 0; i--) {
      const m = received[i]!;
      if (m.type === 'state') return m.state;
    }
    return null;
  };
  const post = (m: unknown) => ch.port1.postMessage(m);
  return {
    id,
    received,
    states,
    state,
    post,
    opened: () => received.filter((m) => m.type === 'open'),
    notices: () => received.filter((m) => m.type === 'notice'),
    connected: () => states().some((s) => s.connection === 'connected'),
    /** The page's hello with form key "fk"; `extra` adds to or replaces the config's fields. */
    hello(tokenUrl: string, bridgeUrl: string, extra: Partial<SessionConfig> = {}) {
      post({ type: 'hello', pageId: id, visible: true, config: { bridgeUrl, tokenUrl, formKey: 'fk', ...extra } });
    },
    /** The latest state once it satisfies `pred` (now or on a later message). */
    until(pred: (s: ViewState) => boolean, timeoutMs = options.timeoutMs ?? 8000): Promise<ViewState> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const s = state();
          if (!s || !pred(s)) return false;
          clearTimeout(t);
          resolve(s);
          return true;
        };
        const t = setTimeout(() => reject(new Error(`state not reached; last: ${JSON.stringify(state())}`)), timeoutMs);
        if (!check()) listeners.push(check);
      });
    },
    close: () => ch.port1.close(),
  };
}

export type FakePage = ReturnType<typeof fakePage>;
