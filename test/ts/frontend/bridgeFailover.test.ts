/**
 * Issue 18, failover without shared state: the page config lists several bridges, each with its own
 * AMI connection and the same shared secret; when the one in use goes away the session moves on
 * to the next with the same token, at once, and backs off only once every bridge failed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import { BridgeRotation, bridgeList } from '../../../frontend-ts/src/session/bridgeRotation';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer } from '../../../bridge/src/server';
import { mintAgentToken } from '../../../bridge/src/auth/mintToken';
import { SessionConfig, PageConfig } from '../../../bridge/src/protocol/messages';
import { quietHubLogs } from '../helpers/quietHubLogs';
import { fakePage } from '../helpers/fakePage';

const SECRET = 'secret-f-0123456789abcdef0123456789abcdef';

describe('the list of bridges', () => {
  it('is bridgeUrls in order without duplicates, else the single bridgeUrl of older configs', () => {
    expect(bridgeList({ bridgeUrl: 'https://a.example' })).toEqual(['https://a.example']);
    expect(bridgeList({ bridgeUrl: 'https://a.example', bridgeUrls: [] })).toEqual(['https://a.example']);
    expect(bridgeList({ bridgeUrl: 'https://a.example', bridgeUrls: ['https://b.example', 'https://a.example', 'https://b.example'] })).toEqual([
      'https://b.example',
      'https://a.example',
    ]);
  });

  it('the protocol takes a config with or without the list, and refuses a list of non-URLs', () => {
    const base = { bridgeUrl: 'https://a.example', tokenUrl: '/token' };
    expect(SessionConfig.safeParse(base).success).toBe(true);
    expect(SessionConfig.safeParse({ ...base, bridgeUrls: ['https://a.example', 'https://b.example:8788'] }).success).toBe(true);
    expect(SessionConfig.safeParse({ ...base, bridgeUrls: ['not a url'] }).success).toBe(false);
    expect(SessionConfig.safeParse({ ...base, bridgeUrls: [] }).success).toBe(false);
    expect(PageConfig.safeParse({ ...base, workerUrl: '/w.js', bridgeUrls: ['https://a.example'] }).success).toBe(true);
  });
});

describe('BridgeRotation', () => {
  it('goes round the list, at once until every bridge failed since the last connection, then backs off per round', () => {
    const r = new BridgeRotation(['a', 'b', 'c']);
    expect(r.current()).toBe('a');
    expect(r.canFailOver()).toBe(true);
    const half = () => 0.5;
    expect(r.failOver(half)).toEqual({ url: 'b', delayMs: 0 });
    expect(r.failOver(half)).toEqual({ url: 'c', delayMs: 0 });
    // a, b and c all failed: one full round.
    expect(r.failOver(half)).toEqual({ url: 'a', delayMs: 1_000 });
    r.failOver(half);
    r.failOver(half);
    expect(r.failOver(half)).toEqual({ url: 'a', delayMs: 2_000 });
    r.connected();
    expect(r.failOver(half)).toEqual({ url: 'b', delayMs: 0 });
  });

  it('one bridge: no failover (socket.io retries it as before)', () => {
    expect(new BridgeRotation(['a']).canFailOver()).toBe(false);
    expect(() => new BridgeRotation([])).toThrow();
  });

  it('compares lists in order', () => {
    const r = new BridgeRotation(['a', 'b']);
    expect(r.sameAs(['a', 'b'])).toBe(true);
    expect(r.sameAs(['b', 'a'])).toBe(false);
    expect(r.sameAs(['a'])).toBe(false);
  });
});

async function bridge() {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: SECRET, allowedOrigins: ['http://127.0.0.1'], allowNonBrowserClients: true });
  const server = new BridgeServer({ config, logger: createLogger('silent') });
  const port = await server.start();
  return { server, url: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

async function magento() {
  let minted = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      minted++;
      void mintAgentToken({ secret: SECRET, userId: 5, name: 'Agent Five', extension: '7005', permissions: ['dial'], ttlS: 600 }).then((t) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(t)),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, minted: () => minted, close: () => server.close() };
}

describe('the session fails over to the next bridge', () => {
  let hub: SessionHub | null = null;
  const cleanup: Array<() => unknown> = [];
  quietHubLogs();
  afterEach(async () => {
    hub?.close();
    hub = null;
    for (const c of cleanup.splice(0)) await c();
  });

  it('the bridge in use stops: connected to the other one within 5 s, same token, no problem left', async () => {
    const mag = await magento();
    const a = await bridge();
    const b = await bridge();
    cleanup.push(mag.close, a.stop, b.stop);
    hub = new SessionHub('shared-worker');
    const p = fakePage(hub, 'P', { timeoutMs: 10_000 });
    cleanup.push(p.close);
    p.hello(mag.url, a.url, { bridgeUrls: [a.url, b.url] });
    const first = await p.until((s) => s.connection === 'connected');
    expect(first.bridgeUrl).toBe(a.url);

    const t0 = Date.now();
    await a.stop();
    const moved = await p.until((s) => s.connection === 'connected' && s.bridgeUrl === b.url);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(moved.problem).toBeNull();
    expect(moved.agent?.extension).toBe('7005');
    // The token Magento minted first still works on the other instance (same secret).
    expect(mag.minted()).toBe(1);
  });

  it('the first bridge of the list is down from the start: the next one, at once', async () => {
    const mag = await magento();
    const dead = await bridge();
    await dead.stop();
    const b = await bridge();
    cleanup.push(mag.close, b.stop);
    hub = new SessionHub('shared-worker');
    const p = fakePage(hub, 'P', { timeoutMs: 10_000 });
    cleanup.push(p.close);
    const t0 = Date.now();
    p.hello(mag.url, dead.url, { bridgeUrls: [dead.url, b.url] });
    const s = await p.until((v) => v.connection === 'connected');
    expect(s.bridgeUrl).toBe(b.url);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
