/**
 * Why a call came to the agent (issue 15, point 6): the sentence the call's card, the collapsed
 * bar's ringing strip and the recent calls show, made only from `call.routing`, in English and in French.
 */
import ko from 'knockout';
import type { Call, CallRouting, ViewState } from '../../../bridge/src/protocol/messages';
import { barTranslations } from '../../../bridge/src/demo/moduleStrings';
import { presentCalls, presentRecent } from '../../../frontend-ts/src/page/bar/model';
import { routeSentence, whySentence } from '../../../frontend-ts/src/page/bar/routeReason';
import { createStrip } from '../../../frontend-ts/src/page/bar/strip';
import type { BarContext } from '../../../frontend-ts/src/page/bar/context';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { callFixture } from '../helpers/callFixture';
import { viewStateFixture } from '../helpers/viewStateFixture';

const en = makeTranslator(undefined);
const fr = makeTranslator(barTranslations('fr_FR'));

const rule = (code: string, label: string, route: string, why: CallRouting['why'], order: string | null = null): CallRouting => ({ route, reason: 'rule', rule: { code, label }, why, order });
const fallback = (reason: CallRouting['reason']): CallRouting => ({ route: 'default', reason, rule: null, why: [], order: null });

describe('route sentence', () => {
  it.each<[string, CallRouting, string, string]>([
    ['order not shipped', rule('not_shipped', 'Order not shipped', 'sales', [{ code: 'order_not_shipped', order: '000000102' }], '000000102'), 'Order #000000102 not shipped → sales', 'Commande n° 000000102 non expédiée → sales'],
    ['VIP', rule('vip', 'VIP customer', 'vip', [{ code: 'vip' }]), 'VIP customer → vip', 'Client VIP → vip'],
    ['shipped 3 days ago', rule('delivered_recently', 'Delivered within 14 days', 'support', [{ code: 'shipped_recently', order: '000000103', days: 3 }], '000000103'), 'Shipped 3 days ago (order #000000103) → support', 'Expédiée il y a 3 jours (commande n° 000000103) → support'],
    ['Magento too slow', fallback('timeout'), 'Shop data unavailable → default', 'Données de la boutique indisponibles → default'],
    ['unknown number', fallback('unknown_number'), 'Unknown number → default', 'Numéro inconnu → default'],
    ['no rule matched', fallback('no_match'), 'No rule matched → default', 'Aucune règle ne correspond → default'],
    ['no caller id', fallback('no_caller_id'), 'No caller ID → default', 'Numéro masqué → default'],
    ['routing error', fallback('error'), 'Routing failed → default', 'Échec du routage → default'],
    ['payment problem', rule('payment_problem', 'Payment problem', 'sales', [{ code: 'order_payment_problem', order: '000000104' }], '000000104'), 'Payment problem on order #000000104 → sales', 'Problème de paiement sur la commande n° 000000104 → sales'],
  ])('%s', (_name, routing, english, french) => {
    expect(routeSentence(routing, en)).toBe(english);
    expect(routeSentence(routing, fr)).toBe(french);
  });

  it('joins several conditions, and says today and yesterday for a recent shipment', () => {
    const r = rule('vip_open', 'VIP with an order', 'vip', [{ code: 'vip' }, { code: 'order_holded', order: '42' }]);
    expect(routeSentence(r, en)).toBe('VIP customer · Order #42 on hold → vip');
    expect(whySentence({ code: 'shipped_recently', order: '7', days: 0 }, en)).toBe('Shipped today (order #7)');
    expect(whySentence({ code: 'shipped_recently', order: '7', days: 1 }, fr)).toBe('Expédiée hier (commande n° 7)');
  });

  it('says every condition the contract has', () => {
    const all: CallRouting['why'] = [
      { code: 'customer_group', group_id: 4 },
      { code: 'not_vip' },
      { code: 'lifetime_sales', amount: 3410.5 },
      { code: 'order_any_open', order: '1' },
      { code: 'order_payment_review', order: '2' },
      { code: 'order_status', order: '3', status: 'fraud' },
      { code: 'open_cart' },
      { code: 'no_open_cart' },
      { code: 'store', store_id: 2 },
      { code: 'unknown_number' },
      { code: 'known_number' },
    ];
    expect(all.map((w) => whySentence(w, en, 'en_US'))).toEqual([
      'Customer group #4',
      'Not a VIP customer',
      'Lifetime sales: 3,410.5',
      'Open order #1',
      'Order #2 awaiting payment review',
      'Order #3 with status fraud',
      'Cart left open',
      'No open cart',
      'Store view #2',
      'Unknown number',
      'Known number',
    ]);
    expect(whySentence({ code: 'lifetime_sales', amount: 3410.5 }, fr, 'fr_FR')).toMatch(/^Ventes cumulées : 3\s410,5$/u);
  });

  it('a rule without conditions says its label; no routing says nothing', () => {
    expect(routeSentence(rule('everyone', 'Everyone to the desk', 'desk', []), en)).toBe('Everyone to the desk → desk');
    expect(routeSentence(undefined, en)).toBeNull();
  });
});

