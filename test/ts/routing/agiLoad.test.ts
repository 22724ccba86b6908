/**
 * 1,000 concurrent FastAGI sessions against the real bridge runtime (startRuntime with `routing`,
 * decisions from a stand-in Magento), hostile ones among them, while an agent works on the same
 * bridge over socket.io: every session is answered or closed cleanly, and the agent's round trips
 * still complete during the flood (issue 15, "Done when").
 */
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { runFastAgi, type FastAgiResult } from '../../../bridge/src/testpeer/agiClient';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { metricValue, rawPeer, until, type RawPeer } from './agiSupport';
import { MagentoStandIn, STAND_IN_TOKEN, customerFacts, defaultRules, unshippedOrder } from './magentoStandIn';

jest.setTimeout(120_000);

const ASTERISK_CLIENTS = 900;
const SILENT = 80;
const GARBAGE = 20;
const IDLE_MS = 2000;

let magento: MagentoStandIn;
let runtime: BridgeRuntime;
let agent: TestClient;

const known = Array.from({ length: 20 }, (_, i) => `+336120000${String(i).padStart(2, '0')}`);
const unknown = Array.from({ length: 30 }, (_, i) => `+336990000${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  magento = new MagentoStandIn({
    rules: defaultRules('v1'),
    facts: new Map<string, unknown>(known.map((p, i) => [p, customerFacts(p, { id: 100 + i, orders: i % 2 ? [unshippedOrder(`0000010${String(i).padStart(2, '0')}`)] : [] })])),
    delayMs: 20,
  });
  await magento.start();
  runtime = await startRuntime(
    BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: TEST_SECRET,
      allowedOrigins: [ORIGIN],
      callControl: { defaultRegion: 'FR' },
      routing: { listen: { port: 0 }, deadlineMs: 300, idleTimeoutMs: IDLE_MS, maxSessions: 1024, magento: { url: magento.url, token: STAND_IN_TOKEN } },
    }),
    createLogger('silent'),
  );
  agent = await connect(`http://127.0.0.1:${runtime.port}`, await token({ userId: 21, extension: '7021' }));
  await agent.next('snapshot');
});

afterAll(async () => {
  agent?.close();
  await runtime?.stop();
  await magento?.stop();
});

test('1,000 concurrent sessions, 10% hostile: each answered or closed cleanly; an agent stays served', async () => {
  const registry = runtime.server.metrics.registry;
  const agi = runtime.routing!.agi;
  let flooding = true;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, agi.activeSessions)), 10);

  // The agent keeps working during the flood: status changes, each answered by the bridge.
  const trips: Array<{ ms: number; sessionsAtStart: number; sessionsAtEnd: number }> = [];
  const agentLoop = (async () => {
    let n = 0;
    while (flooding) {
      const sessionsAtStart = agi.activeSessions;
      const t0 = Date.now();
      agent.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: `s${n}`, status: n++ % 2 ? 'available' : 'busy' });
      await agent.next('agent.status', 10_000);
      trips.push({ ms: Date.now() - t0, sessionsAtStart, sessionsAtEnd: agi.activeSessions });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  const started = Date.now();
  const silent: Array<Promise<RawPeer>> = Array.from({ length: SILENT }, () => rawPeer(runtime.routingPort!));
  const garbage: Array<Promise<RawPeer>> = Array.from({ length: GARBAGE }, async () => {
    const p = await rawPeer(runtime.routingPort!);
    p.socket.write(Buffer.alloc(1024 * 1024, 'x'));
    return p;
  });
  // A slow PBX (each answer 200 ms late) keeps every session open about two seconds: all
  // 1,000 overlap, as on a PBX whose inbound calls all arrive at once.
  const calls: Array<Promise<FastAgiResult>> = Array.from({ length: ASTERISK_CLIENTS }, (_, i) =>
    runFastAgi({ port: runtime.routingPort!, callerId: i % 3 === 2 ? unknown[i % unknown.length]! : known[i % known.length]!, dnid: '0140000000', uniqueId: `1764547200.${i}`, answerDelayMs: 200, timeoutMs: 60_000 }),
  );
  const results = await Promise.all(calls);
  const hostile = await Promise.all([...silent, ...garbage]);
  const closes = await Promise.all(hostile.map((p) => p.closed));
  flooding = false;
  await agentLoop;
  clearInterval(sampler);

  // Every Asterisk session: all ten variables, then the server closed; AGI() succeeded.
  for (const r of results) {
    expect(r).toMatchObject({ closedBy: 'server', agiStatus: 'SUCCESS', timedOut: false });
    expect(r.commands).toHaveLength(10);
    expect(r.variables.get('BANDEAU_ROUTE')).toMatch(/^(sales|vip|support|default)$/);
    expect(r.variables.get('BANDEAU_ROUTE_REASON')).toMatch(/^(rule|no_match|unknown_number|timeout|error)$/);
  }
  // Decided from Magento's facts for most calls (misses beyond the fetch cap answer `timeout`).
  const reasons = new Map<string, number>();
  for (const r of results) reasons.set(r.variables.get('BANDEAU_ROUTE_REASON')!, (reasons.get(r.variables.get('BANDEAU_ROUTE_REASON')!) ?? 0) + 1);
  expect(reasons.get('rule') ?? 0).toBeGreaterThan(0);
  expect(reasons.get('error') ?? 0).toBe(0);
  // Hostile sessions: closed, never answered; the silent ones at the idle timeout.
  hostile.forEach((p) => expect(p.received()).toBe(''));
  closes.slice(0, SILENT).forEach((c) => expect(c.afterMs).toBeGreaterThanOrEqual(IDLE_MS - 100));
  expect(await metricValue(registry, 'bandeau_routing_agi_sessions_total', { outcome: 'answered' })).toBe(ASTERISK_CLIENTS);
  expect(await metricValue(registry, 'bandeau_routing_agi_sessions_total', { outcome: 'idle_timeout' })).toBe(SILENT);
  expect(await metricValue(registry, 'bandeau_routing_agi_sessions_total', { outcome: 'malformed' })).toBe(GARBAGE);
  expect(await metricValue(registry, 'bandeau_routing_agi_sessions_total', { outcome: 'over_limit' })).toBe(0);
  await until(() => agi.activeSessions === 0, 10_000, 'every session closed');

  // The flood was real: nearly all 1,000 sessions were open at once.
  expect(peak).toBeGreaterThanOrEqual(800);
  // The agent was served during it: round trips completed while hundreds of sessions were open.
  const during = trips.filter((t) => t.sessionsAtStart >= 500 && t.sessionsAtEnd >= 500);
  expect(during.length).toBeGreaterThanOrEqual(1);
  // eslint-disable-next-line no-console
  console.log(`FastAGI flood: ${ASTERISK_CLIENTS + SILENT + GARBAGE} sessions in ${Date.now() - started} ms, peak ${peak} open; agent round trips during it: ${during.length}, slowest ${Math.max(...during.map((t) => t.ms))} ms; reasons ${JSON.stringify(Object.fromEntries(reasons))}`);
});
