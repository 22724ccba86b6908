/// <reference lib="dom" />
/**
 * The pop-out phone window that cannot start its SIP user agent (its bundle does not load, loads
 * without starting, or throws) says so to every session over the softphone BroadcastChannel, and
 * the bars show it as the softphone's alert line: before, it only wrote to the console and the
 * agent believed calls would ring in the window.
 */
// sip.js is an ES module the unit project does not load; the engine never starts here (no page attaches).
jest.mock('sip.js/lib/api/invitation.js', () => ({ Invitation: class {} }));
jest.mock('sip.js/lib/api/inviter.js', () => ({ Inviter: class {} }));
jest.mock('sip.js/lib/api/session-state.js', () => ({ SessionState: {} }));
jest.mock('sip.js/lib/api/registerer.js', () => ({ Registerer: class {} }));
jest.mock('sip.js/lib/api/registerer-state.js', () => ({ RegistererState: {} }));
jest.mock('sip.js/lib/api/user-agent.js', () => ({ UserAgent: class {} }));
jest.mock('sip.js/lib/platform/web/transport/transport.js', () => ({ Transport: class {} }));

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SoftphoneView } from '../../../bridge/src/protocol/messages';
import { SoftphoneView as SoftphoneViewSchema, parseMessage } from '../../../bridge/src/protocol/messages';
import { makeTranslator, problem } from '../../../frontend-ts/src/page/strings';
import { PopoutSipFailure, announcePopoutFailure, popoutSipFailure, shownRegistration, softphoneProblem } from '../../../frontend-ts/src/popout/popoutFailure';
import { engineSoftphone } from '../../../frontend-ts/src/session/softphone/hubSoftphone';
import { SIP_CHANNEL, parseChannelMsg } from '../../../frontend-ts/src/session/softphone/sipOwner';

const fr = makeTranslator(Object.fromEntries((parse(readFileSync(path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n/fr_FR.csv')), { relax_column_count: true }) as string[][]).map((r) => [r[0], r[1]])));
const en = makeTranslator(undefined);

const baseView: SoftphoneView = { registration: 'registered', problem: null, aor: 'sip:7001@pbx', sipIn: 'worker', mediaHost: 'p1', popout: true, calls: [], registers: 1 };
const NOT_STARTED = problem('The phone window loaded the softphone but it did not start: calls may not reach you. Close it and open it again.');

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('pop-out phone window that cannot start SIP', () => {
  const listeners: Array<() => void> = [];
  beforeAll(() => {
    // The pop-out says goodbye on pagehide (Node has no window events).
    (globalThis as { addEventListener?: unknown }).addEventListener = (_type: string, cb: () => void) => listeners.push(cb);
  });
  afterAll(() => {
    delete (globalThis as { addEventListener?: unknown }).addEventListener;
  });

  it('words each reason as a translatable problem, the thrown error as its value', () => {
    const thrown = popoutSipFailure(new Error('UserAgent: bad transport'));
    expect(thrown).toBeInstanceOf(PopoutSipFailure);
    expect(thrown.problem).toEqual({ text: 'The phone window could not start the softphone (%1): calls may not reach you. Close it and open it again.', args: ['UserAgent: bad transport'] });
    const own = new PopoutSipFailure('the softphone bundle loaded but did not start', NOT_STARTED);
    expect(popoutSipFailure(own)).toBe(own);
    expect(en(thrown.problem.text as never, ...thrown.problem.args)).toContain('(UserAgent: bad transport)');
  });

  it('the channel carries a failure, and refuses one that is not a problem', () => {
    expect(parseChannelMsg({ t: 'failed', problem: NOT_STARTED })).toEqual({ t: 'failed', problem: NOT_STARTED });
    expect(parseChannelMsg({ t: 'failed', problem: { text: 'x'.repeat(300), args: [] } })).toBeNull();
    expect(parseChannelMsg({ t: 'failed' })).toBeNull();
  });

  it('the session view carries it to the bars while the window is open, and drops it when the window goes', async () => {
    const changed = jest.fn();
    const hub = engineSoftphone({ credentialsUrl: 'https://admin.example/cred', sipIn: 'popout' }, 'k', 'shared-worker', { post: () => undefined, changed });
    try {
      expect(hub.view().popoutProblem).toBeUndefined();
      const close = announcePopoutFailure(NOT_STARTED);
      await tick();
      expect(changed).toHaveBeenCalled();
      const view = hub.view();
      expect(view.popoutProblem).toEqual(NOT_STARTED);
      // Still a valid wire view (the worker sends it to every page in its state).
      expect(parseMessage(SoftphoneViewSchema, view).ok).toBe(true);

      // A session that starts later (Firefox: a worker per page) hears it when it says hello.
      const late = engineSoftphone({ credentialsUrl: 'https://admin.example/cred', sipIn: 'popout' }, 'k', 'shared-worker', { post: () => undefined, changed: () => undefined });
      await tick();
      expect(late.view().popoutProblem).toEqual(NOT_STARTED);
      late.close();

      close();
      await tick();
      expect(hub.view().popoutProblem).toBeUndefined();
    } finally {
      hub.close();
    }
  });

  it('a pop-out that starts after all clears it', async () => {
    const hub = engineSoftphone({ credentialsUrl: 'https://admin.example/cred', sipIn: 'popout' }, 'k', 'shared-worker', { post: () => undefined, changed: () => undefined });
    const other = new BroadcastChannel(SIP_CHANNEL);
    try {
      other.postMessage({ t: 'failed', problem: NOT_STARTED });
      await tick();
      expect(hub.view().popoutProblem).toEqual(NOT_STARTED);
      other.postMessage({ t: 'view', view: { ...baseView, sipIn: 'popout' } });
      await tick();
      expect(hub.view().popoutProblem).toBeUndefined();
      expect(hub.view().sipIn).toBe('popout');
    } finally {
      other.close();
      hub.close();
    }
  });

  it('the strip shows it first, the softphone as unavailable, in the agent\'s language', () => {
    expect(shownRegistration(baseView)).toBe('registered');
    expect(shownRegistration({ ...baseView, popoutProblem: NOT_STARTED })).toBe('failed');
    const lost = problem('Lost the SIP connection: %1', 'closed');
    expect(softphoneProblem(baseView, en)).toBeNull();
    expect(softphoneProblem({ ...baseView, problem: lost }, en)).toBe('Lost the SIP connection: closed');
    expect(softphoneProblem({ ...baseView, problem: lost, popoutProblem: NOT_STARTED }, en)).toBe(NOT_STARTED.text);
    expect(softphoneProblem({ ...baseView, popoutProblem: NOT_STARTED }, fr)).toBe(
      "La fenêtre du téléphone a chargé le softphone mais il n'a pas démarré : les appels risquent de ne pas vous parvenir. Fermez-la et rouvrez-la.",
    );
  });
});
