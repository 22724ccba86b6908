import { Problem, SoftphoneCommand, SoftphoneView, parseMessage } from '../../../../bridge/src/protocol/messages';

/**
 * Who runs sip.js. Where the SharedWorker survives navigation (Chromium 148+, created with
 * `extendedLifetime`), the worker does. Elsewhere (Firefox, Safari) a worker dies with each page,
 * so the pop-out phone window runs sip.js while it is open: it holds the SIP_LOCK Web Lock (one
 * registration per browser), publishes its softphone view on SIP_CHANNEL and takes the commands
 * of the other pages' bars from it.
 */
export const SIP_LOCK = 'bandeau-softphone-sip';
export const SIP_CHANNEL = 'bandeau-softphone';

export type SipOwner = 'worker' | 'popout';

/** True in browsers whose SharedWorker outlives a navigation (measured: Chrome/Edge 148+). */
export function workerSurvivesNavigation(userAgent: string): boolean {
  if (/Firefox\//.test(userAgent)) return false;
  const m = /(?:Chrome|Chromium|Edg)\/(\d+)/.exec(userAgent);
  return !!m && Number(m[1]) >= 148;
}

export function resolveSipOwner(pref: 'auto' | 'worker' | 'popout' | undefined, inSharedWorker: boolean, userAgent: string): SipOwner {
  if (pref === 'worker' || pref === 'popout') return pref;
  return inSharedWorker && workerSurvivesNavigation(userAgent) ? 'worker' : 'popout';
}

/** Messages on SIP_CHANNEL (same origin only; still validated, like every other message). */
export type ChannelMsg =
  | { t: 'view'; view: SoftphoneView }
  | { t: 'cmd'; pageId: string; command: SoftphoneCommand }
  /** The pop-out window could not start its user agent (repeated while it stays open). */
  | { t: 'failed'; problem: Problem }
  | { t: 'hello' }
  | { t: 'bye' };

export function parseChannelMsg(raw: unknown): ChannelMsg | null {
  const m = raw as { t?: unknown; view?: unknown; pageId?: unknown; command?: unknown; problem?: unknown } | null;
  if (!m || typeof m !== 'object') return null;
  if (m.t === 'hello' || m.t === 'bye') return { t: m.t };
  if (m.t === 'view') {
    const v = parseMessage(SoftphoneView, m.view);
    return v.ok ? { t: 'view', view: v.value } : null;
  }
  if (m.t === 'failed') {
    const p = parseMessage(Problem, m.problem);
    return p.ok ? { t: 'failed', problem: p.value } : null;
  }
  if (m.t === 'cmd' && typeof m.pageId === 'string' && m.pageId.length <= 64) {
    const c = parseMessage(SoftphoneCommand, m.command);
    return c.ok ? { t: 'cmd', pageId: m.pageId, command: c.value } : null;
  }
  return null;
}

interface Locks {
  request(name: string, options: { steal?: boolean }, cb: () => Promise<void>): Promise<void>;
}

/**
 * The SIP ownership lock. acquire() resolves once held; `onLost` runs when another context
 * steals it (the pop-out taking over from a worker).
 */
export function sipLock(steal: boolean) {
  let release: (() => void) | null = null;
  return {
    acquire(onLost: () => void): Promise<void> {
      const locks = (globalThis as { navigator?: { locks?: Locks } }).navigator?.locks;
      // Held already (starting again after failed credentials): Web Locks are not reentrant, a
      // second request would wait for ever behind our own.
      if (!locks || release) return Promise.resolve();
      return new Promise<void>((resolve) => {
        locks
          .request(SIP_LOCK, steal ? { steal: true } : {}, () => {
            resolve();
            return new Promise<void>((r) => (release = r));
          })
          .catch(() => {
            release = null;
            onLost();
          });
      });
    },
    release(): void {
      release?.();
      release = null;
    },
  };
}
