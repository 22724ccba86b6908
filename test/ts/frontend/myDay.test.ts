import { readFileSync } from 'node:fs';
import path from 'node:path';
import ko from 'knockout';
import { MyDayResponse, parseMessage } from '../../../bridge/src/protocol/messages';
import type { ContractCall } from '../../../bridge/src/outbox/record';
import { demoMyDay } from '../../../bridge/src/demo/demoMyDay';
import { barTranslations } from '../../../bridge/src/demo/moduleStrings';
import { DEMO_AGENTS, demoDirectory } from '../../../bridge/src/demo/directory';
import { createMyDay, presentMyDay } from '../../../frontend-ts/src/page/bar/myDay';
import { UiState } from '../../../frontend-ts/src/page/bar/uiState';
import { makePlural } from '../../../frontend-ts/src/page/plural';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { viewStateFixture } from '../helpers/viewStateFixture';
import { callFixture } from '../helpers/callFixture';

/**
 * "My day" in the bar (issue 16, point 3): Magento's answer in words with the language's plurals,
 * the view model asking Magento (open, refresh, a few seconds after a call ends) and dialling a
 * call-back, and the demo's stand-in keeping the module's rules.
 */
/** The module's answer as test/contract/ holds it (MyDayTest.php checks the controller gives this shape). */
const contract = () => JSON.parse(readFileSync(path.resolve(__dirname, '../../contract/analytics.myday.response.json'), 'utf8')) as MyDayResponse;

/** Keys and value types, lists read from their first item (as MyDayTest::shape). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v === null ? 'null' : typeof v;
}

const t = makeTranslator(undefined);
const tn = makePlural(t, 'en_US');
const NOW = Date.parse('2026-11-20T15:00:00Z');

/** An answer as AgentDaySummary.php gives it. */
function answer(over: Partial<MyDayResponse> = {}): MyDayResponse {
  return {
    day: { date: '2026-11-20', timeZone: 'Europe/Paris', from: '2026-11-19T23:00:00Z', to: '2026-11-20T23:00:00Z' },
    calls: { total: 7, answered: 4, missed: 3, talkS: 3725 },
    callBack: [
      { callId: 'c3', number: '+33612345678', name: 'Veronica Costello', customerId: 12, at: '2026-11-20T13:05:00Z', disposition: 'missed', times: 2 },
      { callId: 'c1', number: '+33698765432', name: null, customerId: null, at: '2026-11-20T09:00:00Z', disposition: 'abandoned', times: 1 },
      { callId: 'c0', number: '+33111111111', name: null, customerId: null, at: '2026-11-20T08:00:00Z', disposition: 'missed', times: 1 },
    ],
    campaigns: [
      {
        id: 4, name: 'Carts', calledToday: 3, called: 9, reachedToday: 2, reached: 5,
        outcomesToday: [{ outcome: 'will_order', count: 1 }, { outcome: 'no_answer', count: 1 }, { outcome: 'something_new', count: 1 }],
        outcomes: [{ outcome: 'will_order', count: 4 }], conversions: 1,
      },
    ],
    ...over,
  };
}

describe('My day in words', () => {
  it('says the day\'s figures, who to call back and the campaign results, in English', () => {
    const v = presentMyDay(answer(), t, tn, NOW, 'en_US');
    expect([v.calls, v.answered, v.missed, v.talk]).toEqual(['7 calls today', '4 answered calls', '3 missed calls', 'Talk time 1:02:05']);
    expect(v.callBack.map((c) => [c.callId, c.who, c.meta, c.callLabel, c.number])).toEqual([
      ['c3', 'Veronica Costello', '2 missed calls', 'Call Veronica Costello', '+33612345678'],
      ['c1', '+33698765432', 'Hung up while waiting', 'Call +33698765432', '+33698765432'],
      ['c0', '+33111111111', 'Missed call', 'Call +33111111111', '+33111111111'],
    ]);
    expect(v.callBack[0]!.date).toContain('2026');
    expect(v.callBackLabel).toBe('3 missed calls to call back');
    expect(v.campaigns).toEqual([
      { id: 4, name: 'Carts', today: 'Reached today: 2 of 3', overall: 'Reached overall: 5 of 9', conversions: '1 conversion', outcomes: ['Will order: 1', 'No answer: 1', 'something_new: 1'] },
    ]);
  });

  it('uses French plurals from the module\'s fr_FR.csv: 0 and 1 take the singular', () => {
    const fr = makeTranslator(barTranslations('fr_FR'));
    const frn = makePlural(fr, 'fr_FR');
    const one = presentMyDay(answer({ calls: { total: 1, answered: 1, missed: 0, talkS: 42 }, callBack: [] }), fr, frn, NOW, 'fr_FR');
    expect([one.calls, one.answered, one.missed, one.talk, one.callBackLabel]).toEqual([
      "1 appel aujourd'hui", '1 appel répondu', '0 appel manqué', 'Temps de conversation 0:42', '0 appel manqué à rappeler',
    ]);
    const many = presentMyDay(answer(), fr, frn, NOW, 'fr_FR');
    expect([many.calls, many.answered, many.missed, many.callBackLabel]).toEqual(["7 appels aujourd'hui", '4 appels répondus', '3 appels manqués', '3 appels manqués à rappeler']);
    expect(many.callBack[1]!.meta).toBe('A raccroché en attente');
    expect(many.campaigns[0]!.today).toBe("Joints aujourd'hui : 2 sur 3");
  });
});

