/**
 * `Call.routing` on the wire (issue 15): what the schema the bridge sends with and the worker
 * reads with accepts and refuses. Optional: calls without it, and workers of the build before it
 * (zod objects drop keys they do not know), are unchanged.
 */
import { Call, CallRouting, ServerMessage, parseMessage } from '../../../bridge/src/protocol/messages';
import { parseServerMessage } from '../../../bridge/src/protocol/perCall';
import { callFixture } from '../helpers/callFixture';

const GOOD: CallRouting = {
  route: 'sales',
  reason: 'rule',
  rule: { code: 'not_shipped', label: 'Order not shipped' },
  why: [{ code: 'order_not_shipped', order: '000000102' }],
  order: '000000102',
};

describe('CallRouting', () => {
  it.each<[string, unknown]>([
    ['a matched rule', GOOD],
    ['a fallback', { route: 'default', reason: 'timeout', rule: null, why: [], order: null }],
    ['every condition code with its values', {
      ...GOOD,
      why: [
        { code: 'customer_group', group_id: 4 }, { code: 'vip' }, { code: 'not_vip' }, { code: 'lifetime_sales', amount: 3410.5 },
        { code: 'order_any_open', order: 'A-1' }, { code: 'order_payment_problem', order: '2' }, { code: 'order_status', order: '3', status: 'fraud' },
        { code: 'shipped_recently', order: '4', days: 3 }, { code: 'open_cart' }, { code: 'store', store_id: 1 }, { code: 'unknown_number' }, { code: 'known_number' },
      ],
    }],
    ['a route of 32 characters and a label of 64', { ...GOOD, route: 'R'.repeat(32), rule: { code: 'a'.repeat(32), label: 'é'.repeat(64) } }],
  ])('accepts %s', (_name, value) => {
    expect(parseMessage(CallRouting, value)).toEqual({ ok: true, value });
  });

  it.each<[string, unknown]>([
    ['a route with a space', { ...GOOD, route: 'sales team' }],
    ['a route with a newline (would be a second AGI command)', { ...GOOD, route: 'sales\nHANGUP' }],
    ['an empty route', { ...GOOD, route: '' }],
    ['a route of 33 characters', { ...GOOD, route: 'r'.repeat(33) }],
    ['an unknown reason', { ...GOOD, reason: 'because' }],
    ['an upper-case rule code', { ...GOOD, rule: { code: 'VIP', label: 'VIP' } }],
    ['a label of 65 characters', { ...GOOD, rule: { code: 'vip', label: 'x'.repeat(65) } }],
    ['a label with a control character', { ...GOOD, rule: { code: 'vip', label: 'VIP\u0007' } }],
    ['13 conditions', { ...GOOD, why: Array.from({ length: 13 }, () => ({ code: 'vip' })) }],
    ['an unknown condition code', { ...GOOD, why: [{ code: 'made_up' }] }],
    ['an order number with a slash', { ...GOOD, order: '../102' }],
    ['an order in a condition with a newline', { ...GOOD, why: [{ code: 'order_holded', order: '1\r\n2' }] }],
    ['negative days', { ...GOOD, why: [{ code: 'shipped_recently', order: '1', days: -1 }] }],
    ['fractional days', { ...GOOD, why: [{ code: 'shipped_recently', order: '1', days: 1.5 }] }],
    ['a status of 33 characters', { ...GOOD, why: [{ code: 'order_status', order: '1', status: 's'.repeat(33) }] }],
    ['an infinite amount', { ...GOOD, why: [{ code: 'lifetime_sales', amount: Infinity }] }],
    ['no rule key', { route: 'default', reason: 'no_match', why: [], order: null }],
  ])('refuses %s', (_name, value) => {
    expect(parseMessage(CallRouting, value).ok).toBe(false);
  });
});

describe('Call.routing', () => {
  it('is optional, and a call carries it as it is', () => {
    expect(Call.safeParse(callFixture()).success).toBe(true);
    const routed = callFixture({ routing: GOOD });
    expect(parseMessage(Call, routed)).toEqual({ ok: true, value: routed });
  });

  it('a snapshot keeps its other calls when one has a bad routing (perCall.ts)', () => {
    const bad = { ...callFixture({ id: 'bad' }), routing: { ...GOOD, route: 'x y' } };
    const msg = { type: 'snapshot', protocol: 1, agent: { userId: 1, name: 'A', extension: '7001', permissions: [], status: 'available' }, calls: [callFixture({ routing: GOOD }), bad], recent: [], recentSeenAt: null, serverTime: '2026-11-30T10:00:00.000Z' };
    const { result, dropped } = parseServerMessage(msg);
    expect(result.ok).toBe(true);
    expect(dropped.map((d) => d.callId)).toEqual(['bad']);
    expect(result.ok && result.value.type === 'snapshot' && result.value.calls[0]?.routing).toEqual(GOOD);
  });

  it('a call.update with routing passes the server message schema', () => {
    expect(ServerMessage.safeParse({ type: 'call.update', call: callFixture({ routing: GOOD }) }).success).toBe(true);
  });
});
