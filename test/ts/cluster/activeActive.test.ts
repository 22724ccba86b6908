/**
 * Active-active bridges (issue 18, point 1) against a real Redis (test/services/redis.sh, shared:
 * every test its own key prefix, never flushed or stopped here): two or three bridge runtimes in
 * this process share agent sessions, token marks, revocations and presence; call model events
 * reach an agent once; an agent follows from one instance to another with status and recent calls.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { REVOCATION_SIGNATURE_HEADER, signRevocation } from '../../../bridge/src/auth/revocation';
import { nextTokenId } from '../../../bridge/src/auth/mintToken';
import { CLIENT_EVENT, type Call, type ServerMessage } from '../../../bridge/src/protocol/messages';
import { AmiMessage } from '../../../bridge/src/ami/message';
import { parseAll } from '../../../bridge/src/ami/framer';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { asteriskCapture } from '../calls/streams';
import { callFixture } from '../helpers/callFixture';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { colleaguesSeen } from '../helpers/colleaguesSeen';
import { waitFor } from '../helpers/waitFor';
import { recordingLogger } from '../helpers/recordingLogger';
import { redisSh } from '../helpers/redis';

jest.setTimeout(45_000);

const HEARTBEAT_MS = 150;
let url: string;
let redisClient: ReturnType<typeof createClient>;
const running: BridgeRuntime[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redisSh('start');
  url = redisSh('url');
  redisClient = createClient({ url });
  await redisClient.connect();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await redisClient?.quit();
});

const newPrefix = (): string => `t${randomBytes(5).toString('hex')}:`;

function bridgeConfig(redis: { url: string; keyPrefix: string }, extra: Record<string, unknown> = {}): BridgeConfig {
  return BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, admin: { port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN], redis, ...extra });
}

/** `n` runtimes on one Redis and key prefix (typed as three: ask only for those started). */
async function bridges(n: number, prefix = newPrefix(), logger = createLogger('silent'), redisUrl = url, extra: Record<string, unknown> = {}): Promise<[BridgeRuntime, BridgeRuntime, BridgeRuntime]> {
  const out: BridgeRuntime[] = [];
  for (let i = 0; i < n; i++) {
    const rt = await startRuntime(bridgeConfig({ url: redisUrl, keyPrefix: prefix }, extra), logger, { clusterHeartbeatMs: HEARTBEAT_MS });
    running.push(rt);
    out.push(rt);
  }
  return out as [BridgeRuntime, BridgeRuntime, BridgeRuntime];
}

async function agent(rt: BridgeRuntime, over: Parameters<typeof token>[0] = {}): Promise<TestClient> {
  const c = await connect(`http://127.0.0.1:${rt.port}`, await token(over));
  clients.push(c);
  return c;
}

/** The connect_error code a token gets from a bridge. */
async function refusal(rt: BridgeRuntime, tok: string): Promise<string> {
  try {
    const c = await connect(`http://127.0.0.1:${rt.port}`, tok);
    clients.push(c);
    return 'accepted';
  } catch (err) {
    return String(((err as { data?: { code?: string } }).data ?? {}).code);
  }
}

/** waitFor with this file's 5 s default. */
const until = <T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> => waitFor(what, probe, timeoutMs);

/**
 * Two instances, the agent connected to each, and a ringing call both call models report (each
 * instance's own model tells its own sockets).
 */
async function ringingOnBoth(userId: number, ext: string, callId: string) {
  const [a, b] = await bridges(2);
  const onA = await agent(a, { userId, extension: ext });
  const onB = await agent(b, { userId, extension: ext });
  await Promise.all([onA.next('snapshot'), onB.next('snapshot')]);
  const ringing = callFixture({ id: callId, to: ext, rung: [ext] });
  a.server.pushCall(ringing, [ext]);
  b.server.pushCall(ringing, [ext]);
  return { a, b, onA, onB, ringing };
}

const command = (c: TestClient, cmd: Record<string, unknown>): void => void c.socket.emit(CLIENT_EVENT, cmd);
const ended = (id: string, ext: string): Call => callFixture({ id, state: 'ended', to: ext, rung: [ext], endedAt: new Date().toISOString(), disposition: 'missed' });