describe('the answer\'s schema (messages.ts MyDayResponse)', () => {
  it('takes what the module sends and refuses a call-back that was not missed', () => {
    expect(parseMessage(MyDayResponse, answer()).ok).toBe(true);
    expect(parseMessage(MyDayResponse, contract()).ok).toBe(true);
    expect(parseMessage(MyDayResponse, answer({ campaigns: [] })).ok).toBe(true);
    const bad = answer();
    (bad.callBack[0] as { disposition: string }).disposition = 'answered';
    expect(parseMessage(MyDayResponse, bad)).toMatchObject({ ok: false, reason: expect.stringContaining('callBack.0.disposition') });
    expect(parseMessage(MyDayResponse, { ...answer(), calls: { total: -1, answered: 0, missed: 0, talkS: 0 } }).ok).toBe(false);
  });
});

describe('the My day view model', () => {
  const realFetch = global.fetch;
  let posts: Array<{ url: string; body: string }> = [];
  let reply: () => Response;

  beforeEach(() => {
    posts = [];
    reply = () => new Response(JSON.stringify(answer()), { status: 200, headers: { 'content-type': 'application/json' } });
    global.fetch = jest.fn(async (url: unknown, init?: { body?: unknown }) => {
      posts.push({ url: String(url), body: String(init?.body) });
      return reply();
    }) as unknown as typeof fetch;
  });
  afterEach(() => {
    global.fetch = realFetch;
    jest.useRealTimers();
  });

  function model(open = false) {
    const dialled: string[] = [];
    const ui = new UiState(null);
    if (open) ui.setOpen('myDay', true);
    const { vm, panel } = createMyDay(ko, { t, locale: 'en_US', url: 'https://shop.example/admin/bandeau/analytics/myday/key/k/', formKey: 'FK', dial: (n) => dialled.push(n), ui });
    return { vm, panel, dialled, ui };
  }

  it('asks Magento with the form key and shows the day; the call-back dials the number', async () => {
    const { vm, dialled } = model();
    await vm.refresh();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('https://shop.example/admin/bandeau/analytics/myday/key/k/');
    expect(new URLSearchParams(posts[0]!.body).get('form_key')).toBe('FK');
    expect(vm.view()!.calls).toBe('7 calls today');
    expect(vm.toCallBack()).toBe(3);
    expect(vm.updated()).toMatch(/^Updated at /);
    expect(vm.error()).toBe('');
    vm.callBack(vm.view()!.callBack[0]!);
    expect(dialled).toEqual(['+33612345678']);
  });

  it('says Magento\'s refusal as sent, and a sentence of its own when there is no answer; the last figures stay', async () => {
    const { vm } = model();
    await vm.refresh();
    reply = () => new Response(JSON.stringify({ error: { code: 'not_logged_in', message: 'No admin user is logged in.' } }), { status: 403 });
    await vm.refresh();
    expect(vm.error()).toBe('No admin user is logged in.');
    expect(vm.view()!.calls).toBe('7 calls today');
    reply = () => new Response('<html>502</html>', { status: 502 });
    await vm.refresh();
    expect(vm.error()).toBe('Magento did not answer. Check the connection and try again.');
    reply = () => new Response(JSON.stringify({ calls: 'seven' }), { status: 200 });
    await vm.refresh();
    expect(vm.error()).toBe('Magento did not answer. Check the connection and try again.');
    expect(vm.loading()).toBe(false);
  });

  it('asks again a few seconds after a call of the bar ends, only while open', async () => {
    jest.useFakeTimers();
    const { vm, panel } = model(true);
    const ended = (id: string) => callFixture({ id, state: 'ended', endedAt: '2026-11-20T14:00:00.000Z' });
    panel.render({ ...viewStateFixture([]), recent: [ended('a')] });
    expect(posts).toHaveLength(0);
    panel.render({ ...viewStateFixture([]), recent: [ended('a')] });
    panel.render({ ...viewStateFixture([]), recent: [ended('b'), ended('a')] });
    expect(posts).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(4_000);
    expect(posts).toHaveLength(1);
    vm.open(false);
    panel.render({ ...viewStateFixture([]), recent: [ended('c'), ended('b')] });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(posts).toHaveLength(1);
  });
});

