import type { Browser } from 'playwright-core';
import { AdminSite, adminPath, requireBuilt } from './helpers/adminSite';
import { launchChromium } from './helpers/chromium';
import { textBecomes } from './helpers/waitFor';

/**
 * The campaign pages' RequireJS modules (Bandeau_Cti/js/campaign-form, campaign-progress) in
 * Chromium, on the module's real templates, view models and Preview/Progress controllers over
 * MariaDB (test/php/bin/campaign-site.php under PHP's built-in server), loaded as Magento loads
 * them: RequireJS from npm, x-magento-init run by a mage/apply/main stand-in. Issue 11: both
 * modules were missing (404, RequireJS script error) and the buttons did nothing.
 */
describe('campaign pages: Preview Count and the live build progress (RequireJS modules)', () => {
  let site: AdminSite;
  let browser: Browser;
  let campaignId = 0;

  beforeAll(async () => {
    requireBuilt('campaign-form.js', 'campaign-progress.js');
    site = await AdminSite.start('test/php/bin/campaign-site.php', { database: true });
    campaignId = Number((await site.testRoute('reset')).campaignId);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  // The Preview controller's 400 (a refused filter) is provoked below.
  const adminTab = () => site.adminTab(browser, { allowStatus: [400] });

  it('"Preview Count" posts the form to the Preview controller and shows its count, its refusal, or sends an expired session to the login page', async () => {
    const { context, page, problems } = await adminTab();
    await page.goto(site.adminUrl('bandeau/campaign/new'));
    const button = page.locator('[data-role="bandeau-campaign-preview"]');
    const result = page.locator('[data-role="bandeau-campaign-preview-result"]');

    // Form defaults (1 to 168 hours, any value): five carts, three customers with a number.
    await button.click();
    await textBecomes(result, '3 customers to call (5 abandoned carts in the window).');
    expect(await result.getAttribute('data-state')).toBe('done');

    await page.locator('input[name="min_value"]').fill('50');
    await button.click();
    await textBecomes(result, '2 customers to call (4 abandoned carts in the window).');

    await page.locator('input[name="max_age_hours"]').fill('0');
    await button.click();
    await textBecomes(result, /^Maximum cart age/);
    expect(await result.getAttribute('data-state')).toBe('error');

    expect(problems).toEqual([]);

    // The admin session ended: Magento answers {"ajaxExpired":1,"ajaxRedirect":…}.
    await context.clearCookies();
    await page.locator('input[name="max_age_hours"]').fill('168');
    await Promise.all([page.waitForURL(`${site.url}/admin/`), button.click()]);
    expect(await page.locator('h1').textContent()).toBe('Welcome, please sign in');
    await context.close();
  });

  it('the campaign page moves its progress bar as the build advances and shows the results once built', async () => {
    const { context, page, problems, requests } = await adminTab();
    await page.goto(site.adminUrl('bandeau/campaign/view', { id: campaignId }));
    const bar = page.locator('[data-role="bandeau-build-bar"]');
    const text = page.locator('[data-role="bandeau-build-text"]');
    await expect(page.locator('h2').textContent()).resolves.toMatch(/Spring carts <b>\s*\(Building\)/);
    expect(await text.textContent()).toBe('0 of 0 carts scanned, 0 contacts.');

    await site.testRoute(`build/start?id=${campaignId}`);
    await textBecomes(text, '0 of 5 carts scanned, 0 contacts.');
    await site.testRoute(`build/advance?id=${campaignId}`);
    await site.testRoute(`build/advance?id=${campaignId}`);
    await textBecomes(text, '2 of 5 carts scanned, 0 contacts.');
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value)).toBe(40);
    expect(requests.filter((u) => u.includes('/progress/')).every((u) => u.endsWith(`${adminPath('bandeau/campaign/progress', { id: campaignId })}?isAjax=true`))).toBe(true);

    // The real builder finishes the build: the page reloads with the server's rendering.
    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), site.testRoute(`build/finish?id=${campaignId}`)]);
    await expect(page.locator('h2').textContent()).resolves.toMatch(/\(Active\)/);
    expect(await text.textContent()).toBe('5 of 5 carts scanned, 3 contacts.');
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value)).toBe(100);
    await expect(page.locator('.bandeau-campaign-results td').first().textContent()).resolves.toBe('3');

    // Built: the page does not poll any more.
    const polled = requests.length;
    await page.waitForTimeout(2_000);
    expect(requests.slice(polled).filter((u) => u.includes('/progress/'))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
