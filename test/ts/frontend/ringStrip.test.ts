import ko from 'knockout';
import type { Call, ViewState } from '../../../bridge/src/protocol/messages';
import { callFixture } from '../helpers/callFixture';
import { viewStateFixture } from '../helpers/viewStateFixture';
import { missedCount, presentCalls, presentRecent } from '../../../frontend-ts/src/page/bar/model';
import { createStrip } from '../../../frontend-ts/src/page/bar/strip';
import type { BarContext } from '../../../frontend-ts/src/page/bar/context';
import type { PageCommand } from '../../../frontend-ts/src/page/sessionLink';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { iconStyle } from '../../../frontend-ts/src/page/bar/icons';

/** Issue 13, point 1: what rings, what Decline is offered for, and declined calls not missed. */
const call = (over: Partial<Call>): Call => callFixture({ startedAt: '2026-11-30T10:00:00.000Z', ...over });

const view = (calls: Call[], o: Partial<ViewState> = {}): ViewState => viewStateFixture(calls, o);

const t = makeTranslator(undefined);

function strip(softphone = false) {
  const sent: PageCommand[] = [];
  const soft: unknown[] = [];
  const ctx = { ko, t, o: { t, softphone, send: (c: PageCommand) => sent.push(c), softphoneCommand: (c: unknown) => soft.push(c) } } as unknown as BarContext;
  return { s: createStrip(ctx), sent, soft };
}

describe('ring strip', () => {
  // The announcer clears itself after a while: no real timer left behind.
  beforeAll(() => jest.useFakeTimers());
  afterAll(() => jest.useRealTimers());

  test('an incoming ringing call rings, with Decline (call.decline) and no Hang up; a call the agent places does not ring', () => {
    const { s, sent } = strip();
    const state = view([call({ id: 'in' }), call({ id: 'out', direction: 'outbound', from: '7001', to: '+33612345678' }), call({ id: 'int', direction: 'internal', from: '7002', to: '7001' })]);
    const rings = s.updateStrip(state, presentCalls(state, t));
    expect(rings.map((r) => r.key)).toEqual(['in', 'int']);
    const [inbound, outbound] = s.stripRows();
    expect(inbound!.hangup).toBeNull();
    inbound!.decline!();
    expect(sent).toEqual([{ type: 'call.decline', callId: 'in' }]);
    // The agent's own call ringing out is cancelled with Hang up, never "declined".
    expect(outbound!.decline).toBeNull();
    expect(outbound!.hangup).not.toBeNull();
    expect(outbound!.icon).toBe('outbound');
  });

  test('announces a call once, when it starts ringing', () => {
    const { s } = strip();
    const state = view([call({})]);
    s.updateStrip(view([]), []);
    expect(s.announcement()).toBe('');
    s.updateStrip(state, presentCalls(state, t));
    expect(s.announcement()).toMatch(/^Incoming call from /);
    s.announcement('');
    s.updateStrip(state, presentCalls(state, t));
    expect(s.announcement()).toBe('');
  });

  test('a call a colleague answered leaves the strip and stops ringing', () => {
    const { s } = strip();
    const state = view([call({ state: 'answered', answeredBy: '7002', answeredAt: '2026-11-30T10:00:03.000Z' })]);
    expect(s.updateStrip(state, presentCalls(state, t))).toEqual([]);
    expect(s.stripRows()).toEqual([]);
  });

  test('softphone mode lists the browser\'s calls: Answer and Decline while it rings, Hang up after', () => {
    const { s, soft } = strip(true);
    const sc = { id: 's1', direction: 'inbound' as const, remote: '+33612345678', state: 'ringing' as const, media: 'none' as const, hostPageId: null, muted: false, startedAt: '2026-11-30T10:00:00.000Z', answeredAt: null };
    const softphone = { registration: 'registered' as const, problem: null, aor: null, sipIn: 'worker' as const, mediaHost: null, popout: false, calls: [sc], registers: 1 };
    const rings = s.updateStrip(view([], { softphone }), []);
    expect(rings).toEqual([{ key: 'soft:s1', caller: '+33612345678' }]);
    s.stripRows()[0]!.answer!();
    s.stripRows()[0]!.decline!();
    expect(soft).toEqual([{ type: 'softphone.answer', callId: 's1' }, { type: 'softphone.decline', callId: 's1' }]);
    s.updateStrip(view([], { softphone: { ...softphone, calls: [{ ...sc, state: 'connected' }] } }), []);
    expect(s.stripRows()[0]!.answer).toBeNull();
    expect(s.stripRows()[0]!.hangup).not.toBeNull();
  });
});

describe('declined calls', () => {
  const ended = (over: Partial<Call>) => call({ state: 'ended', endedAt: '2026-11-30T10:00:20.000Z', disposition: 'missed', ...over });

  test('are not missed calls for the agent who declined them, and read "Declined"', () => {
    const state = view([], { recent: [ended({ id: 'declined', declinedBy: ['7001'] }), ended({ id: 'missed' })] });
    expect(missedCount(state)).toBe(1);
    const recent = presentRecent(state, t);
    expect(recent.find((r) => r.id === 'declined')).toMatchObject({ missed: false, outcome: 'Declined' });
    expect(recent.find((r) => r.id === 'missed')).toMatchObject({ missed: true, outcome: 'Missed' });
  });

  test('stay missed for a colleague who did not decline', () => {
    const state = view([], { recent: [ended({ declinedBy: ['7002'], rung: ['7001', '7002'] })] });
    expect(missedCount(state)).toBe(1);
  });
});

describe('icon set', () => {
  test('every icon is a data URL the browser can parse, and buttons without one draw nothing', () => {
    const css = iconStyle();
    for (const m of css.matchAll(/url\("(data:image\/svg\+xml,[^"]*)"\)/g)) {
      // No raw characters that would end the url() or the attribute early.
      expect(m[1]).not.toMatch(/[<>"#]/);
    }
    expect(css).toContain('content:var(--bic,none)');
    expect(css).toContain('[data-action="hangup"]{--bi:var(--bi-phone);--bic:\'\';--bir:135deg}');
  });
});
