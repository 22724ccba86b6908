import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { io } from 'socket.io-client';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { nextTokenId } from '../../../bridge/src/auth/mintToken';
import { REVOCATION_SIGNATURE_HEADER, signRevocation, TokenLedger } from '../../../bridge/src/auth/revocation';
import { ORIGIN, TEST_SECRET, connect, metric, startBridge, token, type Harness } from '../helpers/bridgeHarness';

/** Connects and resolves with the refusal's code (or throws when the bridge let it in). */
async function refusal(url: string, tok: string): Promise<string | undefined> {
  const socket = io(url, { transports: ['websocket'], auth: { token: tok }, reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN } });
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the bridge accepted the connection')));
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code));
    });
  } finally {
    socket.disconnect();
  }
}

const nowS = () => Math.floor(Date.now() / 1000);

function revoke(adminUrl: string, body: unknown, opts: { secret?: string; signature?: string | null } = {}): Promise<Response> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.signature !== null) headers[REVOCATION_SIGNATURE_HEADER] = opts.signature ?? signRevocation(opts.secret ?? TEST_SECRET, text);
  return fetch(`${adminUrl}/revoke`, { method: 'POST', headers, body: text });
}

describe('token ledger', () => {
  it('refuses older, revoked and already held token ids; a holder that is gone does not count', () => {
    const l = new TokenLedger();
    const alive = new Set(['s1']);
    expect(l.check(1, 100, 's1', (id) => alive.has(id))).toBeNull();
    l.claim(1, 100, 's1');
    expect(l.check(1, 100, 's2', (id) => alive.has(id))).toBe('token_in_use');
    expect(l.check(1, 99, 's2', (id) => alive.has(id))).toBe('token_stale');
    expect(l.check(2, 99, 's2', (id) => alive.has(id))).toBeNull();
    alive.delete('s1');
    expect(l.check(1, 100, 's2', (id) => alive.has(id))).toBeNull();
    l.revoke(1, 150);
    expect(l.check(1, 120, 's3', () => false)).toBe('token_revoked');
    expect(l.check(1, 150, 's3', () => false)).toBeNull();
    // An older revocation (a replay) never lowers the floor.
    expect(l.revoke(1, 10)).toBe(150);
  });
});

describe('one token, one socket; never an older token (attacks)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBridge();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('refuses a second socket with the same token while the first is connected; the first keeps working', async () => {
    const tok = await token({ userId: 31, extension: '7031' });
    const first = await connect(h.url, tok);
    await first.next('snapshot');
    expect(await refusal(h.url, tok)).toBe('token_in_use');
    expect(first.socket.connected).toBe(true);
    expect(await metric(h.url, 'bandeau_bridge_connected_agents')).toBe(1);
    first.socket.emit('bandeau:cmd', { type: 'agent.recentSeen' });
    await first.next('recent.seen');
    // Once the first socket is gone, the token may open one again (a worker that reconnects).
    first.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await connect(h.url, tok);
    await again.next('snapshot');
    again.close();
  });

  it('two tabs of one worker, a pop-out and an in-page fallback each with their own token all connect', async () => {
    const a = await connect(h.url, await token({ userId: 32, extension: '7032' }));
    const b = await connect(h.url, await token({ userId: 32, extension: '7032' }));
    await Promise.all([a.next('snapshot'), b.next('snapshot')]);
    expect(a.socket.connected && b.socket.connected).toBe(true);
    a.close();
    b.close();
  });

  it('refuses an older token of the user once a newer one was used, on connect and on refresh', async () => {
    const older = await token({ userId: 33, extension: '7033' });
    const newer = await token({ userId: 33, extension: '7033' });
    const c = await connect(h.url, newer);
    await c.next('snapshot');
    expect(await refusal(h.url, older)).toBe('token_stale');
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', token: older });
    expect(await c.next('error')).toMatchObject({ code: 'token_stale' });
    // A newer one still renews the session.
    const newest = await token({ userId: 33, extension: '7033' });
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', token: newest });
    await c.next('token.accepted');
    // The renewed socket now holds the newest token: nobody else may open a socket with it.
    expect(await refusal(h.url, newest)).toBe('token_in_use');
    expect(await metric(h.url, 'bandeau_bridge_connections_refused_total')).toBeGreaterThanOrEqual(2);
    c.close();
  });
});