const state = (calls: Call[]): ViewState => viewStateFixture(calls);

describe('the call list and the ringing strip show it', () => {
  const routing = rule('not_shipped', 'Order not shipped', 'sales', [{ code: 'order_not_shipped', order: '000000102' }], '000000102');
  const ringing = callFixture({ routing });
  const answered = callFixture({ id: 'c2', state: 'answered', answeredBy: '7001', answeredAt: new Date().toISOString(), routing });

  it('each routed call view has its sentence and route; an unrouted one has none', () => {
    const [a, b, c] = presentCalls(state([ringing, answered, callFixture({ id: 'c3' })]), en);
    expect(a).toMatchObject({ route: 'Order #000000102 not shipped → sales', routeName: 'sales' });
    expect(b).toMatchObject({ route: 'Order #000000102 not shipped → sales', routeName: 'sales' });
    expect(c).toMatchObject({ route: null, routeName: null });
  });

  it('the strip row of a ringing call carries the sentence; a call being talked on does not', () => {
    const ctx = { ko, t: en, o: { t: en, softphone: false, send: () => {} } } as unknown as BarContext;
    const s = createStrip(ctx);
    const st = state([ringing, answered]);
    s.updateStrip(st, presentCalls(st, en));
    expect(s.stripRows().map((r) => [r.key, r.route])).toEqual([
      ['c1', 'Order #000000102 not shipped → sales'],
      ['c2', null],
    ]);
  });

  it('in softphone mode, the browser\'s ringing call takes the sentence of the PBX call from the same number', () => {
    const ctx = { ko, t: en, o: { t: en, softphone: true, send: () => {}, softphoneCommand: () => {} } } as unknown as BarContext;
    const s = createStrip(ctx);
    const sc = { id: 's1', direction: 'inbound' as const, remote: '+33612345678', state: 'ringing' as const, media: 'none' as const, hostPageId: null, muted: false, startedAt: '2026-11-30T10:00:00.000Z', answeredAt: null };
    const other = { ...sc, id: 's2', remote: '+4930901820' };
    const softphone = { registration: 'registered' as const, problem: null, aor: null, sipIn: 'worker' as const, mediaHost: null, popout: false, calls: [sc, other], registers: 1 };
    const st: ViewState = { ...state([ringing]), softphone };
    s.updateStrip(st, presentCalls(st, en));
    expect(s.stripRows().map((r) => [r.key, r.route])).toEqual([
      ['soft:s1', 'Order #000000102 not shipped → sales'],
      ['soft:s2', null],
    ]);
    const talking: ViewState = { ...st, softphone: { ...softphone, calls: [{ ...sc, state: 'connected' as const }] } };
    s.updateStrip(talking, presentCalls(talking, en));
    expect(s.stripRows()[0]!.route).toBeNull();
  });
});

describe('the recent calls keep it', () => {
  it('an ended routed call says why it came, in the agent\'s language; an unrouted one says nothing', () => {
    const routed = callFixture({ id: 'r1', state: 'ended', disposition: 'missed', endedAt: new Date().toISOString(), routing: fallback('timeout') });
    const plain = callFixture({ id: 'r2', state: 'ended', disposition: 'answered', endedAt: new Date().toISOString() });
    const st: ViewState = { ...state([]), recent: [routed, plain] };
    expect(presentRecent(st, en).map((r) => [r.id, r.route, r.routeName])).toEqual([
      ['r1', 'Shop data unavailable → default', 'default'],
      ['r2', null, null],
    ]);
    expect(presentRecent(st, fr)[0]!.route).toBe('Données de la boutique indisponibles → default');
  });
});