describe('an agent moving between instances', () => {
  test('status, recent calls and seen-at follow the agent from A to B', async () => {
    const prefix = newPrefix();
    const [a, b] = await bridges(2, prefix);
    const onA = await agent(a, { userId: 51, extension: '7051', name: 'Agent Fifty-One' });
    await onA.next('snapshot');
    command(onA, { type: 'agent.setStatus', status: 'away', ref: 's1' });
    await onA.next('ack');
    a.server.pushCall(ended('call-a1', '7051'), ['7051']);
    await onA.next('call.update');
    command(onA, { type: 'agent.recentSeen' });
    const seen = (await onA.next('recent.seen')) as Extract<ServerMessage, { type: 'recent.seen' }>;
    await until('the state in Redis', async () => {
      const json = await redisClient.get(`${prefix}agent:51`);
      return json !== null && (JSON.parse(json) as { recentSeenAt: string | null }).recentSeenAt === seen.at;
    });
    onA.close();

    const onB = await agent(b, { userId: 51, extension: '7051', name: 'Agent Fifty-One' });
    const snap = (await onB.next('snapshot')) as Extract<ServerMessage, { type: 'snapshot' }>;
    expect(snap.agent.status).toBe('away');
    expect(snap.recent.map((c) => c.id)).toEqual(['call-a1']);
    expect(snap.recentSeenAt).toBe(seen.at);

    // A call ending while the agent is on B lands in their recent calls in Redis.
    b.server.pushCall(ended('call-b1', '7051'), ['7051']);
    await until('call-b1 in Redis', async () => ((await redisClient.get(`${prefix}agent:51`)) ?? '').includes('call-b1'));
    const stored = JSON.parse((await redisClient.get(`${prefix}agent:51`))!) as { recent: Call[]; status: string; leftAt: number | null };
    expect(stored.recent.map((c) => c.id)).toEqual(['call-b1', 'call-a1']);
    expect(stored.status).toBe('away');
    expect(stored.leftAt).toBeNull();
    // A dropped its copy: B has the agent now.
    await until('A forgets the session', () => a.server.sessions.get(51) === undefined);
  });

  test('a status set on B reaches the agent\'s socket on A once, and A\'s copy of the session', async () => {
    const [a, b] = await bridges(2);
    const onA = await agent(a, { userId: 52, extension: '7052' });
    const onB = await agent(b, { userId: 52, extension: '7052' });
    await Promise.all([onA.next('snapshot'), onB.next('snapshot')]);
    command(onB, { type: 'agent.setStatus', status: 'dnd' });
    expect(await onA.next('agent.status')).toEqual({ type: 'agent.status', status: 'dnd' });
    await until('A reloads the status', () => a.server.sessions.get(52)?.status === 'dnd');
    await new Promise((r) => setTimeout(r, 200));
    expect(onA.messages.filter((m) => m.type === 'agent.status')).toHaveLength(1);
  });
});

test('a caller named on B stays on the call when A\'s call model updates it', async () => {
  const { a, onA, onB, ringing } = await ringingOnBoth(63, '7063', 'named-1');
  await Promise.all([onA.next('call.update'), onB.next('call.update')]);
  command(onB, { type: 'agent.callerName', callId: 'named-1', name: 'Camille Durand' });
  await until('A knows the name', () => a.server.sessions.get(63)?.calls.get('named-1')?.names?.['+33612345678'] === 'Camille Durand');
  a.server.pushCall({ ...ringing, state: 'answered', answeredBy: '7063' }, ['7063']);
  await until('the answered call with its caller on A', () =>
    onA.messages.some((m) => m.type === 'call.update' && m.call.state === 'answered' && m.call.names?.['+33612345678'] === 'Camille Durand'),
  );
});