describe('revocation from Magento over the admin listener (attacks)', () => {
  let runtime: BridgeRuntime;
  let url: string;
  let adminUrl: string;
  beforeEach(async () => {
    runtime = await startRuntime(BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN] }), createLogger('silent'));
    url = `http://127.0.0.1:${runtime.port}`;
    adminUrl = `http://127.0.0.1:${runtime.adminPort}`;
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('logout: the user\'s sockets are dropped at once, the old token stays refused, a fresh one works', async () => {
    const tok = await token({ userId: 41, extension: '7041' });
    const worker = await connect(url, tok);
    const other = await connect(url, await token({ userId: 42, extension: '7042' }));
    await Promise.all([worker.next('snapshot'), other.next('snapshot')]);
    const dropped = new Promise<number>((resolve) => worker.socket.once('disconnect', () => resolve(Date.now())));
    const sent = Date.now();
    const res = await revoke(adminUrl, { userId: 41, notBefore: nextTokenId(), reason: 'logout', ts: nowS() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: true, dropped: 1 });
    const at = await Promise.race([dropped, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('socket not dropped')), 5_000))]);
    // Measured, not timed: it is dropped while the revocation is answered (well under a second).
    expect(at - sent).toBeLessThan(5_000);
    expect(worker.messages).toContainEqual(expect.objectContaining({ type: 'error', code: 'token_revoked' }));
    // Another user is untouched.
    expect(other.socket.connected).toBe(true);
    // The revoked token cannot come back (the page's worker retries with it before asking Magento).
    expect(await refusal(url, tok)).toBe('token_revoked');
    // A token Magento mints afterwards (the user still has another admin session) is accepted.
    const fresh = await connect(url, await token({ userId: 41, extension: '7041' }));
    await fresh.next('snapshot');
    fresh.close();
    other.close();
  });

  it('refuses a forged, unsigned, replayed-late or malformed revocation and drops nobody', async () => {
    const c = await connect(url, await token({ userId: 43, extension: '7043' }));
    await c.next('snapshot');
    const body = { userId: 43, notBefore: nextTokenId(), reason: 'logout', ts: nowS() };
    const forged = await revoke(adminUrl, body, { secret: 'another-secret-0123456789abcdef0123456789' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'revocation_forged' } });
    expect((await revoke(adminUrl, body, { signature: null })).status).toBe(401);
    expect((await revoke(adminUrl, body, { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    // A valid signature over another body does not cover this one.
    const other = JSON.stringify({ ...body, userId: 44 });
    expect((await revoke(adminUrl, body, { signature: signRevocation(TEST_SECRET, other) })).status).toBe(401);
    const late = await revoke(adminUrl, { ...body, ts: nowS() - 3600 });
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: { code: 'revocation_expired' } });
    expect((await revoke(adminUrl, { ...body, userId: 'all' })).status).toBe(400);
    expect((await revoke(adminUrl, { ...body, extra: 1 })).status).toBe(400);
    const huge = await fetch(`${adminUrl}/revoke`, { method: 'POST', body: 'x'.repeat(10_000) });
    expect(huge.status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.socket.connected).toBe(true);
    c.socket.emit('bandeau:cmd', { type: 'agent.recentSeen' });
    await c.next('recent.seen');
    const text = await (await fetch(`${adminUrl}/metrics`)).text();
    expect(text).toMatch(/^bandeau_bridge_revocations_total\{outcome="revocation_forged"\} [3-9]$/m);
    c.close();
  });

  it('Magento\'s own revocation (the module\'s PHP TokenRevoker) closes a PHP-minted token\'s socket', async () => {
    const ROOT = path.resolve(__dirname, '../../..');
    const php = (script: string, args: string[]) => execFileSync('php', [path.join(ROOT, 'test/php/bin', script), ...args], { encoding: 'utf8' }).trim();
    const tok = php('mint-token.php', ['--secret', TEST_SECRET, '--user-id', '47', '--ext', '7047', '--perms', 'phone_bar']);
    const c = await connect(url, tok);
    await c.next('snapshot');
    const sent = JSON.parse(php('revocation-request.php', ['--secret', TEST_SECRET, '--user-id', '47', '--admin-url', adminUrl])) as { url: string; body: string; headers: Record<string, string> };
    const closed = new Promise<void>((resolve) => c.socket.once('disconnect', () => resolve()));
    const res = await fetch(sent.url, { method: 'POST', headers: sent.headers, body: sent.body });
    expect(res.status).toBe(200);
    await closed;
    expect(await refusal(url, tok)).toBe('token_revoked');
    // A token the module mints afterwards is accepted.
    const fresh = await connect(url, php('mint-token.php', ['--secret', TEST_SECRET, '--user-id', '47', '--ext', '7047', '--perms', 'phone_bar']));
    await fresh.next('snapshot');
    fresh.close();
  });

  it('the revocation endpoint is on the admin listener only, not on the agents\' port', async () => {
    const body = { userId: 45, notBefore: nextTokenId(), reason: 'logout', ts: nowS() };
    expect((await revoke(url, body)).status).toBe(404);
  });
});

