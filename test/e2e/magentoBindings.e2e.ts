import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { startDemo, type DemoProcess } from './helpers/demoProcess';
import { demoWithBrowser } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';

/**
 * Magento's admin runs `ko.applyBindings()` over the whole body (Magento_Ui's knockout
 * bootstrap) with the knockout the bar uses. The demo pages stand in for that (see
 * bridge/src/demo/magentoStandIn.ts): their grids and forms are knockout components that only
 * render once those global bindings succeed, as Magento's do.
 */

// Every kind of demo page; the pop-out phone window is checked in softphone mode below.
const PAGES = [
  '/admin/dashboard/',
  '/admin/sales/order/',
  '/admin/sales/order/view/order_id/1/',
  '/admin/customer/index/',
  '/admin/customer/index/edit/id/2/',
  '/admin/customer/index/new/?bandeau_phone=%2B33612345678',
  '/admin/sales/order_create/start/customer_id/2/',
];

interface Loaded {
  tab: Page;
  errors: string[];
}

async function open(context: BrowserContext, url: string): Promise<Loaded> {
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await tab.goto(url);
  return { tab, errors };
}

const marks = (tab: Page) =>
  tab.evaluate(() => ({
    bar: performance.getEntriesByName('bandeau:mounted')[0]?.startTime ?? null,
    magento: performance.getEntriesByName('magento:bound')[0]?.startTime ?? null,
  }));

/** Waits until Magento's global bindings have run, or a page error says they will not. */
async function magentoBound(l: Loaded): Promise<void> {
  const end = Date.now() + 15_000;
  while ((await marks(l.tab)).magento === null && l.errors.length === 0 && Date.now() < end) await l.tab.waitForTimeout(50);
  expect(l.errors).toEqual([]);
  expect((await marks(l.tab)).magento).not.toBeNull();
}

/** What each knockout component of the page shows: spinner still up, and rows or inputs rendered. */
const components = (tab: Page) =>
  tab.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-demo-component]')].map((c) => ({
      name: c.getAttribute('data-demo-component'),
      spinner: (c.querySelector<HTMLElement>('[data-role="spinner"]')?.offsetParent ?? null) !== null,
      rendered: c.querySelectorAll('tbody tr, form input').length,
    })),
  );

