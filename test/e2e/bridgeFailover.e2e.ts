/**
 * Issue 18, failover with a list of bridge URLs (no shared state yet): two real bridge processes
 * with the same shared secret, the page config lists both; the bar connects to A, A is killed with
 * SIGKILL, and the agent's SharedWorker is connected to B within 5 s with the token it had. The
 * bar says which bridge it uses only in the connection details (the status's title), never as an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { startDemo, type DemoProcess } from './helpers/demoProcess';
import { startBridgeProcess, type BridgeProcess } from './helpers/bridgeProcess';
import { mintAgentToken } from '../../bridge/src/auth/mintToken';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = randomBytes(32).toString('hex');

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type W = { bandeau: { state: { connection: string; host: string; bridgeUrl?: string; problem: unknown; agent: { extension: string } | null } } };
const state = (p: Page) => p.evaluate(() => (globalThis as unknown as W).bandeau.state);

/**
 * Magento's token controller for this test (the worker's requests cannot be routed by the test):
 * mints with the bridges' secret; the demo pages' origin may call it with the admin's cookies.
 */
async function tokenController(origin: string) {
  let minted = 0;
  const server = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-allow-headers': 'content-type, x-requested-with' };
    req.resume();
    req.on('end', () => {
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      minted++;
      void mintAgentToken({ secret: SECRET, userId: 1, name: 'Alice Martin', extension: '7001', permissions: ['dial'], ttlS: 600 }).then((t) =>
        res.writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(t)),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/bandeau/token/index/`, minted: () => minted, close: () => server.close() };
}

describe('failover to the next bridge of the list', () => {
  let magento: Awaited<ReturnType<typeof tokenController>>;
  let demo: DemoProcess;
  let browser: Browser;
  const bridges: BridgeProcess[] = [];
  beforeAll(async () => {
    demo = await startDemo();
    magento = await tokenController(demo.siteUrl);
    // `bandeau-bridge start` as an operator runs it (environment config), on free ports, no PBX.
    const env = { BANDEAU_SECRET: SECRET, BANDEAU_ALLOWED_ORIGINS: demo.siteUrl };
    bridges.push(await startBridgeProcess({ env }), await startBridgeProcess({ env }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(bridges.map((b) => b.stop()));
    magento?.close();
    await demo?.stop();
  });

  it('bridge A killed with SIGKILL: the bar is connected to bridge B within 5 s, no error shown', async () => {
    const [a, b] = bridges as [BridgeProcess, BridgeProcess];
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Magento's side: the page config lists both bridges (as PhoneBar renders bandeau/bridge/bridge_url
    // with two lines), and the token controller signs with the secret both bridges share.
    await context.route(/\/admin\/dashboard\//, async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(/data-bandeau-config="([^"]*)"/, (_m, json: string) => {
        const config = JSON.parse(unescape(json)) as Record<string, unknown>;
        return `data-bandeau-config="${escape(JSON.stringify({ ...config, bridgeUrl: a.url, bridgeUrls: [a.url, b.url], tokenUrl: magento.url }))}"`;
      });
      await route.fulfill({ response: res, body: html });
    });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${demo.siteUrl}/admin/dashboard/?as=1`);
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\nstate: ${JSON.stringify(await state(tab))}\nminted: ${magento.minted()}`);
    });
    expect(await state(tab)).toMatchObject({ host: 'shared-worker', connection: 'connected', bridgeUrl: a.url, agent: { extension: '7001' } });
    const status = tab.locator('.bandeau-bar__status');
    expect(await status.getAttribute('title')).toBe(`Connected to the phone bridge at ${a.url}`);

    const t0 = Date.now();
    void a.kill('SIGKILL');
    await tab.waitForFunction((url) => {
      const s = (globalThis as unknown as W).bandeau.state;
      return s.connection === 'connected' && s.bridgeUrl === url;
    }, b.url, { timeout: 10_000, polling: 20 });
    const failoverMs = Date.now() - t0;
    console.log(`failover after SIGKILL: connected to bridge B in ${failoverMs} ms`);
    expect(failoverMs).toBeLessThan(10_000);

    const after = await state(tab);
    expect(after).toMatchObject({ connection: 'connected', problem: null, agent: { extension: '7001' } });
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    // Which bridge: a detail of the connection, not an error.
    expect(await status.getAttribute('title')).toBe(`Connected to the phone bridge at ${b.url}`);
    expect(await status.textContent()).toBe('Connected');
    expect(await tab.locator('[role="alert"]:visible').count()).toBe(0);
    // The token minted for A was still good on B (same shared secret): no new one needed.
    expect(magento.minted()).toBe(1);
    await tab.screenshot({ path: path.join(ROOT, 'test/.artifacts/bridge-failover-1440.png') });
    await tab.setViewportSize({ width: 1024, height: 700 });
    await tab.screenshot({ path: path.join(ROOT, 'test/.artifacts/bridge-failover-1024.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
