/**
 * Issue 14, finding 8: Origin on EVERY request (handshake, each polling request after it, the
 * WebSocket upgrade, plain HTTP), Host against the bridge's public name, Origin required from
 * browser transports. Each attack is a real HTTP request or socket.io client against a real BridgeServer.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer } from '../../../bridge/src/server';
import { SERVER_EVENT, type ServerMessage } from '../../../bridge/src/protocol/messages';
import { ORIGIN, TEST_SECRET, connect, token } from '../helpers/bridgeHarness';

const EVIL = 'https://evil.example';

async function start(over: Record<string, unknown> = {}): Promise<{ server: BridgeServer; port: number; url: string }> {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN], ...over });
  const server = new BridgeServer({ config, logger: createLogger('silent') });
  const port = await server.start();
  return { server, port, url: `http://127.0.0.1:${port}` };
}

/** One plain HTTP request; the status and body. */
function request(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A WebSocket upgrade; 101 when accepted, else the refusal's status. */
function upgrade(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers } });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

const sidOf = (body: string): string => (JSON.parse(body.slice(body.indexOf('{'))) as { sid: string }).sid;

describe('Origin and Host on every request (issue 14, finding 8)', () => {
  it('refuses a handshake without Origin by default (browser transports need one)', async () => {
    const s = await start();
    try {
      const r = await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: `127.0.0.1:${s.port}` });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'origin_missing' });
      expect(await upgrade(s.port, '/socket.io/?EIO=4&transport=websocket', { host: `127.0.0.1:${s.port}` })).toBe(403);
      // A same-origin browser request carries no Origin but says so (Sec-Fetch-Site, which pages cannot set).
      const same = await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: `127.0.0.1:${s.port}`, 'sec-fetch-site': 'same-origin' });
      expect(same.status).toBe(200);
    } finally {
      await s.server.stop();
    }
  });

  it('an Origin-less session id cannot be used by a page of another origin (polling GET, POST, upgrade)', async () => {
    // Even where scripts are allowed without Origin, each later request is checked again.
    const s = await start({ allowNonBrowserClients: true });
    try {
      const host = `127.0.0.1:${s.port}`;
      const hs = await request(s.port, '/socket.io/?EIO=4&transport=polling', { host });
      expect(hs.status).toBe(200);
      const sid = sidOf(hs.body);
      const path = `/socket.io/?EIO=4&transport=polling&sid=${sid}`;
      const post = await request(s.port, path, { host, origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' }, 'POST', `40${JSON.stringify({ token: await token() })}`);
      expect(post.status).toBe(403);
      expect(JSON.parse(post.body)).toMatchObject({ code: 'origin_not_allowed' });
      const get = await request(s.port, path, { host, origin: EVIL });
      expect(get.status).toBe(403);
      expect(await upgrade(s.port, `/socket.io/?EIO=4&transport=websocket&sid=${sid}`, { host, origin: EVIL })).toBe(403);
      // Nobody joined with that session: no agent connected.
      expect(s.server.sessions.connectedAgents()).toBe(0);
      const refused = await s.server.metrics.requestsRefused.get();
      expect(refused.values.find((v) => v.labels.reason === 'origin_not_allowed')?.value).toBe(3);
    } finally {
      await s.server.stop();
    }
  });

  it('refuses a foreign Host (DNS rebinding), on socket.io and on plain HTTP', async () => {
    const s = await start();
    try {
      const r = await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: `rebound.evil.example:${s.port}`, origin: ORIGIN });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'host_not_allowed' });
      expect(await upgrade(s.port, '/socket.io/?EIO=4&transport=websocket', { host: `rebound.evil.example:${s.port}`, origin: ORIGIN })).toBe(403);
      expect((await request(s.port, '/anything', { host: `rebound.evil.example:${s.port}` })).status).toBe(403);
      // The derived names: the listen address, loopback, the allowed origins' hosts, on the bridge's port.
      expect(s.server['guard'].policy.allowedHosts()).toEqual(expect.arrayContaining([`127.0.0.1:${s.port}`, `localhost:${s.port}`, `admin.example.test:${s.port}`]));
    } finally {
      await s.server.stop();
    }
  });

  it('with publicUrl, only its Host is accepted', async () => {
    const s = await start({ publicUrl: 'https://cti.example.test' });
    try {
      expect((await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: `127.0.0.1:${s.port}`, origin: ORIGIN })).status).toBe(403);
      expect((await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: 'cti.example.test', origin: ORIGIN })).status).toBe(200);
      expect((await request(s.port, '/socket.io/?EIO=4&transport=polling', { host: 'cti.example.test:443', origin: ORIGIN })).status).toBe(200);
    } finally {
      await s.server.stop();
    }
  });

  it('the admin\'s origin works, over WebSocket and over long-polling (each request checked)', async () => {
    const s = await start();
    try {
      const c = await connect(s.url, await token({ userId: 51, extension: '7051' }));
      await c.next('snapshot');
      c.close();
      const polling = io(s.url, { transports: ['polling'], auth: { token: await token({ userId: 52, extension: '7052' }) }, reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN } });
      const snap = await new Promise<ServerMessage>((resolve, reject) => {
        polling.on(SERVER_EVENT, (m: ServerMessage) => m.type === 'snapshot' && resolve(m));
        polling.once('connect_error', reject);
      });
      expect(snap).toMatchObject({ type: 'snapshot' });
      polling.close();
      // A page of another origin with a valid token gets nowhere.
      const evil = io(s.url, { transports: ['polling'], auth: { token: await token({ userId: 53, extension: '7053' }) }, reconnection: false, forceNew: true, extraHeaders: { origin: EVIL } });
      await new Promise<void>((resolve) => evil.once('connect_error', () => resolve()));
      evil.close();
      expect(s.server.sessions.get(53)).toBeUndefined();
    } finally {
      await s.server.stop();
    }
  });
});
