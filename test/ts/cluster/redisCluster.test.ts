/**
 * Several bridges sharing Redis (issue 18), against a real Redis started with
 * test/services/redis.sh: two bridge runtimes in this process, an agent on one, an event sent on
 * the other; the Redis agent state store; a bad redis.url.
 */
import { createClient } from 'redis';
import { BridgeConfig, ConfigError, loadConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { RedisAgentStateStore } from '../../../bridge/src/cluster/redisAgentStateStore';
import { MemoryAgentStateStore, applyState, stateOf, type AgentStateStore } from '../../../bridge/src/cluster/agentStateStore';
import { SessionStore } from '../../../bridge/src/agents/sessionStore';
import type { Call } from '../../../bridge/src/protocol/messages';
import { callFixture } from '../helpers/callFixture';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { redisSh } from '../helpers/redis';

jest.setTimeout(30_000);

let url: string;
let prefix: string;
/** The test's own connection, to look at keys. */
let redisClient: ReturnType<typeof createClient>;

beforeAll(async () => {
  redisSh('start');
  url = redisSh('url');
  // Each run its own keys, so a run never reads another's state.
  prefix = `bandeau-test-${process.pid}-${Date.now()}:`;
  redisClient = createClient({ url });
  await redisClient.connect();
});

// The Redis is shared with every other run (own key prefix each): never stopped or flushed here.
afterAll(async () => {
  await redisClient?.quit();
});

function bridgeConfig(extra: Record<string, unknown> = {}): BridgeConfig {
  return BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, admin: { port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN], redis: { url, keyPrefix: prefix }, ...extra });
}

const call = (id: string, state: Call['state']): Call => callFixture({ id, state });

describe('two bridges sharing Redis', () => {
  let a: BridgeRuntime;
  let b: BridgeRuntime;
  let client: TestClient | undefined;

  beforeAll(async () => {
    const logger = createLogger('silent');
    [a, b] = await Promise.all([startRuntime(bridgeConfig(), logger), startRuntime(bridgeConfig(), logger)]);
  });

  afterAll(async () => {
    client?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test('an event sent to an agent on instance A reaches its socket on instance B', async () => {
    client = await connect(`http://127.0.0.1:${b.port}`, await token({ userId: 41 }));
    await client.next('snapshot');
    expect(a.server.sessions.get(41)).toBeUndefined(); // the agent is not on A at all
    a.server.sendToAgent(41, { type: 'agent.status', status: 'dnd' });
    expect(await client.next('agent.status', 5000)).toEqual({ type: 'agent.status', status: 'dnd' });
  });

  test('an event for another agent does not reach it', async () => {
    a.server.sendToAgent(42, { type: 'agent.status', status: 'away' });
    b.server.sendToAgent(41, { type: 'recent.seen', at: '2026-12-01T10:05:00.000Z' });
    await client!.next('recent.seen', 5000);
    expect(client!.messages.filter((m) => m.type === 'agent.status')).toHaveLength(1);
  });
});

describe.each<[string, () => AgentStateStore]>([
  ['in memory', () => new MemoryAgentStateStore()],
  ['in Redis', () => new RedisAgentStateStore(redisClient, prefix, 60_000)],
])('agent state store %s', (_name, make) => {
  test('round-trips an agent session: status, live and recent calls, seen-at, token ids', async () => {
    const store = make();
    const sessions = new SessionStore(60_000);
    const s = sessions.attach({ userId: 77, name: 'Agent Seven', extension: '7007', permissions: ['phone_bar'], expiresAt: 2_000_000_000, tokenId: 1500 }, 'sock-1');
    s.status = 'busy';
    sessions.applyCall(s, call('c1', 'answered'));
    sessions.applyCall(s, call('c0', 'ended'));
    s.recentSeenAt = '2026-12-01T10:01:00.000Z';
    await store.save(stateOf(s));
    expect(await store.noteToken(77, 1500)).toEqual({ highest: 1500, floor: 0 });
    expect(await store.noteToken(77, 1200)).toEqual({ highest: 1500, floor: 0 }); // never lowered
    expect(await store.revokeTokens(77, 1400)).toEqual({ highest: 1500, floor: 1400 });

    // Another instance picks the agent up.
    const other = new SessionStore(60_000).attach({ ...s.identity, tokenId: 1600 }, 'sock-2');
    const loaded = await store.load(77);
    expect(loaded).not.toBeNull();
    applyState(other, loaded!);
    expect(other.status).toBe('busy');
    expect([...other.calls.keys()]).toEqual(['c1']);
    expect(other.recent.map((c) => c.id)).toEqual(['c0']);
    expect(other.recentSeenAt).toBe('2026-12-01T10:01:00.000Z');
    expect(other.identity.tokenId).toBe(1500);
    expect(other.sockets).toEqual(new Set(['sock-2']));
    expect(await store.tokens(77)).toEqual({ highest: 1500, floor: 1400 });

    await store.remove(77);
    expect(await store.load(77)).toBeNull();
    expect(await store.tokens(77)).toEqual({ highest: 0, floor: 0 });
  });
});


test('a session whose agent left expires in Redis after the grace period', async () => {
  const store = new RedisAgentStateStore(redisClient, prefix, 60_000);
  const identity = { userId: 78, name: 'Agent Eight', extension: '7008', permissions: [], expiresAt: 2_000_000_000, tokenId: 1 };
  await store.save({ identity, status: 'available', calls: [], recent: [], recentSeenAt: null, leftAt: null });
  expect(await redisClient.pTTL(`${prefix}agent:78`)).toBe(-1);
  await store.save({ identity, status: 'available', calls: [], recent: [], recentSeenAt: null, leftAt: Date.now() });
  const ttl = await redisClient.pTTL(`${prefix}agent:78`);
  expect(ttl).toBeGreaterThan(50_000);
  expect(ttl).toBeLessThanOrEqual(60_000);
});

describe('redis.url in the config', () => {
  const base = { secret: TEST_SECRET, allowedOrigins: [ORIGIN] };

  test.each(['localhost:6379', 'http://redis.example.com:6379', 'redis://', 'not a url'])('%s is refused with a clear error', (bad) => {
    expect(() => loadConfig(undefined, { BANDEAU_REDIS_URL: bad }, base)).toThrow(ConfigError);
    expect(() => loadConfig(undefined, { BANDEAU_REDIS_URL: bad }, base)).toThrow(/redis\.url: must be a Redis URL like redis:\/\/127\.0\.0\.1:6379/);
  });

  test('absent: no redis section, the bridge runs alone', () => {
    expect(loadConfig(undefined, {}, base).redis).toBeUndefined();
  });

  test('redis:// and rediss:// URLs are accepted', () => {
    expect(loadConfig(undefined, { BANDEAU_REDIS_URL: 'rediss://u:p@redis.example.com:6380/2' }, base).redis).toEqual({ url: 'rediss://u:p@redis.example.com:6380/2', keyPrefix: 'bandeau:' });
  });

  test('an unreachable Redis stops the start with a clear error, password hidden', async () => {
    const cfg = bridgeConfig({ redis: { url: 'redis://user:s3cret@127.0.0.1:1' } });
    await expect(startRuntime(cfg, createLogger('silent'))).rejects.toThrow(/^cannot reach Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
  });
});
