import type { Page } from 'playwright-core';
import { metric } from './helpers/demoProcess';
import { demoWithBrowser } from './helpers/demoSuite';
import type { BarWindow } from './helpers/barWindow';

const state = (p: Page) => p.evaluate(() => (globalThis as unknown as BarWindow).bandeau!.state);

describe('browsers where the worker does not survive, or does not exist', () => {
  const env = demoWithBrowser();

  it('connects from the page itself where SharedWorker is missing, and restores state from the bridge snapshot on every page', async () => {
    const context = await env.browser.newContext();
    // As in browsers without SharedWorker: every page is a brand-new session (like Firefox's
    // worker, which dies on each navigation).
    await context.addInitScript(() => {
      delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
    });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const before = await metric(env.demo.bridgeUrl, 'bandeau_bridge_connections_total');
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/`);
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
    expect(await state(tab)).toMatchObject({ host: 'in-page', connection: 'connected', agent: { status: 'available' } });
    await tab.evaluate(() => (globalThis as unknown as BarWindow).bandeau!.link!.command({ type: 'agent.setStatus', status: 'away' }));
    await tab.waitForFunction(() => (globalThis as unknown as BarWindow).bandeau!.state!.agent?.status === 'away');

    for (const path of ['/admin/sales/order/view/order_id/2/', '/admin/customer/index/', '/admin/dashboard/']) {
      await tab.goto(env.demo.siteUrl + path);
      await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      // A new session, yet the agent's state is back, from the bridge's snapshot.
      expect(await state(tab)).toMatchObject({ host: 'in-page', connectionsOpened: 1, agent: { status: 'away' } });
    }
    // One connection per page load in this mode: 4 loads.
    expect(await metric(env.demo.bridgeUrl, 'bandeau_bridge_connections_total')).toBe(before + 4);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('goes offline with a reason when the bridge cannot be reached, then connects when it is back', async () => {
    const context = await env.browser.newContext();
    const tab = await context.newPage();
    // Point the page's websockets at a closed port until the test lets them through.
    await context.addInitScript(() => {
      delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
    });
    const NativeWS = 'WebSocket';
    await context.addInitScript((name) => {
      const g = globalThis as unknown as Record<string, unknown> & { __blockWs?: boolean };
      g.__blockWs = true;
      const Orig = g[name] as new (...a: unknown[]) => object;
      g[name] = new Proxy(Orig, {
        construct(target, args) {
          if (g.__blockWs) args[0] = 'ws://127.0.0.1:9/blocked';
          return new target(...args);
        },
      });
    }, NativeWS);
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/`);
    await tab.waitForSelector('[data-bandeau-state="offline"]', { timeout: 15_000 });
    await expect(tab.locator('.bandeau-bar__problem').textContent()).resolves.toMatch(/Cannot reach the phone bridge/);
    await tab.evaluate(() => {
      (globalThis as unknown as { __blockWs: boolean }).__blockWs = false;
    });
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 30_000 });
    await context.close();
  });
});