describe('call model events', () => {
  test('a real recorded call seen by both instances (one AMI test peer): each socket gets each update once; the call lands in recent in Redis', async () => {
    const peer = new AmiTestPeer();
    const amiPort = await peer.start();
    try {
      const prefix = newPrefix();
      const [a, b] = await bridges(2, prefix, createLogger('silent'), url, { ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' } });
      await until('both AMI logins', () => a.ami?.ready === true && b.ami?.ready === true);
      const onA = await agent(a, { userId: 2, extension: '7002' });
      const onB = await agent(b, { userId: 2, extension: '7002' });
      await Promise.all([onA.next('snapshot'), onB.next('snapshot')]);
      const pushed = { a: 0, b: 0 };
      a.model!.on('update', (_c: Call, exts: string[]) => void (exts.includes('7002') && pushed.a++));
      b.model!.on('update', (_c: Call, exts: string[]) => void (exts.includes('7002') && pushed.b++));
      // internal_answered.ami: 7001 calls 7003, who answers; played as 7002.
      const events = parseAll(asteriskCapture('internal_answered.ami'))
        .messages.filter((m) => m.kind === 'event')
        .map((m) => AmiMessage.from(m.headers.map(([k, v]): [string, string] => [k, v.replace(/^PJSIP\/7003-/, 'PJSIP/7002-').replace(/^7003$/, '7002')])));
      const id = peer.play(events).find((m) => m.event === 'Newchannel')!.value('Linkedid')!;
      const endedOn = (c: TestClient) => c.messages.some((m) => m.type === 'call.update' && m.call.id === id && m.call.state === 'ended');
      await until('the call ended on both sockets', () => endedOn(onA) && endedOn(onB), 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(pushed.a).toBeGreaterThan(1);
      expect(onA.messages.filter((m) => m.type === 'call.update')).toHaveLength(pushed.a);
      expect(onB.messages.filter((m) => m.type === 'call.update')).toHaveLength(pushed.b);
      await until('the call in recent in Redis', async () => ((await redisClient.get(`${prefix}agent:2`)) ?? '').includes(id));
    } finally {
      for (const c of clients.splice(0)) c.close();
      await Promise.all(running.splice(0).map((r) => r.stop()));
      await peer.stop();
    }
  });

  test('reach an agent once when both instances see the same call', async () => {
    const { a, b, onA, onB } = await ringingOnBoth(53, '7053', 'same-1');
    a.server.removeCall('same-1', ['7053']);
    b.server.removeCall('same-1', ['7053']);
    await Promise.all([onA.next('call.removed'), onB.next('call.removed')]);
    await new Promise((r) => setTimeout(r, 200));
    for (const c of [onA, onB]) {
      expect(c.messages.filter((m) => m.type === 'call.update')).toHaveLength(1);
      expect(c.messages.filter((m) => m.type === 'call.removed')).toHaveLength(1);
    }
  });
});

describe('tokens across instances', () => {
  test('a token seen on A makes an older one stale on B', async () => {
    const [a, b] = await bridges(2);
    const older = await token({ userId: 54, tokenId: nextTokenId() });
    const newer = await token({ userId: 54, tokenId: nextTokenId() });
    const onA = await connect(`http://127.0.0.1:${a.port}`, newer);
    clients.push(onA);
    await onA.next('snapshot');
    expect(await refusal(b, older)).toBe('token_stale');
  });

  test('a token renewed on A makes the one it replaced stale on B', async () => {
    const [a, b] = await bridges(2);
    const first = await token({ userId: 62, tokenId: nextTokenId() });
    const onA = await connect(`http://127.0.0.1:${a.port}`, first);
    clients.push(onA);
    await onA.next('snapshot');
    command(onA, { type: 'auth.refresh', token: await token({ userId: 62, tokenId: nextTokenId() }) });
    await onA.next('token.accepted');
    await until('B refuses the first token', async () => (await refusal(b, first)) === 'token_stale');
  });

  test('a revocation posted to A closes the agent\'s socket on B; no instance takes the token again', async () => {
    const prefix = newPrefix();
    const [a, b] = await bridges(2, prefix);
    const tok = await token({ userId: 55, tokenId: nextTokenId() });
    const neverSeen = await token({ userId: 55, tokenId: nextTokenId() });
    const onB = await connect(`http://127.0.0.1:${b.port}`, tok);
    clients.push(onB);
    await onB.next('snapshot');
    const closed = new Promise((resolve) => onB.socket.once('disconnect', resolve));
    const body = JSON.stringify({ userId: 55, notBefore: nextTokenId(), reason: 'logout', ts: Math.floor(Date.now() / 1000) });
    const res = await fetch(`http://127.0.0.1:${a.adminPort}/revoke`, { method: 'POST', headers: { 'content-type': 'application/json', [REVOCATION_SIGNATURE_HEADER]: signRevocation(TEST_SECRET, body) }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: true, dropped: 0 }); // none on A itself
    await closed;
    expect(onB.messages).toContainEqual(expect.objectContaining({ type: 'error', code: 'token_revoked' }));
    expect(await refusal(b, tok)).toBe('token_revoked');
    expect(await refusal(a, neverSeen)).toBe('token_revoked');
    // An instance started after the revocation refuses it too (the floor is in Redis).
    const [c] = await bridges(1, prefix);
    expect(await refusal(c, neverSeen)).toBe('token_revoked');
  });
});

describe('presence across instances', () => {
  test('colleagues on A list an agent on B; a desk phone reaches them; the call record finds them', async () => {
    const [a, b] = await bridges(2);
    const onA = await agent(a, { userId: 56, extension: '7056', name: 'Anna A' });
    await onA.next('snapshot');
    const onB = await agent(b, { userId: 57, extension: '7057', name: 'Bruno B' });
    await onB.next('snapshot');
    command(onB, { type: 'agent.setStatus', status: 'busy' });
    await until('A lists Bruno busy', () =>
      colleaguesSeen(onA.messages, '7056').some((c) => c.extension === '7057' && c.status === 'busy'),
    );
    expect(a.server.agentUserId('7057')).toBe(57);
    expect(a.server.sendToExtension('7057', { type: 'phone.openCustomer', customerId: 9, number: '+33612345678' })).toBe(1);
    expect(await onB.next('phone.openCustomer')).toEqual({ type: 'phone.openCustomer', customerId: 9, number: '+33612345678' });

    // B stops: Bruno shows offline on A.
    const bIndex = running.indexOf(b);
    running.splice(bIndex, 1);
    await b.stop();
    await until('A lists Bruno offline', () => colleaguesSeen(onA.messages, '7056').some((c) => c.extension === '7057' && c.status === 'offline'));
    expect(a.server.sendToExtension('7057', { type: 'phone.openCustomer', customerId: 9, number: '+33612345678' })).toBe(0);
  });

  test('an instance that stops beating (killed) no longer shows its agents online', async () => {
    const prefix = newPrefix();
    const [a] = await bridges(1, prefix);
    const onA = await agent(a, { userId: 58, extension: '7058' });
    await onA.next('snapshot');
    // A dead instance's last words in Redis: one agent online, a heartbeat, then nothing.
    const now = Date.now();
    await redisClient.hSet(`${prefix}instances`, 'killed-1', String(now));
    await redisClient.hSet(`${prefix}presence`, 'killed-1|59', JSON.stringify({ userId: 59, name: 'Killed K', extension: '7059', status: 'available', online: true, instance: 'killed-1', at: now }));
    const lastColleagues = () => colleaguesSeen(onA.messages, '7058');
    await until('the agent shows online', () => lastColleagues().some((c) => c.extension === '7059' && c.status === 'available'));
    await until('then offline', () => lastColleagues().some((c) => c.extension === '7059' && c.status === 'offline'), 3000);
  });

  test('a killed instance\'s agents, once the grace is over: gone from the lists, their session in Redis left to expire', async () => {
    const prefix = newPrefix();
    const [a] = await bridges(1, prefix, createLogger('silent'), url, { sessionGraceS: 1 });
    const now = Date.now();
    const identity = { userId: 65, name: 'Killed K', extension: '7065', permissions: [], expiresAt: 2_000_000_000, tokenId: 1 };
    // What a killed instance leaves: the agent connected (no expiry), online in the presence.
    await redisClient.set(`${prefix}agent:65`, JSON.stringify({ identity, status: 'away', calls: [], recent: [], recentSeenAt: null, leftAt: null }));
    await redisClient.hSet(`${prefix}instances`, 'killed-2', String(now));
    await redisClient.hSet(`${prefix}presence`, 'killed-2|65', JSON.stringify({ userId: 65, name: 'Killed K', extension: '7065', status: 'away', online: true, instance: 'killed-2', at: now }));
    await until('A knows the agent', () => a.server.agentUserId('7065') === 65);
    await until('the presence entry and heartbeat cleared', async () => (await redisClient.hLen(`${prefix}presence`)) === 0 && (await redisClient.hExists(`${prefix}instances`, 'killed-2')) === 0, 5000);
    expect(a.server.agentUserId('7065')).toBeUndefined();
    await until('the session left to expire', async () => (await redisClient.pTTL(`${prefix}agent:65`)) !== -1, 3000);
  });
});

test('a webhook PBX driver in cluster mode: one warning at start that events must reach every instance', async () => {
  const { logger, lines } = recordingLogger();
  await bridges(1, newPrefix(), logger, url, { pbx: { driver: 'generic', token: 'generic-webhook-token-0123456789abcdef' } });
  const warned = lines.filter((l) => /webhook PBX driver/.test(String(l.msg)));
  expect(warned).toHaveLength(1);
  expect(warned[0]).toMatchObject({ level: 40, pbx: 'generic' });
  expect(String(warned[0]!.msg)).toMatch(/every bridge instance, or run one instance/);
});

describe('Redis going away', () => {
  // A server of its own (these tests pause and stop it), above the shared 27379 and below Linux's ephemeral range.
  const port = String(27390 + (process.pid % 500));
  const env = { BANDEAU_REDIS_PORT: port, BANDEAU_REDIS_DIR: path.resolve(__dirname, `../../.artifacts/redis-cluster-${port}`) };

  afterAll(() => {
    redisSh('stop', env);
  });

  test('a Redis that does not answer holds a connecting agent ~1 s at most', async () => {
    redisSh('start', env);
    const own = redisSh('url', env);
    const { logger, lines } = recordingLogger();
    const [a] = await bridges(1, newPrefix(), logger, own);
    const admin = createClient({ url: own });
    await admin.connect();
    try {
      // Connected, but every command waits (CLIENT PAUSE on our own server only).
      await admin.sendCommand(['CLIENT', 'PAUSE', '6000', 'ALL']);
      const t0 = Date.now();
      const c = await agent(a, { userId: 64, extension: '7064' });
      await c.next('snapshot');
      const waited = Date.now() - t0;
      // The 1 s timeout, not the 6 s pause (loose bound: a loaded machine connects slowly).
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(4000);
      expect(lines.filter((l) => /local state/.test(String(l.msg)))).toHaveLength(1);
    } finally {
      await admin.quit();
    }
  });

  test('a bridge stops promptly while Redis is down (SIGTERM during an outage)', async () => {
    redisSh('start', env);
    const own = redisSh('url', env);
    const [a] = await bridges(1, newPrefix(), createLogger('silent'), own);
    const c = await agent(a, { userId: 66, extension: '7066' });
    await c.next('snapshot');
    redisSh('stop', env);
    await until('the bridge notices', () => !(a.server.health().body as { redis: { connected: boolean } }).redis.connected);
    running.splice(running.indexOf(a), 1);
    const t0 = Date.now();
    await a.stop();
    // Within the cluster's own timeouts (1 s each), not waiting for a Redis that is not coming back.
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  test('agents still connect with local state, the log says so once, nothing throws; back when Redis is', async () => {
    redisSh('start', env);
    const own = redisSh('url', env);
    const { logger, lines } = recordingLogger();
    const prefix = newPrefix();
    const [a] = await bridges(1, prefix, logger, own);
    const first = await agent(a, { userId: 60, extension: '7060' });
    await first.next('snapshot');
    expect((a.server.health().body as { redis: { connected: boolean } }).redis.connected).toBe(true);

    redisSh('stop', env);
    await until('the bridge notices', () => !(a.server.health().body as { redis: { connected: boolean } }).redis.connected);
    const t0 = Date.now();
    const second = await agent(a, { userId: 61, extension: '7061' });
    const snap = (await second.next('snapshot')) as Extract<ServerMessage, { type: 'snapshot' }>;
    expect(Date.now() - t0).toBeLessThan(4000); // no wait on a Redis known to be down
    expect(snap.agent.status).toBe('available');
    command(second, { type: 'agent.setStatus', status: 'away', ref: 'x' });
    expect(await second.next('agent.status')).toEqual({ type: 'agent.status', status: 'away' });
    await second.next('ack');
    a.server.pushCall(ended('during-outage', '7061'), ['7061']);
    await second.next('call.update');
    const said = lines.filter((l) => /local state/.test(String(l.msg)));
    expect(said).toHaveLength(1);
    expect(said[0]!.level).toBe(50);
    const errors = await a.server.metrics.registry.getSingleMetric('bandeau_cluster_redis_errors_total')!.get();
    expect(errors.values.reduce((n, v) => n + v.value, 0)).toBeGreaterThan(0);

    // Redis back (empty: no persistence): what changed meanwhile is written.
    redisSh('start', env);
    const back = createClient({ url: own });
    await back.connect();
    try {
      await until('the outage state written', async () => ((await back.get(`${prefix}agent:61`)) ?? '').includes('during-outage'), 15_000);
      expect(JSON.parse((await back.get(`${prefix}agent:61`))!)).toMatchObject({ status: 'away' });
      expect(lines.some((l) => /redis answers again/.test(String(l.msg)))).toBe(true);
    } finally {
      await back.quit();
    }
  });
});
