import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AdminSite, ARTIFACTS, adminPath, requireBuilt } from './helpers/adminSite';
import { launchChromium } from './helpers/chromium';
import { textBecomes } from './helpers/waitFor';

/**
 * The "Test a number" box of Stores > Configuration > Bandeau > Call routing (RequireJS module
 * Bandeau_Cti/js/routing-test) in Chromium: the module's real block, template and Routing/Test
 * controller under PHP's built-in server (test/php/bin/routing-site.php), loaded as Magento loads
 * it (RequireJS, x-magento-init). Screenshots at 1440x900 and 1024x700 in test/.artifacts/.
 */
const SECTION = adminPath('admin/system_config/edit', { section: 'bandeau_routing' });

describe('call routing: the "Test a number" box (RequireJS module routing-test)', () => {
  let site: AdminSite;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('routing-test.js', 'routing-rules.js');
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await AdminSite.start('test/php/bin/routing-site.php');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function adminTab(width: number, height: number): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    // The controller's 400 (an unreadable number) is provoked below.
    const tab = await site.adminTab(browser, { viewport: { width, height }, allowStatus: [400] });
    await tab.page.goto(`${site.url}${SECTION}`);
    return tab;
  }

  it('shows the rule that matches, why, the decision and the facts; refuses an unreadable number; Enter never submits the config form', async () => {
    const { context, page, problems } = await adminTab(1440, 900);
    const input = page.locator('[data-role="bandeau-routing-phone"]');
    const run = page.locator('[data-role="bandeau-routing-run"]');
    const headline = page.locator('[data-role="bandeau-routing-headline"]');
    const result = page.locator('[data-role="bandeau-routing-result"]');

    await run.click();
    await textBecomes(headline, 'Enter a phone number.');

    await input.fill('06 12 34 56 78');
    await run.click();
    await textBecomes(headline, 'Rule "Order not shipped" (not_shipped) matches.');
    expect(await result.getAttribute('data-state')).toBe('ok');
    expect(await page.locator('[data-role="bandeau-routing-why-item"]').allTextContents()).toEqual(['Order #000000102 not shipped']);
    expect(await page.locator('[data-role="bandeau-routing-label"]').allTextContents()).toEqual(
      ['Tested Number', 'Route', 'Priority', 'Message', 'Order', 'Customer', 'VIP', 'Language', 'Last shipment'],
    );
    // Magento's config page hides every dd (.accordion dd, reproduced by the harness): the values must show.
    for (const value of await page.locator('[data-role="bandeau-routing-value"]').all()) expect(await value.isVisible()).toBe(true);
    expect(await page.locator('[data-role="bandeau-routing-value"]').allTextContents()).toEqual([
      '+33612345678 (read as a number of France)', 'sales', '5', 'bandeau/order-being-prepared', '#000000102', 'Camille Durand (ID 2)', 'No', 'fr',
      'Order #000000099, 2026-11-25 10:00 UTC',
    ]);
    expect(await page.locator('[data-role="bandeau-routing-order"]').allTextContents()).toEqual([
      '#000000102: pending (not shipped)', '#000000099: processing (shipped)',
    ]);
    expect(await page.locator('[data-role="bandeau-routing-warning"]').count()).toBe(0);
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'routing-test-box-1440x900.png') });

    // Enter in the box tests the number and stays on the page (the config form is not submitted).
    await input.fill('+33 7 00 00 00 00');
    await input.press('Enter');
    await textBecomes(headline, 'This number is not in the shop and no rule matches: the default route.');
    expect(page.url()).toBe(`${site.url}${SECTION}`);
    // The harness's rule set is empty for this number: the box says nothing is configured.
    expect(await page.locator('[data-role="bandeau-routing-warning"]').textContent())
      .toBe('No active routing rule is configured: every call goes to the default route.');
    expect(await page.locator('[data-role="bandeau-routing-why-item"]').count()).toBe(0);

    await input.fill('abc');
    await run.click();
    await textBecomes(headline, 'This is not a phone number that can be read.');
    expect(await result.getAttribute('data-state')).toBe('error');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows what customers typed as text, never as markup', async () => {
    const { context, page, problems } = await adminTab(1024, 700);
    await page.locator('[data-role="bandeau-routing-phone"]').fill('+33 6 11 11 11 11');
    await page.locator('[data-role="bandeau-routing-run"]').click();
    const headline = page.locator('[data-role="bandeau-routing-headline"]');
    await textBecomes(headline, 'Rule "VIP <b>customer</b>" (vip) matches.');
    expect(await page.locator('[data-role="bandeau-routing-why-item"]').allTextContents()).toEqual([
      'VIP customer', 'Customer group VIP <gold>', 'Shipped 3 days ago (order #000000120)',
    ]);
    expect(await page.locator('[data-role="bandeau-routing-result"] img, [data-role="bandeau-routing-result"] b, [data-role="bandeau-routing-result"] gold').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('[data-role="bandeau-routing-value"]').allTextContents())
      .toContain('<img src=x onerror="window.__xss=1"> (ID 7)');
    await page.locator('[data-role="bandeau-routing-result"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'routing-test-box-1024x700.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('edits the rules as cards: add, move up and down (mouse and keyboard), delete; the save posts the names and order the backend model stores', async () => {
    const { context, page, problems } = await adminTab(1440, 900);
    const cards = page.locator('[data-role="bandeau-rule"]');
    const codes = (): Promise<string[]> => page.locator('[data-role="bandeau-rule"] input[data-column="code"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await textBecomes(page.locator('[data-role="bandeau-rule-title"]').first(), 'Rule 1: VIP customer (vip)');
    expect(await codes()).toEqual(['vip', 'not_shipped', 'payment_problem', 'delivered_recently']);
    // The field uses the whole row: one cell, no label column; the rule's fields are readable.
    expect(await page.locator('#row_bandeau_routing_rules_list > td').count()).toBe(1);
    const codeBox = await cards.first().locator('input[data-column="code"]').boundingBox();
    expect(codeBox!.width).toBeGreaterThan(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await cards.first().locator('legend').isVisible()).toBe(true);
    // Every field has its label.
    for (const input of await cards.first().locator('input, select').all()) {
      const id = await input.getAttribute('id');
      expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    }
    expect(await cards.first().locator('[data-role="bandeau-rule-up"]').isDisabled()).toBe(true);
    expect(await cards.last().locator('[data-role="bandeau-rule-down"]').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'routing-rules-1440x900.png') });

    await page.locator('[data-role="bandeau-rules-add"]').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe('code');
    const added = cards.last();
    await added.locator('input[data-column="code"]').fill('callback');
    await added.locator('input[data-column="label"]').fill('On hold <b>VIP</b>');
    await added.locator('input[data-column="route"]').fill('support');
    await added.locator('input[data-column="priority"]').fill('7');
    await added.locator('select[data-column="customer_groups"]').selectOption(['1', '4']);
    await added.locator('select[data-column="order"]').selectOption('holded');
    await textBecomes(added.locator('[data-role="bandeau-rule-title"]'), 'Rule 5: On hold <b>VIP</b> (callback)');
    expect(await added.locator('b').count()).toBe(0);
    for (let i = 0; i < 4; i++) await cards.nth(4 - i).locator('[data-role="bandeau-rule-up"]').click();
    expect(await codes()).toEqual(['callback', 'vip', 'not_shipped', 'payment_problem', 'delivered_recently']);
    // At the top, the focus moves to the card's Move Down (Move Up is disabled there).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('bandeau-rule-down');
    // Keyboard: Enter on vip's Move Down.
    await cards.nth(1).locator('[data-role="bandeau-rule-down"]').focus();
    await page.keyboard.press('Enter');
    expect(await codes()).toEqual(['callback', 'not_shipped', 'vip', 'payment_problem', 'delivered_recently']);
    expect(await page.locator('[data-role="bandeau-rules-status"]').textContent()).toBe('Rule moved to position 3.');
    await cards.nth(3).locator('[data-role="bandeau-rule-delete"]').click();
    expect(await codes()).toEqual(['callback', 'not_shipped', 'vip', 'delivered_recently']);
    await cards.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'routing-rules-edited-1440x900.png') });
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await cards.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'routing-rules-1024x700.png') });

    await Promise.all([page.waitForURL(/system_config\/save/), page.evaluate(() => (document.getElementById('config-edit-form') as HTMLFormElement).submit())]);
    expect(await page.locator('#error').textContent()).toBe('');
    const posted = JSON.parse((await page.locator('#posted').textContent())!) as Record<string, Record<string, unknown>>;
    const ids = Object.keys(posted);
    expect(ids[0]).toBe('__empty');
    expect(ids.slice(1, 2)[0]).toMatch(/^_[0-9]+_[0-9]+$/);
    expect(ids.slice(2)).toEqual(['not_shipped', 'vip', 'delivered_recently']);
    expect(posted[ids[1]!]!.customer_groups).toEqual(['1', '4']);
    const stored = JSON.parse((await page.locator('#stored').textContent())!) as Record<string, Record<string, string>>;
    expect(Object.values(stored).map((r) => r.code)).toEqual(['callback', 'not_shipped', 'vip', 'delivered_recently']);
    expect(stored[ids[1]!]).toEqual({
      code: 'callback', label: 'On hold <b>VIP</b>', active: '1', customer_groups: '1,4', vip: '', min_lifetime_sales: '',
      order: 'holded', order_statuses: '', shipped_within_days: '', open_cart: '', store_ids: '', unknown_number: '',
      route: 'support', priority: '7', message: '',
    });
    expect(stored.delivered_recently!.shipped_within_days).toBe('14');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('saves an empty list when every rule is deleted', async () => {
    const { context, page } = await adminTab(1024, 700);
    const cards = page.locator('[data-role="bandeau-rule"]');
    await textBecomes(page.locator('[data-role="bandeau-rule-title"]').first(), 'Rule 1: VIP customer (vip)');
    while ((await cards.count()) > 0) await cards.first().locator('[data-role="bandeau-rule-delete"]').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('bandeau-rules-add');
    expect(await page.locator('[data-role="bandeau-rules-empty"]').isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/system_config\/save/), page.evaluate(() => (document.getElementById('config-edit-form') as HTMLFormElement).submit())]);
    expect(await page.locator('#stored').textContent()).toBe('[]');
    await context.close();
  }, 60_000);

  it('sends an expired session to the sign-in page', async () => {
    const { context, page } = await adminTab(1440, 900);
    await context.clearCookies();
    await page.locator('[data-role="bandeau-routing-phone"]').fill('0612345678');
    await Promise.all([page.waitForURL(`${site.url}/admin/`), page.locator('[data-role="bandeau-routing-run"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Welcome, please sign in');
    await context.close();
  }, 60_000);
});
