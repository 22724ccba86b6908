import http from 'node:http';
import { io } from 'socket.io-client';
import { Server } from 'socket.io';
import type { AddressInfo } from 'node:net';
import { SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import { makeTranslator, problemText } from '../../../frontend-ts/src/page/strings';
import { metric, startBridge, token, type Harness } from '../helpers/bridgeHarness';
import { quietHubLogs } from '../helpers/quietHubLogs';
import { fakePage } from '../helpers/fakePage';
import { until } from '../helpers/waitFor';
import { CLIENT_FEATURES } from '../../../bridge/src/protocol/clientFeatures';

/** Stands in for Magento's token controller: checks the form key, counts what it mints. */
async function tokenEndpoint(ttlS: number) {
  let minted = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (new URLSearchParams(body).get('form_key') !== 'fk') {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Invalid form key' } }));
        return;
      }
      minted++;
      void token({ ttlS }).then((t) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: t })));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, minted: () => minted, close: () => server.close() };
}

describe('the session hub (SharedWorker core) against a real bridge', () => {
  let h: Harness;
  let tokens: Awaited<ReturnType<typeof tokenEndpoint>>;
  let hub: SessionHub;
  quietHubLogs();
  beforeEach(async () => {
    h = await startBridge({ origins: ['http://127.0.0.1'], nonBrowserClients: true });
    tokens = await tokenEndpoint(600);
  });
  afterEach(async () => {
    hub?.close();
    tokens.close();
    await h.stop();
  });

  it('serves every page over one bridge connection and fans state out', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    const b = fakePage(hub, 'B');
    a.hello(tokens.url, h.url);
    const sa = await a.until((s) => s.connection === 'connected');
    expect(sa.agent).toMatchObject({ userId: 5, extension: '7005' });
    b.hello(tokens.url, h.url);
    await b.until((s) => s.connection === 'connected' && s.pages === 2);
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(1);
    expect(tokens.minted()).toBe(1);
    a.post({ type: 'command', pageId: 'A', command: { type: 'agent.setStatus', status: 'away' } });
    await b.until((s) => s.agent?.status === 'away');
    await a.until((s) => s.agent?.status === 'away');
    a.close();
    b.close();
  });

  it('rejects an invalid page message with a notice and changes nothing', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    a.hello(tokens.url, h.url);
    const before = await a.until((s) => s.connection === 'connected');
    a.post({ type: 'command', pageId: 'A', command: { type: 'agent.setStatus', status: 'sleeping' } });
    a.post({ type: 'hello', pageId: 'A', visible: true, config: { bridgeUrl: 'javascript:alert(1)', tokenUrl: '' } });
    a.post('garbage');
    await new Promise((r) => setTimeout(r, 200));
    const notices = a.received.filter((m) => m.type === 'notice' && m.code === 'invalid_message');
    expect(notices).toHaveLength(3);
    expect(h.server.sessions.get(5)?.status).toBe('available');
    expect(a.state()).toMatchObject({ connection: 'connected', agent: before.agent });
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(1);
    a.close();
  });

  it('drops a page that misses its heartbeats, and one that says goodbye', async () => {
    hub = new SessionHub('shared-worker', { heartbeatTimeoutMs: 300, checkEveryMs: 100 });
    const a = fakePage(hub, 'A');
    const b = fakePage(hub, 'B');
    const c = fakePage(hub, 'C');
    a.hello(tokens.url, h.url);
    b.hello(tokens.url, h.url);
    c.hello(tokens.url, h.url);
    await a.until((s) => s.pages === 3 && s.connection === 'connected');
    c.post({ type: 'goodbye', pageId: 'C' });
    await a.until((s) => s.pages === 2);
    // A keeps beating, B falls silent.
    const beat = setInterval(() => a.post({ type: 'heartbeat', pageId: 'A', visible: true }), 50);
    try {
      await a.until((s) => s.pages === 1, 3000);
    } finally {
      clearInterval(beat);
    }
    // B comes back: it is told to say hello again rather than being silently ignored.
    b.post({ type: 'heartbeat', pageId: 'B', visible: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(b.received.some((m) => m.type === 'notice' && m.code === 'hello_required')).toBe(true);
    [a, b, c].forEach((p) => p.close());
  });

  it('renews the token before it expires on the same connection', async () => {
    tokens.close();
    tokens = await tokenEndpoint(7); // refresh is due at the 5 s floor
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    a.hello(tokens.url, h.url);
    await a.until((s) => s.connection === 'connected');
    const firstExpiry = h.server.sessions.get(5)!.identity.expiresAt;
    await until(() => tokens.minted() >= 2, 9000, 'a second token', 100);
    await until(() => h.server.sessions.get(5)!.identity.expiresAt !== firstExpiry, 2000, 'the renewed expiry', 50);
    expect(h.server.sessions.get(5)!.identity.expiresAt).toBeGreaterThan(firstExpiry);
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(1);
    expect(a.state()?.connection).toBe('connected');
    a.close();
  }, 20_000);

  it('goes offline with the reason when the token endpoint refuses', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    a.post({ type: 'hello', pageId: 'A', visible: true, config: { bridgeUrl: h.url, tokenUrl: tokens.url, formKey: 'wrong' } });
    const s = await a.until((st) => st.connection === 'offline');
    // The reason travels as a template of the bar's strings and its values, for each page to translate.
    // A stale form key means the admin session that configured the page is over: said as a sentence.
    expect(s.problem?.text).toBe('Your Magento admin session has ended: reload the page to sign in again.');
    const fr = { 'Your Magento admin session has ended: reload the page to sign in again.': "Votre session d'administration Magento est terminée : rechargez la page pour vous reconnecter." };
    expect(problemText(s.problem!, makeTranslator(fr))).toMatch(/^Votre session d'administration Magento est terminée/);
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(0);
    a.close();
  });

  it('reconnects after the bridge restarts and restores state from the snapshot', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    a.hello(tokens.url, h.url);
    await a.until((s) => s.connection === 'connected');
    a.post({ type: 'command', pageId: 'A', command: { type: 'agent.setStatus', status: 'busy' } });
    await a.until((s) => s.agent?.status === 'busy');
    const port = Number(new URL(h.url).port);
    await h.stop();
    await a.until((s) => s.connection !== 'connected');
    h = await startBridge({ origins: ['http://127.0.0.1'], port, nonBrowserClients: true });
    const back = await a.until((s) => s.connection === 'connected', 20_000);
    // A fresh bridge knows nothing: the snapshot is the truth, and the page shows it.
    expect(back.agent?.status).toBe('available');
    expect(back.connectionsOpened).toBe(2);
    a.close();
  }, 30_000);

  it('declares the protocol features it handles in its handshake, beside the token', async () => {
    // A bare socket.io server in the bridge's place, to read the handshake as the bridge gets it.
    const server = http.createServer();
    const bridge = new Server(server);
    const auths: unknown[] = [];
    bridge.on('connection', (socket) => auths.push(socket.handshake.auth));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      hub = new SessionHub('shared-worker');
      const a = fakePage(hub, 'A');
      a.hello(tokens.url, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await until(() => auths.length > 0, 5000, 'the handshake');
      expect(auths[0]).toEqual({ token: expect.any(String), features: ['colleagues.changed'] });
      expect(auths[0]).toMatchObject({ features: [...CLIENT_FEATURES] });
      a.close();
    } finally {
      hub.close();
      await bridge.close();
    }
  });

  it('keeps the transfer list from the bridge\'s team changes: colleagues appear in name order, change status, go offline; never the agent', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    a.hello(tokens.url, h.url);
    await a.until((s) => s.connection === 'connected');
    // Colleagues straight on socket.io (no Origin: this bridge takes non-browser clients).
    const colleague = async (userId: number, extension: string, name: string) => {
      const socket = io(h.url, { transports: ['websocket'], auth: { token: await token({ userId, extension, name }) }, reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
      return socket;
    };
    const zoe = await colleague(6, '7006', 'Zoé Roux');
    const emile = await colleague(7, '7007', 'Émile Petit');
    const both = await a.until((s) => s.colleagues?.length === 2);
    expect(both.colleagues).toEqual([
      { name: 'Émile Petit', extension: '7007', status: 'available' },
      { name: 'Zoé Roux', extension: '7006', status: 'available' },
    ]);
    zoe.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'dnd' });
    await a.until((s) => s.colleagues?.[1]?.status === 'dnd');
    emile.disconnect();
    const after = await a.until((s) => s.colleagues?.[0]?.status === 'offline');
    expect(after.colleagues).toEqual([
      { name: 'Émile Petit', extension: '7007', status: 'offline' },
      { name: 'Zoé Roux', extension: '7006', status: 'dnd' },
    ]);
    expect(a.states().some((s) => s.colleagues?.some((c) => c.extension === '7005'))).toBe(false);
    zoe.disconnect();
    a.close();
  });
});
