/**
 * The routing decision reaches the agent and the call log through the running bridge (issue 15,
 * point 6): the Demo PBX's inbound call asks the routing server over FastAGI with its caller
 * channel's Uniqueid, the runtime's onDecision hands the decision to RoutedCalls, the call the
 * agent sees carries `routing`, and the record delivered to the (stand-in) Magento carries
 * route, route_rule and route_reason.
 */
import { createLogger } from '../../../bridge/src/logger';
import { runDemo, type RunningDemo } from '../../../bridge/src/demo/runDemo';
import { runFastAgi } from '../../../bridge/src/testpeer/agiClient';

describe('a routed demo call: the agent sees why, the call log keeps the route', () => {
  let d: RunningDemo;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, routingPort: 0, tokenTtlS: 600, logger: createLogger('silent') });
    // As routingDemo.e2e.ts does: a number's first (cold) facts fetch may miss the 300 ms deadline
    // on a loaded machine (`default`/`timeout`, by design, tested in routing.test.ts), and still
    // fills the cache; ask each number until it is warm, so these calls test the join to the call.
    const port = d.bridge.routingPort!;
    for (const number of ['+33612345678', '+12122293326', '+33123456789']) {
      for (let i = 0; i < 20; i++) {
        const r = await runFastAgi({ port, callerId: number, dnid: '7001', timeoutMs: 10_000 });
        if (r.variables.get('BANDEAU_ROUTE_REASON') !== 'timeout') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }, 60_000);
  afterAll(() => d.stop());

  const post = (p: string, form: Record<string, string>) => fetch(`${d.siteUrl}${p}`, { method: 'POST', body: new URLSearchParams(form) }).then((r) => r.json() as Promise<Record<string, unknown>>);

  async function until<T>(get: () => T | undefined, what: string, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it.each([
    ['+33612345678', { route: 'sales', reason: 'rule', rule: { code: 'not_shipped', label: 'Order not shipped' }, why: [{ code: 'order_not_shipped', order: '000000102' }], order: '000000102' }],
    ['+12122293326', { route: 'vip', reason: 'rule', rule: { code: 'vip', label: 'VIP customer' }, why: [{ code: 'vip' }], order: null }],
    ['+33123456789', { route: 'default', reason: 'unknown_number', rule: null, why: [], order: null }],
  ])('%s', async (from, routing) => {
    const model = d.bridge.model!;
    const { callId } = (await post('/demo/pbx/ring', { from, to: '7001' })) as { callId: string };
    const ringing = await until(() => model.callsForExtension('7001').find((c) => c.id === callId && c.state === 'ringing'), 'the ringing call');
    expect(ringing.routing).toEqual(routing);
    await post('/demo/pbx/answer', { callId, by: '7001' });
    await post('/demo/pbx/hangup', { callId });
    const stored = await until(() => d.callLog.get(callId), 'the call record in Magento');
    expect(stored).toMatchObject({ call_id: callId, route: routing.route, route_reason: routing.reason });
    // (Null is not stored: Magento's upsert keeps what it had, here nothing.)
    expect(stored?.route_rule ?? null).toBe(routing.rule?.code ?? null);
  });

  it('a colleague calling from an extension is not routed (the dialplan routes what comes from the trunk)', async () => {
    const model = d.bridge.model!;
    const ring = (await post('/demo/pbx/ring', { from: '7002', to: '7001' })) as { callId: string; routing: unknown };
    expect(ring.routing).toBeNull();
    const call = await until(() => model.callsForExtension('7001').find((c) => c.id === ring.callId && c.state === 'ringing'), 'the ringing call');
    expect(call.routing).toBeUndefined();
    await post('/demo/pbx/hangup', { callId: ring.callId });
  });

  it('a call the dialplan did not route (no AGI) has no routing, and its record no route', async () => {
    const model = d.bridge.model!;
    const callId = d.peer.ringInbound({ from: '+33612345678', toExtension: '7001' });
    const call = await until(() => model.callsForExtension('7001').find((c) => c.id === callId && c.state === 'ringing'), 'the ringing call');
    expect(call.routing).toBeUndefined();
    await post('/demo/pbx/hangup', { callId });
    const stored = await until(() => d.callLog.get(callId), 'the call record');
    expect(stored).not.toHaveProperty('route');
  });
});
