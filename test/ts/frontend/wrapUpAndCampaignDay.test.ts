import { CAMPAIGN_OUTCOMES, dayStart, localDateTime, presentDay, snoozeUntil, toLocalInput } from '../../../frontend-ts/src/page/campaignDay';
import { presentLastCalls } from '../../../frontend-ts/src/page/bar/lastCalls';
import { makePlural } from '../../../frontend-ts/src/page/plural';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { CallerLookup } from '../../../frontend-ts/src/session/callerLookup';

const t = makeTranslator(undefined);
const tn = makePlural(t, 'en_US');

describe('campaign day in words (issue 13, point 12)', () => {
  it('counts contacts left, calls and results with plurals, skips and snoozes only when there are some', () => {
    expect(presentDay({ contactsLeft: 1, dueNow: 0, calls: 1, results: [{ outcome: 'callback', count: 1 }], skipped: 0, snoozed: 0, since: '' }, t, tn)).toEqual({
      left: '1 contact left · Due now: 0',
      calls: '1 call today',
      results: ['Call back later: 1'],
    });
    expect(presentDay({ contactsLeft: 12, dueNow: 5, calls: 3, results: [], skipped: 2, snoozed: 1, since: '' }, t, tn)).toEqual({
      left: '12 contacts left · Due now: 5',
      calls: '3 calls today · Skipped: 2 · Snoozed: 1',
      results: [],
    });
    const fr = makeTranslator({ '%1 contact left': '%1 contact restant', '%1 contacts left': '%1 contacts restants', 'Due now: %1': 'À appeler maintenant : %1', '%1 call today': '%1 appel aujourd’hui', '%1 calls today': '%1 appels aujourd’hui' });
    // French says "0 contact restant": one form for 0 and 1.
    expect(presentDay({ contactsLeft: 0, dueNow: 0, calls: 0, results: [], skipped: 0, snoozed: 0, since: '' }, fr, makePlural(fr, 'fr_FR')).left).toBe('0 contact restant · À appeler maintenant : 0');
  });

  it('offers every outcome the module accepts, none first', () => {
    expect(CAMPAIGN_OUTCOMES.map(([v]) => v)).toEqual(['reached_ordered', 'will_order', 'not_interested', 'callback', 'no_answer', 'wrong_number']);
  });

  it('reads the date-time input in the agent\'s time and computes snoozes and the start of the day', () => {
    const now = new Date(2026, 10, 18, 16, 42, 10).getTime();
    expect(snoozeUntil('1h', now).getTime()).toBe(now + 3_600_000);
    expect(snoozeUntil('3h', now).getTime()).toBe(now + 3 * 3_600_000);
    expect(snoozeUntil('tomorrow', now)).toEqual(new Date(2026, 10, 19, 9, 0, 0));
    expect(dayStart(now)).toBe(new Date(2026, 10, 18).toISOString());
    expect(localDateTime('2026-11-20T14:30')).toEqual(new Date(2026, 10, 20, 14, 30));
    expect(localDateTime('')).toBeNull();
    expect(localDateTime('tomorrow 3pm')).toBeNull();
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });
});

describe('last calls on the screen-pop card (issue 13, point 5)', () => {
  it('says when, which way and how each ended: the outcome, else the result; notes as text', () => {
    const now = Date.parse('2026-11-20T12:00:00');
    const views = presentLastCalls(
      [
        { callId: 'a', startedAt: new Date('2026-11-20T09:20:00').toISOString(), direction: 'inbound', disposition: 'answered', outcome: 'Question answered', note: '<b>Friday</b>' },
        { callId: 'b', startedAt: new Date('2026-11-19T12:45:00').toISOString(), direction: 'inbound', disposition: 'missed', outcome: null, note: null },
        { startedAt: new Date('2026-11-10T13:25:00').toISOString(), direction: 'outbound', disposition: null },
        { callId: 'd', startedAt: '2026-11-01T10:00:00Z', direction: 'inbound' },
      ],
      t,
      now,
      'en_US',
    );
    expect(views.map((v) => [v.id, v.icon, v.directionLabel, v.outcome, v.note])).toEqual([
      ['a', 'inbound', 'Incoming call', 'Question answered', '<b>Friday</b>'],
      ['b', 'missed', 'Missed call', 'Missed', ''],
      [expect.stringContaining('#2'), 'outbound', 'Outgoing call', '', ''],
    ]);
    expect(views[0]!.time).toMatch(/^0?9:20/);
    expect(views[1]!.time).toMatch(/^Yesterday /);
  });
});

describe('caller lookup cache (issue 13, point 5)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('asks Magento again when a new call comes from a number it already knows, keeping the card meanwhile', async () => {
    let answers = 0;
    global.fetch = jest.fn(async () => {
      answers++;
      const body = { phone: '+12122293326', customers: [{ customerId: 1, name: 'Veronica Costello', lastCalls: Array.from({ length: Math.min(answers - 1, 3) }, (_, i) => ({ callId: `old${i}`, startedAt: '2026-11-18T09:00:00Z', direction: 'inbound' })) }] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    let changes = 0;
    const lookup = new CallerLookup(() => changes++);
    lookup.setUrl('/admin/bandeau/lookup/index/');
    const settle = () => new Promise((r) => setTimeout(r, 20));
    lookup.ensureFor([{ id: 'call1', number: '+12122293326' }]);
    await settle();
    expect(answers).toBe(1);
    // The same call again (every state change): no new request.
    lookup.ensureFor([{ id: 'call1', number: '+12122293326' }]);
    await settle();
    expect(answers).toBe(1);
    // A new call from that number: asked again; the first card stays until the answer.
    lookup.ensureFor([{ id: 'call2', number: '+12122293326' }]);
    expect(lookup.view(['+12122293326'])['+12122293326']).toMatchObject({ status: 'done' });
    await settle();
    expect(answers).toBe(2);
    expect(lookup.view(['+12122293326'])['+12122293326']!.result!.customers[0]!.lastCalls).toHaveLength(1);
    lookup.ensureFor([{ id: 'call2', number: '+12122293326' }]);
    await settle();
    expect(answers).toBe(2);
    // A refresh that fails keeps the card already shown.
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    lookup.ensureFor([{ id: 'call3', number: '+12122293326' }]);
    await settle();
    expect(lookup.view(['+12122293326'])['+12122293326']).toMatchObject({ status: 'done' });
    expect(changes).toBeGreaterThanOrEqual(3);
  });
});
