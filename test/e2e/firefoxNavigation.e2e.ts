import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { pbx } from './helpers/demoPbx';
import { metric, startDemo, type DemoProcess } from './helpers/demoProcess';
import { FRAME_SAMPLER, READ_FRAMES, shownFrames, type PageFrames } from './helpers/frameSampler';
import { inBar, launchFirefox, readInBar, waitInBar } from './helpers/firefox';
import { firstPaintOf, stateOf } from './helpers/barWindow';

/**
 * Issue 13, point 9: the navigation flow in Firefox (Debian's firefox-esr over WebDriver BiDi).
 * Firefox ends the SharedWorker with the page when the page cannot go to its back/forward cache
 * (Magento's admin pages are no-store), so every load starts a new session: a new bridge
 * connection and a new snapshot. The bar must show every call in every frame meanwhile (the tab's
 * picture until the snapshot is there) and come back with all calls and its UI state (chooser
 * choice, dial box text, open sections) after each load.
 */
const PAGES = ['/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/', '/admin/dashboard/'];
const NAVIGATIONS = 10;
const ART = path.resolve(__dirname, '../.artifacts');
const SHARED = {
  customers: [
    { id: 91, firstname: 'Paul', lastname: 'Martin', email: 'paul@example.fr', group: 'General', telephone: '01 23 45 67 00', country: 'FR', lifetimeSales: '€10.00' },
    { id: 92, firstname: 'Pauline', lastname: 'Martin', email: 'pauline@example.fr', group: 'General', telephone: '+33 1 23 45 67 00', country: 'FR', lifetimeSales: '€20.00' },
  ],
};

describe('Firefox (WebDriver BiDi): the phone bar across navigation when the worker dies with each page (issue 13)', () => {
  let demo: DemoProcess;
  let browser: Browser;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bandeau-demo-'));
    writeFileSync(path.join(dir, 'directory.json'), JSON.stringify(SHARED));
    demo = await startDemo(['--directory', path.join(dir, 'directory.json')]);
    browser = await launchFirefox();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /**
   * The flow: two calls (one answered whose number two customers share, the agent picking one;
   * one ringing), UI state set, then NAVIGATIONS page loads.
   */
  async function navigationFlow(shot: string) {
    const ext = '7001';
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String((e as Error).message ?? e)));
    await page.evaluateOnNewDocument(FRAME_SAMPLER);
    await page.goto(`${demo.siteUrl}/admin/dashboard/?as=1`);
    await waitInBar(page, '[data-bandeau-state="connected"]');

    const phone = pbx(demo.siteUrl);
    const answered = await phone.ring('+33123456700', ext);
    await phone.answer(answered, ext);
    const ringing = await phone.ring('+33612345678', ext);
    await waitInBar(page, `.bandeau-bar__call[data-call-id="${answered}"][data-call-state="answered"] .bandeau-bar__choice`);
    await waitInBar(page, `.bandeau-bar__call[data-call-id="${ringing}"][data-call-state="ringing"]`);
    await page.locator(inBar(`.bandeau-bar__call[data-call-id="${answered}"] .bandeau-bar__chooser li:last-child .bandeau-bar__choice`)).click();
    await waitInBar(page, `.bandeau-bar__call[data-call-id="${answered}"] .bandeau-bar__card[data-customer-id]`);
    const chosen = await readInBar(page, `.bandeau-bar__call[data-call-id="${answered}"] .bandeau-bar__card`, { attr: 'data-customer-id' });
    expect(['91', '92']).toContain(chosen);
    // UI state: a number half typed, the dial keypad and the recent calls open.
    await page.locator(inBar('.bandeau-bar__dial input')).fill('+33 6 12');
    await page.locator(inBar('.bandeau-bar__dial details summary')).click();
    await page.locator(inBar('.bandeau-bar__recent summary')).click();
    await waitInBar(page, '.bandeau-bar__recent[open]');

    const connectionsBefore = await metric(demo.bridgeUrl, 'bandeau_bridge_connections_total');
    const pages: PageFrames[] = [];
    const hosts = new Set<string>();
    for (let i = 0; i < NAVIGATIONS; i++) {
      await page.goto(demo.siteUrl + PAGES[i % PAGES.length]);
      await waitInBar(page, `[data-bandeau-state="connected"] .bandeau-bar__call[data-call-id="${answered}"][data-call-state="answered"]`);
      await new Promise((r) => setTimeout(r, 150));
      pages.push((await page.evaluate(READ_FRAMES)) as PageFrames);
      const s = await stateOf(page);
      hosts.add(s.host);
      expect(s.calls.map((c) => `${c.id}:${c.state}`).sort()).toEqual([`${answered}:answered`, `${ringing}:ringing`].sort());
      await expect(firstPaintOf(page)).resolves.toEqual(expect.objectContaining({ restored: 'picture', shownBecause: 'settled' }));
      await expect(readInBar(page, `.bandeau-bar__call[data-call-id="${answered}"] .bandeau-bar__card`, { attr: 'data-customer-id' })).resolves.toBe(chosen);
      await expect(readInBar(page, `.bandeau-bar__call[data-call-id="${ringing}"]`, { attr: 'data-call-state' })).resolves.toBe('ringing');
      await expect(readInBar(page, '.bandeau-bar__dial input', { prop: 'value' })).resolves.toBe('+33 6 12');
      await expect(readInBar(page, '.bandeau-bar__dial details', { attr: 'open' })).resolves.not.toBeNull();
      await expect(readInBar(page, '.bandeau-bar__recent', { attr: 'open' })).resolves.not.toBeNull();
    }
    const connections = (await metric(demo.bridgeUrl, 'bandeau_bridge_connections_total')) - connectionsBefore;

    // Every painted frame of every page shows both calls: the picture until the session answers, then the bar.
    const bad: string[] = [];
    for (const p of pages) {
      for (const s of shownFrames(p)) {
        if (!s.calls.includes(`${answered}:answered`) || !s.calls.includes(`${ringing}:ringing`)) bad.push(`${p.url} @${s.t.toFixed(0)}ms: ${s.shows} [${s.state}] "${s.status}" ${s.calls.join(',') || '-'}`);
      }
    }
    expect(bad).toEqual([]);
    expect(pages.reduce((n, p) => n + shownFrames(p).length, 0)).toBeGreaterThan(NAVIGATIONS * 3);

    {
      mkdirSync(ART, { recursive: true });
      await page.screenshot({ path: path.join(ART, `${shot}-1440x900.png`) as `${string}.png` });
      await page.setViewport({ width: 1024, height: 700 });
      await page.screenshot({ path: path.join(ART, `${shot}-1024x700.png`) as `${string}.png` });
    }
    await phone.hangup(answered);
    await phone.hangup(ringing);
    expect(errors).toEqual([]);
    await context.close();
    return { connections, hosts: [...hosts] };
  }

  it(`restores every call and the UI state from the bridge's snapshot, the worker dying with each of ${NAVIGATIONS} loads mid-call`, async () => {
    expect(await browser.version()).toMatch(/^firefox\//);
    const r = await navigationFlow('firefox-navigation');
    expect(r.hosts).toEqual(['shared-worker']);
    // Admin pages are no-store (as Magento sends them): Firefox keeps them out of its back/forward
    // cache and ends their SharedWorker, so every load started a new session and bridge connection.
    expect(r.connections).toBe(NAVIGATIONS);
  });
});
