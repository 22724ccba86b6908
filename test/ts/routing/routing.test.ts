/**
 * Routing end to end over TCP: the real bridge runtime (startRuntime with a `routing` block), its
 * FastAGI server asked by the Asterisk-exact client (testpeer/agiClient.ts), its decisions made on
 * facts and rules from a stand-in Magento (magentoStandIn.ts) that can be slow or stopped; and
 * Magento's signed cache invalidation on the admin listener, with the attacks it must refuse.
 */
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import type { AgiRequest, RouteDecision } from '../../../bridge/src/routing/contract';
import { signInvalidation } from '../../../bridge/src/routing/invalidation';
import { runFastAgi } from '../../../bridge/src/testpeer/agiClient';
import { MagentoStandIn, STAND_IN_TOKEN, customerFacts, defaultRules, unshippedOrder } from './magentoStandIn';
import { until } from '../helpers/waitFor';

jest.setTimeout(60_000);

const SECRET = 'routing-test-secret-0123456789abcdef0123456789';
const DEADLINE_MS = 300;
/** Generous: the machine is loaded; the point is "answered near the deadline, not after Magento". */
const SLACK_MS = 1500;

const CAMILLE = '+33612345678';
const VERONIQUE = '+33687654321';
const UNKNOWN = '+33699999999';

let magento: MagentoStandIn;
let runtime: BridgeRuntime;
const decisions: Array<[AgiRequest, RouteDecision]> = [];

beforeAll(async () => {
  magento = new MagentoStandIn({
    rules: defaultRules('v1'),
    facts: new Map<string, unknown>([
      [CAMILLE, customerFacts(CAMILLE, { orders: [unshippedOrder('000000102')] })],
      [VERONIQUE, customerFacts(VERONIQUE, { id: 7, name: 'Véronique Lefèvre', groupId: 4, orders: [unshippedOrder('000000140')] })],
    ]),
  });
  await magento.start();
  runtime = await startRuntime(
    BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: SECRET,
      allowedOrigins: ['http://admin.test'],
      callControl: { defaultRegion: 'FR' },
      routing: { listen: { port: 0 }, deadlineMs: DEADLINE_MS, magento: { url: magento.url, token: STAND_IN_TOKEN } },
    }),
    createLogger('silent'),
  );
  runtime.routing!.onDecision.push((req, d) => decisions.push([req, d]));
});

afterAll(async () => {
  await runtime?.stop();
  await magento?.stop();
});

const agi = (callerId: string | null, extra: { uniqueId?: string } = {}) =>
  runFastAgi({ port: runtime.routingPort!, script: 'route', callerId, dnid: '0140000000', timeoutMs: 20_000, ...extra });

async function invalidate(body: unknown, o: { signature?: string | null; raw?: string } = {}): Promise<{ status: number; json: any }> {
  const text = o.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = o.signature === undefined ? signInvalidation(SECRET, text) : o.signature;
  if (sig !== null) headers['x-bandeau-signature'] = sig;
  const res = await fetch(`http://127.0.0.1:${runtime.adminPort}/routing/invalidate`, { method: 'POST', headers, body: text });
  return { status: res.status, json: await res.json().catch(() => null) };
}
const now = () => Math.floor(Date.now() / 1000);

