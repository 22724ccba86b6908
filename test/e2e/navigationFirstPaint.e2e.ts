import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pbx } from './helpers/demoPbx';
import { demoWithBrowser } from './helpers/demoSuite';
import { firstPaintOf } from './helpers/barWindow';
import { FRAME_SAMPLER, READ_FRAMES, framesWithoutCall, shownFrames, type PageFrames } from './helpers/frameSampler';

/**
 * Issue 13, point 2: the bar's first paint on a new page already shows the live call (no
 * "Connecting… / No current call" frame while the SharedWorker is alive), and its UI state
 * (collapsed, open sections, chooser choice, dial box text) survives page loads and tabs.
 * Every frame the pages render is sampled from the first one (helpers/frameSampler.ts).
 */
const PAGES = ['/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/', '/admin/dashboard/'];
const NAVIGATIONS = 12;
const ART = path.resolve(__dirname, '../.artifacts');
// Two customers sharing one number, so the chooser is there to be used.
const SHARED = {
  customers: [
    { id: 91, firstname: 'Paul', lastname: 'Martin', email: 'paul@example.fr', group: 'General', telephone: '01 23 45 67 00', country: 'FR', lifetimeSales: '€10.00' },
    { id: 92, firstname: 'Pauline', lastname: 'Martin', email: 'pauline@example.fr', group: 'General', telephone: '+33 1 23 45 67 00', country: 'FR', lifetimeSales: '€20.00' },
  ],
};

const framesOf = async (tab: Page) => (await tab.evaluate(READ_FRAMES)) as PageFrames;

describe('the phone bar across navigation: first paint and UI state (issue 13)', () => {
  const env = demoWithBrowser(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bandeau-demo-'));
    writeFileSync(path.join(dir, 'directory.json'), JSON.stringify(SHARED));
    return ['--directory', path.join(dir, 'directory.json')];
  });

  it(`shows the live call in every frame of ${NAVIGATIONS} navigations mid-call, with the chooser choice, dial box and open sections kept`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(FRAME_SAMPLER);
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/?as=1`);
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });

    // Two customers share this number: the agent picks one in the chooser.
    const phone = pbx(env.demo.siteUrl);
    const callId = await phone.ring('+33123456700', '7001');
    await phone.answer(callId, '7001');
    const row = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`);
    await row.locator('.bandeau-bar__choice', { hasText: 'Pauline' }).click();
    await row.locator('.bandeau-bar__card[data-customer-id="92"]').waitFor();
    await tab.waitForSelector(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="answered"]`);
    // UI state: a number half typed, the dial keypad and the recent calls open.
    await tab.locator('.bandeau-bar__dial input').fill('+33 6 12');
    await tab.locator('.bandeau-bar__dial details summary').click();
    await tab.locator('.bandeau-bar__recent summary').click();

    const pages: PageFrames[] = [];
    for (let i = 0; i < NAVIGATIONS; i++) {
      await tab.goto(env.demo.siteUrl + PAGES[i % PAGES.length]);
      await tab.waitForSelector(`[data-bandeau-state="connected"] .bandeau-bar__call[data-call-id="${callId}"][data-call-state="answered"]`, { timeout: 15_000 });
      // A few frames of the live bar after the swap, then the page's frames are read before leaving it.
      await tab.waitForTimeout(150);
      pages.push(await framesOf(tab));
      await expect(firstPaintOf(tab)).resolves.toEqual(expect.objectContaining({ restored: 'picture', shownBecause: 'settled' }));
      await expect(row.locator('.bandeau-bar__card').getAttribute('data-customer-id')).resolves.toBe('92');
      await expect(row.locator('.bandeau-bar__chooser').count()).resolves.toBe(0);
      await expect(tab.locator('.bandeau-bar__dial input').inputValue()).resolves.toBe('+33 6 12');
      await expect(tab.locator('.bandeau-bar__dial details').getAttribute('open')).resolves.not.toBeNull();
      await expect(tab.locator('.bandeau-bar__recent').getAttribute('open')).resolves.not.toBeNull();
    }
    const frames = pages.reduce((n, p) => n + shownFrames(p).length, 0);
    expect(frames).toBeGreaterThan(NAVIGATIONS * 3);
    // Every painted frame of every page, the first one included, shows the live call.
    expect(framesWithoutCall(pages, callId)).toEqual([]);

    mkdirSync(ART, { recursive: true });
    await tab.screenshot({ path: path.join(ART, 'navigation-restored-1440x900.png') });
    await tab.setViewportSize({ width: 1024, height: 700 });
    await tab.screenshot({ path: path.join(ART, 'navigation-restored-1024x700.png') });

    // A second tab of the session: no picture there (sessionStorage is per tab), so the bar waits
    // for the worker's first state instead of painting "Connecting…"; the UI state is shared.
    const tab2 = await context.newPage();
    await tab2.goto(`${env.demo.siteUrl}/admin/customer/index/`);
    await tab2.waitForSelector(`[data-bandeau-state="connected"] .bandeau-bar__call[data-call-id="${callId}"]`, { timeout: 15_000 });
    await tab2.waitForTimeout(150);
    const second = await framesOf(tab2);
    expect(shownFrames(second).filter((s) => (s.shows === 'bar' || s.shows === 'picture') && !s.calls.includes(`${callId}:answered`))).toEqual([]);
    await expect(firstPaintOf(tab2)).resolves.toEqual(expect.objectContaining({ restored: 'none', shownBecause: 'first-state' }));
    const row2 = tab2.locator(`.bandeau-bar__call[data-call-id="${callId}"]`);
    await expect(row2.locator('.bandeau-bar__card').getAttribute('data-customer-id')).resolves.toBe('92');
    await expect(tab2.locator('.bandeau-bar__dial input').inputValue()).resolves.toBe('+33 6 12');
    await expect(tab2.locator('.bandeau-bar__recent').getAttribute('open')).resolves.not.toBeNull();

    // Collapsing in one tab collapses the other (storage event), and stays collapsed on the next page.
    await tab2.locator('.bandeau-bar__toggle').click();
    await tab.waitForFunction(() => {
      const body = document.getElementById('bandeau-cti-root')?.shadowRoot?.querySelector<HTMLElement>('.bandeau-bar__body');
      return !!body && body.offsetParent === null;
    });
    await tab.goto(env.demo.siteUrl + PAGES[0]);
    await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
    await tab.waitForTimeout(150);
    const collapsed = shownFrames(await framesOf(tab));
    // From the first frame: collapsed, never an expanded frame.
    expect(collapsed.filter((s) => s.shows === 'none' || !s.collapsed)).toEqual([]);
    await expect(tab.locator('.bandeau-bar__toggle').getAttribute('aria-expanded')).resolves.toBe('false');

    await phone.hangup(callId);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has a switch that turns the restore off (the benchmark baseline)', async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(FRAME_SAMPLER);
    await context.addInitScript(() => sessionStorage.setItem('bandeau:restore', 'off'));
    const tab = await context.newPage();
    const pages: PageFrames[] = [];
    for (const page of ['/admin/dashboard/?as=2', PAGES[0], PAGES[1]]) {
      await tab.goto(env.demo.siteUrl + page);
      await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      pages.push(await framesOf(tab));
      await expect(firstPaintOf(tab)).resolves.toEqual(expect.objectContaining({ restored: 'off', shownBecause: 'not-held' }));
    }
    expect(pages.flatMap((p) => p.samples).filter((s) => s.shows === 'picture')).toEqual([]);
    await context.close();
  });
});