describe('the demo\'s stand-in for bandeau/analytics/myday', () => {
  const dir = demoDirectory();
  const [alice, bruno] = DEMO_AGENTS as [(typeof DEMO_AGENTS)[0], (typeof DEMO_AGENTS)[0]];
  const day = '2026-11-20T';
  const call = (id: string, at: string, over: Partial<ContractCall>): ContractCall => ({ call_id: id, direction: 'inbound', started_at: `${day}${at}Z`, disposition: 'answered', ...over });

  it('keeps the module\'s rules: the agent\'s own calls, missed calls nobody took unless they rang a colleague, none called back since', () => {
    const calls: ContractCall[] = [
      call('a1', '08:00:00', { from: '+33698765432', to: '7001', agent_user_id: alice.userId, agent_extension: alice.extension, talk_s: 90 }),
      call('b1', '08:30:00', { from: '+33600000001', to: '7002', agent_user_id: bruno.userId, agent_extension: bruno.extension, talk_s: 50 }),
      call('m1', '09:00:00', { from: '+33612345678', to: '7001', disposition: 'missed', customer_id: dir.customers[0]!.id }),
      call('m2', '10:00:00', { from: '+33612345678', to: '7001', disposition: 'missed', customer_id: dir.customers[0]!.id }),
      call('m3', '10:30:00', { from: '+33600000002', to: '7002', disposition: 'missed' }),
      call('m4', '11:00:00', { from: '+33600000003', to: '600', disposition: 'abandoned' }),
      call('o1', '11:30:00', { direction: 'outbound', from: '7002', to: '0600000003', agent_user_id: bruno.userId, agent_extension: bruno.extension, talk_s: 20 }),
      call('y1', '09:00:00', { from: '+33600000004', to: '7001', disposition: 'missed', started_at: '2026-11-19T09:00:00Z' }),
    ];
    const mine = demoMyDay(calls, alice, DEMO_AGENTS, dir, () => [], Date.parse(`${day}16:00:00Z`));
    expect(mine.day).toEqual({ date: '2026-11-20', timeZone: 'UTC', from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    expect(mine.calls).toEqual({ total: 4, answered: 1, missed: 3, talkS: 90 });
    const c = dir.customers[0]!;
    expect(mine.callBack).toEqual([
      { callId: 'm2', number: '+33612345678', name: `${c.firstname} ${c.lastname}`, customerId: c.id, at: `${day}10:00:00Z`, disposition: 'missed', times: 2 },
    ]);
    expect(parseMessage(MyDayResponse, mine).ok).toBe(true);
    // The module's shape, with a campaign result as the demo campaign gives one.
    const demoCampaigns = () => [{ id: 1, name: 'Carts', calledToday: 1, called: 1, reachedToday: 1, reached: 1, outcomesToday: [{ outcome: 'will_order', count: 1 }], outcomes: [{ outcome: 'will_order', count: 1 }], conversions: 0 }];
    expect(shape(demoMyDay(calls, alice, DEMO_AGENTS, dir, demoCampaigns, Date.parse(`${day}16:00:00Z`)))).toEqual(shape(contract()));
    const his = demoMyDay(calls, bruno, DEMO_AGENTS, dir, () => [], Date.parse(`${day}16:00:00Z`));
    // Bruno's own calls, the one that rang his extension and the queue's; not those that rang Alice's.
    // He called m4's party back (in the national format: the same party).
    expect(his.calls).toEqual({ total: 4, answered: 2, missed: 2, talkS: 70 });
    expect(his.callBack.map((x) => x.callId)).toEqual(['m3']);
  });
});
