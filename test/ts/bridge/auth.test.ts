import { SignJWT } from 'jose';
import { AgentTokenVerifier } from '../../../bridge/src/auth/agentToken';
import { mintAgentToken } from '../../../bridge/src/auth/mintToken';
import { TEST_SECRET, connect, metric, startBridge, token, type Harness } from '../helpers/bridgeHarness';

const verifier = new AgentTokenVerifier({ secret: TEST_SECRET, maxLifetimeS: 3600, clockToleranceS: 30 });
const now = () => Math.floor(Date.now() / 1000);

describe('agent token verification', () => {
  it('accepts a valid token and returns who it speaks for', async () => {
    const id = await verifier.verify(await token());
    expect(id).toMatchObject({ userId: 5, name: 'Agent Five', extension: '7005', permissions: ['phone_bar', 'dial'] });
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const forged = await token({ secret: 'another-secret-0123456789abcdef0123456789' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'token_forged' });
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const [h, p, s] = (await token()).split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    payload.sub = '1';
    payload.perms = ['phone_bar', 'dial', 'all_calls'];
    const edited = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifier.verify(edited)).rejects.toMatchObject({ code: 'token_forged' });
  });

  it('refuses an expired token', async () => {
    const expired = await token({ now: now() - 1000, ttlS: 600 });
    await expect(verifier.verify(expired)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('refuses alg=none and other algorithms', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: 'bandeau-magento', aud: 'bandeau-bridge', sub: '5', ext: '7005', perms: [], iat: now(), exp: now() + 60 })).toString('base64url');
    await expect(verifier.verify(`${header}.${body}.`)).rejects.toMatchObject({ code: 'token_invalid' });
  });

  it('refuses a token for another audience or issuer', async () => {
    const key = new TextEncoder().encode(TEST_SECRET);
    const wrongAud = await new SignJWT({ ext: '7005', perms: [] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('bandeau-magento').setAudience('someone-else').setSubject('5').setIssuedAt().setExpirationTime('5m').sign(key);
    await expect(verifier.verify(wrongAud)).rejects.toMatchObject({ code: 'token_claims' });
    const wrongIss = await new SignJWT({ ext: '7005', perms: [] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('evil').setAudience('bandeau-bridge').setSubject('5').setIssuedAt().setExpirationTime('5m').sign(key);
    await expect(verifier.verify(wrongIss)).rejects.toMatchObject({ code: 'token_claims' });
  });

  it('refuses tokens that live longer than allowed, or lack claims', async () => {
    await expect(verifier.verify(await token({ ttlS: 7200 }))).rejects.toMatchObject({ code: 'token_claims' });
    const key = new TextEncoder().encode(TEST_SECRET);
    const noExt = await new SignJWT({ perms: [] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('bandeau-magento').setAudience('bandeau-bridge').setSubject('5').setIssuedAt().setExpirationTime('5m').sign(key);
    await expect(verifier.verify(noExt)).rejects.toMatchObject({ code: 'token_claims' });
    const badExt = await token({ extension: '70\r\n05' });
    await expect(verifier.verify(badExt)).rejects.toMatchObject({ code: 'token_claims' });
  });

  it('refuses missing, empty and garbage tokens', async () => {
    await expect(verifier.verify(undefined)).rejects.toMatchObject({ code: 'token_missing' });
    await expect(verifier.verify('')).rejects.toMatchObject({ code: 'token_missing' });
    await expect(verifier.verify('abc.def.ghi')).rejects.toMatchObject({ code: 'token_invalid' });
    await expect(verifier.verify('x'.repeat(5000))).rejects.toMatchObject({ code: 'token_invalid' });
  });
});

describe('socket.io endpoint authentication', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBridge();
  });
  afterAll(() => h.stop());

  it('refuses forged, expired and missing tokens, counts no accepted connection', async () => {
    const before = await metric(h.url, 'bandeau_bridge_connections_total');
    await expect(connect(h.url, await token({ secret: 'x'.repeat(40) }))).rejects.toMatchObject({ data: { code: 'token_forged' } });
    await expect(connect(h.url, await token({ now: now() - 5000 }))).rejects.toMatchObject({ data: { code: 'token_expired' } });
    await expect(connect(h.url, undefined)).rejects.toMatchObject({ data: { code: 'token_missing' } });
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(before);
    expect(await metric(h.url, 'bandeau_bridge_connections_refused_total')).toBeGreaterThanOrEqual(3);
  });

  it('accepts a valid token and sends the snapshot of that agent', async () => {
    const c = await connect(h.url, await token());
    const snap = await c.next('snapshot');
    expect(snap).toMatchObject({ type: 'snapshot', agent: { userId: 5, extension: '7005', status: 'available' }, calls: [] });
    expect(await metric(h.url, 'bandeau_bridge_connected_agents')).toBe(1);
    c.close();
  });

  it('refuses a refresh with another user\'s token and keeps the connection as its own user', async () => {
    const c = await connect(h.url, await token());
    await c.next('snapshot');
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', ref: 'r1', token: await token({ userId: 6, extension: '7006' }) });
    expect(await c.next('error')).toMatchObject({ code: 'token_other_user', ref: 'r1' });
    c.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'r2', status: 'away' });
    await c.next('agent.status');
    // Still user 5: a new connection of user 5 sees the status change, user 6 has no session.
    expect(h.server.sessions.get(5)?.status).toBe('away');
    expect(h.server.sessions.get(6)).toBeUndefined();
    c.close();
  });

  it('accepts a refresh with a fresh token of the same user, on the same connection', async () => {
    const c = await connect(h.url, await token({ ttlS: 120 }));
    await c.next('snapshot');
    const before = await metric(h.url, 'bandeau_bridge_connections_total');
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', token: await token({ ttlS: 900 }) });
    const acc = await c.next('token.accepted');
    expect((acc as { expiresAt: number }).expiresAt).toBeGreaterThan(now() + 800);
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(before);
    c.close();
  });

  it('refuses a refresh with an expired or forged token', async () => {
    const c = await connect(h.url, await token());
    await c.next('snapshot');
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', token: await token({ now: now() - 5000 }) });
    expect(await c.next('error')).toMatchObject({ code: 'token_expired' });
    c.socket.emit('bandeau:cmd', { type: 'auth.refresh', token: await token({ secret: 'y'.repeat(40) }) });
    expect(await c.next('error')).toMatchObject({ code: 'token_forged' });
    c.close();
  });

  it('disconnects a socket whose token expires without refresh', async () => {
    const h2 = await startBridge();
    try {
      // The bridge allows clockToleranceS (30 s) of slack: mint a token that expired 29 s ago.
      const c = await connect(h2.url, await mintAgentToken({ secret: TEST_SECRET, userId: 5, name: 'A', extension: '7005', permissions: [], ttlS: 60, now: now() - 89 }).then((t) => t.token));
      const err = await c.next('error', 5000);
      expect(err).toMatchObject({ code: 'token_expired' });
      await new Promise<void>((resolve) => (c.socket.disconnected ? resolve() : c.socket.once('disconnect', () => resolve())));
    } finally {
      await h2.stop();
    }
  });

  it('refuses a websocket from a page of another origin', async () => {
    const { io } = await import('socket.io-client');
    const s = io(h.url, { transports: ['websocket'], auth: { token: await token() }, reconnection: false, forceNew: true, extraHeaders: { origin: 'https://evil.example' } });
    await expect(new Promise((resolve, reject) => {
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', reject);
    })).rejects.toBeTruthy();
    s.close();
  });
});
