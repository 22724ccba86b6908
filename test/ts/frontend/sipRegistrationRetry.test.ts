/**
 * The softphone's registration asks for its credentials again after a failed request. The
 * pop-out phone window starts its user agent once (it has no page heartbeat that would start it
 * again) after taking the SIP lock from the worker: without a retry, one failed POST left the
 * agent with no registration at all until the pop-out was closed.
 */
// sip.js is an ES module the unit project does not load; these paths are never reached here
// (every credentials request fails or the registration is released first).
jest.mock('sip.js/lib/api/registerer.js', () => ({ Registerer: class {} }));
jest.mock('sip.js/lib/api/registerer-state.js', () => ({ RegistererState: { Registered: 'Registered', Unregistered: 'Unregistered' } }));
jest.mock('sip.js/lib/api/user-agent.js', () => ({ UserAgent: class {} }));
jest.mock('sip.js/lib/platform/web/transport/transport.js', () => ({ Transport: class {} }));

import { SipRegistration } from '../../../frontend-ts/src/session/softphone/sipRegistration';
import { sipLock } from '../../../frontend-ts/src/session/softphone/sipOwner';

function registration(credentials: jest.Mock, lock?: ReturnType<typeof sipLock>) {
  return new SipRegistration({
    credentials,
    ...(lock ? { acquire: (onLost: () => void) => lock.acquire(onLost), releaseLock: () => lock.release() } : {}),
    lost: () => undefined,
    changed: () => undefined,
    onInvite: () => undefined,
    sdh: () => {
      throw new Error('no session here');
    },
    hangUpAll: () => undefined,
  });
}

/** Lets the promise chains of a connect attempt settle. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

beforeEach(() => {
  jest.useFakeTimers();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('the softphone registration, when the credentials request fails', () => {
  it('shows the problem and asks again, later and later', async () => {
    const credentials = jest.fn().mockRejectedValue(new Error('the softphone credentials endpoint answered HTTP 503'));
    const sip = registration(credentials);
    await sip.start();
    expect(sip.state).toBe('failed');
    expect(sip.problem?.text).toBe('Cannot get the softphone credentials: %1');
    expect(credentials).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(999);
    expect(credentials).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(credentials).toHaveBeenCalledTimes(2);
    // Backoff: 2 s before the third request.
    await jest.advanceTimersByTimeAsync(1_999);
    expect(credentials).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(credentials).toHaveBeenCalledTimes(3);
    expect(sip.state).toBe('failed');
  });

  it('does not ask again once released (the pop-out closed, SIP handed back)', async () => {
    const credentials = jest.fn().mockRejectedValue(new Error('offline'));
    const sip = registration(credentials);
    await sip.start();
    await sip.release(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(credentials).toHaveBeenCalledTimes(1);
    expect(sip.state).toBe('released');
  });

  it('makes one request at a time when a page starts it again meanwhile (the worker\'s heartbeat)', async () => {
    let fail: (e: Error) => void = () => undefined;
    const credentials = jest.fn().mockRejectedValueOnce(new Error('busy')).mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const sip = registration(credentials);
    await sip.start();
    const again = sip.start();
    await settle();
    expect(credentials).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(credentials).toHaveBeenCalledTimes(2);
    fail(new Error('busy'));
    await again;
    expect(sip.state).toBe('failed');
  });
});

/** Web Locks as browsers have them for one lock name: exclusive, not reentrant, granted in order. */
class FakeLocks {
  private held = false;
  private readonly waiting: Array<() => void> = [];
  request(_name: string, _options: { steal?: boolean }, cb: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        void cb().then(() => {
          this.held = false;
          resolve();
          this.waiting.shift()?.();
        });
      };
      if (this.held) this.waiting.push(grant);
      else grant();
    });
  }
}

describe('the SIP lock, where the pop-out may own SIP', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).navigator;
  });

  it('is not asked for again by its holder: a page starting the registration after failed credentials gets a new request', async () => {
    Object.defineProperty(globalThis, 'navigator', { value: { locks: new FakeLocks() }, configurable: true });
    const credentials = jest.fn().mockRejectedValue(new Error('busy'));
    const sip = registration(credentials, sipLock(false));
    await sip.start();
    expect(credentials).toHaveBeenCalledTimes(1);
    // The worker's next page heartbeat starts it again, before the retry is due.
    void sip.start();
    await settle();
    expect(credentials).toHaveBeenCalledTimes(2);
    await sip.release(false);
  });
});
