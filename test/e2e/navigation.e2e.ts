import { metric } from './helpers/demoProcess';
import { demoWithBrowser } from './helpers/demoSuite';
import { stateOf, type BarWindow } from './helpers/barWindow';

const PAGES = ['/admin/dashboard/', '/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/'];

describe('a phone session that survives page navigation (SharedWorker)', () => {
  const env = demoWithBrowser();

  it('keeps one bridge connection across 30 full page loads, and a second tab shares it', async () => {
    const context = await env.browser.newContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    let firstAge = -1;
    for (let i = 0; i < 30; i++) {
      await tab.goto(env.demo.siteUrl + PAGES[i % PAGES.length], { waitUntil: 'load' });
      await tab.waitForSelector('[data-bandeau-bar][data-bandeau-state="connected"]', { timeout: 15_000 });
      const s = await stateOf(tab);
      expect(s.host).toBe('shared-worker');
      expect(s.connectionsOpened).toBe(1);
      // The same worker served every page: its age only grows.
      expect(s.sessionAgeMs).toBeGreaterThan(firstAge);
      firstAge = s.sessionAgeMs;
    }
    expect(await metric(env.demo.bridgeUrl, 'bandeau_bridge_connections_total')).toBe(1);
    expect(await metric(env.demo.bridgeUrl, 'bandeau_bridge_connected_agents')).toBe(1);

    // Every page that left said goodbye on pagehide: only the current one is attached.
    await tab.waitForFunction(() => (globalThis as unknown as BarWindow).bandeau!.state!.pages === 1);

    const tab2 = await context.newPage();
    await tab2.goto(env.demo.siteUrl + '/admin/customer/index/');
    await tab2.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
    await tab.waitForFunction(() => (globalThis as unknown as BarWindow).bandeau!.state!.pages === 2);
    expect((await stateOf(tab2)).connectionsOpened).toBe(1);
    expect(await metric(env.demo.bridgeUrl, 'bandeau_bridge_connections_total')).toBe(1);

    // A status change made in one tab shows in the other, through the one worker.
    await tab2.evaluate(() => (globalThis as unknown as BarWindow).bandeau!.link!.command({ type: 'agent.setStatus', status: 'away' }));
    await tab.waitForFunction(() => (globalThis as unknown as BarWindow).bandeau!.state!.agent!.status === 'away');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the phone bar with its state attribute on every page', async () => {
    const context = await env.browser.newContext();
    const tab = await context.newPage();
    await tab.goto(env.demo.siteUrl + '/admin/dashboard/');
    const bar = tab.locator('[data-bandeau-bar]');
    await expect(bar.getAttribute('data-bandeau-state')).resolves.toMatch(/connecting|connected/);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    await expect(tab.locator('.bandeau-bar__agent').textContent()).resolves.toContain('Alice Martin');
    await context.close();
  });
});
