import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Call, ViewState } from '../../../bridge/src/protocol/messages';
import { controlsFor, presentCalls } from '../../../frontend-ts/src/page/bar/model';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';

/** What the bar shows for each call state an agent can be in (issue 12: states an agent can trust). */
const call = (over: Partial<Call>): Call => ({
  id: 'c1',
  direction: 'inbound',
  state: 'answered',
  from: '+33612345678',
  to: '7001',
  rung: ['7001'],
  answeredBy: '7001',
  startedAt: '2026-11-30T10:00:00.000Z',
  answeredAt: '2026-11-30T10:00:03.000Z',
  endedAt: null,
  disposition: null,
  ...over,
});

const view = (calls: Call[], extension = '7001'): ViewState => ({
  connection: 'connected',
  problem: null,
  agent: { userId: 1, name: 'Alice Martin', extension, permissions: [], status: 'available' },
  calls,
  recent: [],
  recentSeenAt: null,
  lookups: {},
  pages: 1,
  connectionsOpened: 1,
  host: 'shared-worker',
  sessionAgeMs: 0,
});

const fr = Object.fromEntries((parse(readFileSync(path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n/fr_FR.csv')), { relax_column_count: true }) as string[][]).map((r) => [r[0], r[1]]));

describe('phone bar: call states', () => {
  const en = makeTranslator(undefined);

  test.each([
    ['ringing', 'Ringing', 'Sonnerie'],
    ['answered', 'In call', 'En communication'],
    ['held', 'On hold', 'En attente'],
    ['transferring', 'Transferring…', 'Transfert en cours…'],
    ['parked', 'Parked', 'Parqué'],
  ] as const)('%s reads "%s" (French "%s")', (state, english, french) => {
    expect(presentCalls(view([call({ state, answeredBy: state === 'ringing' ? null : '7001' })]), en)[0]!.stateLabel).toBe(english);
    expect(presentCalls(view([call({ state, answeredBy: state === 'ringing' ? null : '7001' })]), makeTranslator(fr))[0]!.stateLabel).toBe(french);
  });

  test('a call the agent passed on leaves the bar', () => {
    const shown = presentCalls(view([call({ id: 'gone', state: 'transferred' }), call({ id: 'mine', state: 'ringing', answeredBy: null })]), en);
    expect(shown.map((c) => c.id)).toEqual(['mine']);
  });

  test('controls that make no sense in a state are off', () => {
    expect(controlsFor('ringing')).toEqual({ hangup: true, hold: false, keypad: false, transfer: false });
    expect(controlsFor('answered')).toEqual({ hangup: true, hold: true, keypad: true, transfer: true });
    // On hold: resume (the Hold button) or hang up; no tones or transfer while nobody is bridged.
    expect(controlsFor('held')).toEqual({ hangup: true, hold: true, keypad: false, transfer: false });
    // A consultation going on: hanging up completes the transfer on Asterisk; nothing else.
    expect(controlsFor('transferring')).toEqual({ hangup: true, hold: false, keypad: false, transfer: false });
    expect(controlsFor('parked')).toEqual({ hangup: false, hold: false, keypad: false, transfer: false });
  });

  test('another agent who has the call, holds or parked it is named, with no controls', () => {
    for (const state of ['answered', 'held', 'parked'] as const) {
      const [c] = presentCalls(view([call({ state, answeredBy: '7002' })]), en);
      expect(c).toMatchObject({ answeredElsewhere: '7002', stateLabel: 'Answered by 7002' });
    }
    // Consulting a colleague: the party on hold answered the call, the controls stay with the agent.
    const [consulting] = presentCalls(view([call({ direction: 'internal', from: '7001', to: '7005', state: 'transferring', answeredBy: '7005' })]), en);
    expect(consulting).toMatchObject({ answeredElsewhere: null, stateLabel: 'Transferring…', can: { hangup: true, transfer: false } });
    const [ringing] = presentCalls(view([call({ state: 'ringing', answeredBy: null })]), en);
    expect(ringing!.answeredElsewhere).toBeNull();
  });

  test('an internal call names the colleague on the other end, whoever placed it', () => {
    const internal = call({ direction: 'internal', from: '7001', to: '7002', answeredBy: '7002' });
    expect(presentCalls(view([internal], '7001'), en)[0]!.label).toBe('Internal call with 7002');
    expect(presentCalls(view([internal], '7002'), en)[0]!.label).toBe('Internal call with 7001');
  });
});