describe('routing over FastAGI, decided from Magento', () => {
  it('a customer with an unshipped order goes to sales with the message and the order', async () => {
    const r = await agi('0612345678', { uniqueId: '1764590400.11' });
    expect(r.agiStatus).toBe('SUCCESS');
    expect(Object.fromEntries([...r.variables].filter(([k]) => k.startsWith('BANDEAU_')))).toEqual({
      BANDEAU_ROUTE: 'sales',
      BANDEAU_ROUTE_REASON: 'rule',
      BANDEAU_ROUTE_RULE: 'not_shipped',
      BANDEAU_PRIORITY: '5',
      BANDEAU_VIP: '0',
      BANDEAU_CUSTOMER_ID: '2',
      BANDEAU_CUSTOMER_NAME: 'Camille Durand',
      BANDEAU_LANG: 'fr',
      BANDEAU_MESSAGE: 'bandeau/order-being-prepared',
      BANDEAU_ORDER: '000000102',
    });
    // The number went in the POST body, never in the URL.
    const asked = magento.requests.filter((q) => q.path.endsWith('/routing/facts'));
    expect(asked.at(-1)).toMatchObject({ method: 'POST', path: '/rest/V1/bandeau/routing/facts', authorization: `Bearer ${STAND_IN_TOKEN}` });
    expect(JSON.parse(asked.at(-1)!.body)).toEqual({ phone: CAMILLE });
    expect(magento.requests.every((q) => !q.path.includes('612345678'))).toBe(true);
    // The decision reached the onDecision listeners with its request (H5 ties it to the call).
    const [req, d] = decisions.find(([q]) => q.uniqueId === '1764590400.11')!;
    expect(req.callerId).toBe('0612345678');
    expect(d).toMatchObject({ route: 'sales', rule: { code: 'not_shipped', label: 'Order not shipped' }, why: [{ code: 'order_not_shipped', order: '000000102' }] });
  });

  it('a VIP goes to vip with a higher priority, the name in ASCII for CALLERID(name)', async () => {
    const r = await agi('+33 6 87 65 43 21');
    expect(r.variables.get('BANDEAU_ROUTE')).toBe('vip');
    expect(r.variables.get('BANDEAU_VIP')).toBe('1');
    expect(Number(r.variables.get('BANDEAU_PRIORITY'))).toBeGreaterThan(5);
    expect(r.variables.get('BANDEAU_CUSTOMER_NAME')).toBe('Veronique Lefevre');
    expect(r.variables.get('BANDEAU_ORDER')).toBe('');
  });

  it('an unknown number goes to default (unknown_number); an anonymous caller to default (no_caller_id)', async () => {
    const r = await agi('0699999999');
    expect([r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_ROUTE_REASON'), r.variables.get('BANDEAU_CUSTOMER_ID')]).toEqual(['default', 'unknown_number', '']);
    const anon = await agi(null);
    expect([anon.variables.get('BANDEAU_ROUTE'), anon.variables.get('BANDEAU_ROUTE_REASON')]).toEqual(['default', 'no_caller_id']);
    // The unknown number is cached (negative entry): asking again does not reach Magento.
    const before = magento.factsRequests();
    await agi('0699999999');
    expect(magento.factsRequests()).toBe(before);
  });

  it('Magento slow: default/timeout at the deadline; the late answer fills the cache for the next call', async () => {
    magento.delayMs = 2_000;
    try {
      magento.facts.set('+33611111111', customerFacts('+33611111111', { id: 11, orders: [unshippedOrder('000000111')] }));
      const t0 = performance.now();
      const r = await agi('0611111111');
      const ms = performance.now() - t0;
      expect([r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_ROUTE_REASON')]).toEqual(['default', 'timeout']);
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      await until(() => runtime.routing!.parts.cache.peek('+33611111111') !== undefined, 10_000);
      const again = await agi('0611111111');
      expect([again.variables.get('BANDEAU_ROUTE'), again.variables.get('BANDEAU_ORDER')]).toEqual(['sales', '000000111']);
    } finally {
      magento.delayMs = 0;
    }
  });

  it('Magento stopped: default/timeout within the deadline, and routing again once it is back', async () => {
    magento.facts.set('+33622222222', customerFacts('+33622222222', { id: 22, orders: [unshippedOrder('000000122')] }));
    await magento.stop();
    try {
      const t0 = performance.now();
      const r = await agi('0622222222');
      expect([r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_ROUTE_REASON'), r.variables.get('BANDEAU_MESSAGE')]).toEqual(['default', 'timeout', '']);
      expect(performance.now() - t0).toBeLessThan(DEADLINE_MS + SLACK_MS);
      // A number already cached is still routed while Magento is down.
      const cached = await agi('0612345678');
      expect(cached.variables.get('BANDEAU_ROUTE')).toBe('sales');
    } finally {
      await magento.restart();
    }
    const back = await agi('0622222222');
    expect(back.variables.get('BANDEAU_ROUTE')).toBe('sales');
  });

  it('an invalidation from Magento makes the next call see the new facts', async () => {
    expect((await agi('0612345678')).variables.get('BANDEAU_ROUTE')).toBe('sales');
    // The order shipped yesterday: Magento's facts change, the bridge still has the old ones.
    magento.facts.set(CAMILLE, customerFacts(CAMILLE, { lastShipment: { order_increment_id: '000000102', shipped_at: new Date(Date.now() - 86_400_000).toISOString() } }));
    expect((await agi('0612345678')).variables.get('BANDEAU_ROUTE')).toBe('sales');
    const res = await invalidate({ phones: [CAMILLE], rules: false, iat: now() });
    expect(res).toEqual({ status: 200, json: { invalidated: true, phones: 1, forgotten: 1, rules: false } });
    const r = await agi('0612345678');
    expect([r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_ROUTE_RULE'), r.variables.get('BANDEAU_MESSAGE')]).toEqual(['support', 'delivered_recently', 'bandeau/order-on-its-way']);
  });

  it('rules: true refetches the rules at once', async () => {
    const rules = defaultRules('v2') as { rules: Array<{ active: boolean }> };
    rules.rules[0]!.active = false; // VIP rule off: Véronique's unshipped order sends her to sales
    magento.rules = rules;
    expect((await invalidate({ phones: [], rules: true, iat: now() })).status).toBe(200);
    await until(() => runtime.routing!.parts.rules.current?.version === 'v2', 10_000);
    const r = await agi('0687654321');
    expect([r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_VIP')]).toEqual(['sales', '1']);
  });

  it('refuses unsigned, forged, expired, malformed and oversized invalidations, and forgets nothing', async () => {
    await agi('0612345678');
    expect(runtime.routing!.parts.cache.peek(CAMILLE)).toBeDefined();
    const good = { phones: [CAMILLE], rules: false, iat: now() };
    const cases: Array<[string, Promise<{ status: number; json: any }>, number, string]> = [
      ['unsigned', invalidate(good, { signature: null }), 401, 'invalidation_unsigned'],
      ['wrong secret', invalidate(good, { signature: signInvalidation('another-secret-0123456789abcdef0123456789', JSON.stringify(good)) }), 401, 'invalidation_forged'],
      ['garbage signature', invalidate(good, { signature: 'sha256=00' }), 401, 'invalidation_forged'],
      ['signature of another body', invalidate(good, { raw: JSON.stringify({ ...good, rules: true }), signature: signInvalidation(SECRET, JSON.stringify(good)) }), 401, 'invalidation_forged'],
      ['old iat (replay)', invalidate({ ...good, iat: now() - 3600 }), 401, 'invalidation_expired'],
      ['iat in the future', invalidate({ ...good, iat: now() + 3600 }), 401, 'invalidation_expired'],
      ['nothing to do', invalidate({ phones: [], rules: false, iat: now() }), 400, 'invalidation_invalid'],
      ['not E.164', invalidate({ phones: ['0612345678'], rules: false, iat: now() }), 400, 'invalidation_invalid'],
      ['over 100 phones', invalidate({ phones: Array.from({ length: 101 }, (_, i) => `+336${String(10000000 + i)}`), rules: false, iat: now() }), 400, 'invalidation_invalid'],
      ['unknown key', invalidate({ ...good, all: true }), 400, 'invalidation_invalid'],
      ['not JSON', invalidate(null, { raw: '{"phones":' }), 400, 'invalidation_invalid'],
      ['too large', invalidate({ ...good, pad: 'x'.repeat(10_000) }), 413, 'too_large'],
    ];
    for (const [name, res, status, code] of cases) {
      const r = await res;
      expect([name, r.status, r.json?.error?.code]).toEqual([name, status, code]);
    }
    expect(runtime.routing!.parts.cache.peek(CAMILLE)).toBeDefined();
    const metrics = await (await fetch(`http://127.0.0.1:${runtime.adminPort}/metrics`)).text();
    expect(metrics).toMatch(/bandeau_routing_invalidations_total\{outcome="invalidation_forged"\} 3/);
    expect(metrics).toMatch(/bandeau_routing_cache_hits_total \d+/);
    expect(metrics).toMatch(/bandeau_routing_decisions_total\{reason="timeout"\} \d+/);
    expect(metrics).toMatch(/bandeau_routing_fetches_total\{request="facts",outcome="known"\} \d+/);
  });
});

describe('routing off', () => {
  it('without a routing block nothing listens for FastAGI and /routing/invalidate is not found', async () => {
    const rt = await startRuntime(BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: SECRET, allowedOrigins: ['http://admin.test'] }), createLogger('silent'));
    try {
      expect(rt.routingPort).toBeNull();
      expect(rt.routing).toBeNull();
      const body = JSON.stringify({ phones: [CAMILLE], rules: false, iat: now() });
      const res = await fetch(`http://127.0.0.1:${rt.adminPort}/routing/invalidate`, { method: 'POST', headers: { 'x-bandeau-signature': signInvalidation(SECRET, body) }, body });
      expect(res.status).toBe(404);
    } finally {
      await rt.stop();
    }
  });

  it('a routing block without Magento is a configuration error', () => {
    const r = BridgeConfig.safeParse({ secret: SECRET, allowedOrigins: ['http://admin.test'], routing: {} });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['routing', 'magento']);
  });
});

describe('routing.allowFrom', () => {
  it('a PBX address outside allowFrom is closed before any answer; a bad entry is a configuration error', async () => {
    const bad = BridgeConfig.safeParse({ secret: SECRET, allowedOrigins: ['http://admin.test'], routing: { allowFrom: ['pbx.example'], magento: { url: magento.url, token: STAND_IN_TOKEN } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['routing', 'allowFrom']);
    const config = (allowFrom: string[]) =>
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port: 0 },
        secret: SECRET,
        allowedOrigins: ['http://admin.test'],
        callControl: { defaultRegion: 'FR' },
        routing: { listen: { port: 0 }, allowFrom, magento: { url: magento.url, token: STAND_IN_TOKEN } },
      });
    for (const [allowFrom, answered] of [[['10.0.0.0/8'], false], [['10.0.0.0/8', '127.0.0.1'], true]] as const) {
      const rt = await startRuntime(config([...allowFrom]), createLogger('silent'));
      try {
        const r = await runFastAgi({ port: rt.routingPort!, script: 'route', callerId: '0612345678', timeoutMs: 10_000 });
        // (Camille's facts are what the tests above left; any route shows an answer.)
        expect(r.variables.has('BANDEAU_ROUTE')).toBe(answered);
        expect([...r.variables.keys()].some((k) => k.startsWith('BANDEAU_'))).toBe(answered);
      } finally {
        await rt.stop();
      }
    }
  });
});