describe('health and metrics off the agents\' port (attack: reading them from the agents\' side)', () => {
  it('agents\' port answers 404; the admin listener serves them with the PBX detail', async () => {
    const runtime = await startRuntime(BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN] }), createLogger('silent'));
    try {
      const url = `http://127.0.0.1:${runtime.port}`;
      for (const p of ['/healthz', '/metrics', '/metrics?x=1']) {
        const r = await fetch(`${url}${p}`, { headers: { origin: ORIGIN } });
        expect(r.status).toBe(404);
        expect(await r.text()).not.toMatch(/bandeau_bridge|pbx|AMI/);
      }
      const admin = `http://127.0.0.1:${runtime.adminPort}`;
      const health = await fetch(`${admin}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', agents: 0, pbx: { connected: false } });
      expect(await (await fetch(`${admin}/metrics`)).text()).toMatch(/^# TYPE bandeau_bridge_connections_total counter$/m);
    } finally {
      await runtime.stop();
    }
  });

  it('with admin.token, /healthz and /metrics want the bearer token; revocations still only their signature', async () => {
    const adminToken = 'admin-token-0123456789abcdef';
    const runtime = await startRuntime(
      BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, admin: { token: adminToken }, secret: TEST_SECRET, allowedOrigins: [ORIGIN] }),
      createLogger('silent'),
    );
    try {
      const admin = `http://127.0.0.1:${runtime.adminPort}`;
      for (const p of ['/healthz', '/metrics']) {
        expect((await fetch(`${admin}${p}`)).status).toBe(401);
        expect((await fetch(`${admin}${p}`, { headers: { authorization: 'Bearer wrong-token-0123456789abcd' } })).status).toBe(401);
        expect((await fetch(`${admin}${p}`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
      }
      const r = await revoke(admin, { userId: 46, notBefore: nextTokenId(), reason: 'user_changed', ts: nowS() });
      expect(r.status).toBe(200);
    } finally {
      await runtime.stop();
    }
  });

  it('admin.enabled false: no admin listener', async () => {
    const runtime = await startRuntime(BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, admin: { enabled: false }, secret: TEST_SECRET, allowedOrigins: [ORIGIN] }), createLogger('silent'));
    try {
      expect(runtime.adminPort).toBeNull();
    } finally {
      await runtime.stop();
    }
  });
});