async function expectComponentsRendered(tab: Page): Promise<void> {
  // Components register after Magento's bootstrap has bound the page (x-magento-init runs them
  // through RequireJS, as in Magento): each spinner goes once its component is there. A spinner
  // left after that is a page whose bindings broke.
  await tab
    .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('[data-demo-component] [data-role="spinner"]')].every((s) => s.offsetParent === null), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  const found = await components(tab);
  expect(found.length).toBeGreaterThan(0);
  for (const c of found) expect(c).toMatchObject({ spinner: false, rendered: expect.any(Number) });
  expect(found.filter((c) => c.rendered === 0)).toEqual([]);
}

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (alpha ignored: the test checks opaque ones). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("the phone bar beside Magento's global knockout bindings", () => {
  const env = demoWithBrowser();

  it('every demo page loads with no error, its Magento-bound grid or form renders, and the bar connects', async () => {
    const context = await env.browser.newContext();
    for (const path of PAGES) {
      const l = await open(context, env.demo.siteUrl + path);
      await l.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      await magentoBound(l);
      // The order that broke a real Magento: the bar bound first, Magento's bindings after it.
      const m = await marks(l.tab);
      expect(m.bar).not.toBeNull();
      expect(m.magento!).toBeGreaterThan(m.bar!);
      await expectComponentsRendered(l.tab);
      expect(l.errors).toEqual([]);
      await l.tab.close();
    }
    await context.close();
  });

  it('after Magento has bound the page, the bar still updates, rings and works from the keyboard', async () => {
    const phone = pbx(env.demo.siteUrl);
    const context = await env.browser.newContext();
    const l = await open(context, `${env.demo.siteUrl}/admin/customer/index/`);
    await l.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
    await magentoBound(l);
    // A call rendered by the bar's own bindings, after Magento's ran.
    const callId = await phone.ring('+33612345678', '7001');
    const row = l.tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="ringing"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.locator('.bandeau-bar__card').waitFor({ timeout: 10_000 });
    await phone.hangup(callId);
    // Keyboard: collapse and expand with Enter, dial with Enter.
    const toggle = l.tab.locator('.bandeau-bar__toggle');
    await toggle.focus();
    await l.tab.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await l.tab.locator('.bandeau-bar__body').waitFor({ state: 'hidden' });
    await l.tab.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const before = (await phone.actions()).length;
    await l.tab.locator('.bandeau-bar__dial input').focus();
    await l.tab.keyboard.type('0612345678');
    await l.tab.keyboard.press('Enter');
    let originate: Record<string, string> | undefined;
    for (let i = 0; i < 50 && !originate; i++) {
      originate = (await phone.actions()).slice(before).find((a) => a.Action === 'Originate');
      if (!originate) await l.tab.waitForTimeout(100);
    }
    expect(originate).toMatchObject({ Channel: 'PJSIP/7001' });
    await phone.hangup();
    // A tel: link of the Magento-rendered grid still dials through the bar, from the keyboard too.
    const before2 = (await phone.actions()).length;
    await l.tab.locator('[data-demo-component="customer_listing"] a[href^="tel:"]', { hasText: '06 12 34 56 78' }).focus();
    await l.tab.keyboard.press('Enter');
    let originate2: Record<string, string> | undefined;
    for (let i = 0; i < 50 && !originate2; i++) {
      originate2 = (await phone.actions()).slice(before2).find((a) => a.Action === 'Originate');
      if (!originate2) await l.tab.waitForTimeout(100);
    }
    expect(originate2).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+33612345678' });
    expect(l.tab.url()).toContain('/admin/customer/index/');
    await phone.hangup();
    expect(l.errors).toEqual([]);
    await context.close();
  });

  it('also works when Magento binds the page before the bar loads', async () => {
    const context = await env.browser.newContext();
    for (const path of ['/admin/customer/index/?magentoBindings=first', '/admin/dashboard/?magentoBindings=first']) {
      const l = await open(context, env.demo.siteUrl + path);
      await magentoBound(l);
      await l.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      const m = await marks(l.tab);
      expect(m.bar!).toBeGreaterThan(m.magento!);
      await expectComponentsRendered(l.tab);
      // The collapsed state is kept across pages and tabs (issue 13): the toggle flips whatever it was.
      const toggle = l.tab.locator('.bandeau-bar__toggle');
      const expanded = (await toggle.getAttribute('aria-expanded')) === 'true';
      await toggle.click();
      await l.tab.locator('.bandeau-bar__body').waitFor({ state: expanded ? 'hidden' : 'visible' });
      expect(l.errors).toEqual([]);
      await l.tab.close();
    }
    await context.close();
  });

  it('the presence dropdown is readable: dark text on a light ground, its options too, whatever the page styles', async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      const context = await env.browser.newContext({ viewport });
      const l = await open(context, `${env.demo.siteUrl}/admin/dashboard/`);
      await l.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      const select = l.tab.locator('.bandeau-bar__presence select');
      await select.waitFor();
      const colours = await select.evaluate((el) => {
        const pair = (e: Element) => ({ fg: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor });
        return { select: pair(el), options: [...el.querySelectorAll('option')].map(pair) };
      });
      expect(colours.options).toHaveLength(4);
      expect(contrast(colours.select.fg, colours.select.bg)).toBeGreaterThanOrEqual(4.5);
      for (const o of colours.options) {
        // A transparent option shows the select's ground.
        const bg = /rgba\(.*,\s*0\)$/.test(o.bg) ? colours.select.bg : o.bg;
        expect(contrast(o.fg, bg)).toBeGreaterThanOrEqual(4.5);
      }
      expect(l.errors).toEqual([]);
      await context.close();
    }
  });
});

describe("the pop-out phone window and the softphone strip beside Magento's bindings", () => {
  let demo: DemoProcess;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    // Softphone mode serves the pop-out window; no SIP server is needed to load the pages
    // (the worker, not the page, reports that this one cannot be reached).
    demo = await startDemo([], { BANDEAU_DEMO_SIP_WS: 'ws://127.0.0.1:9/' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('the pop-out window and a page with the softphone strip load with no error after Magento binds them', async () => {
    const context = await browser.newContext();
    for (const path of ['/admin/bandeau/softphone/popout/', '/admin/customer/index/']) {
      const l = await open(context, demo.siteUrl + path);
      await l.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
      await l.tab.locator('[data-bandeau-softphone]').waitFor({ state: 'attached' });
      await magentoBound(l);
      const m = await marks(l.tab);
      expect(m.magento!).toBeGreaterThan(m.bar!);
      if (path.includes('customer')) await expectComponentsRendered(l.tab);
      expect(l.errors).toEqual([]);
      await l.tab.close();
    }
    await context.close();
  });
});
