import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { textBecomes } from './helpers/waitFor';

/**
 * The campaign pages' RequireJS modules (Bandeau_Cti/js/campaign-form, campaign-progress) in
 * Chromium, on the module's real templates, view models and Preview/Progress controllers over
 * MariaDB (test/php/bin/campaign-site.php under PHP's built-in server), loaded as Magento loads
 * them: RequireJS from npm, x-magento-init run by a mage/apply/main stand-in. Issue 11: both
 * modules were missing (404, RequireJS script error) and the buttons did nothing.
 */
const ROOT = path.resolve(__dirname, '../..');
const BUILT = path.join(ROOT, 'app/code/Bandeau/Cti/view/adminhtml/web/js');
const ADMIN = '/admin/bandeau/campaign';
const KEY = 'key/a1b2c3/';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('campaign pages: Preview Count and the live build progress (RequireJS modules)', () => {
  let php: ChildProcess;
  let site = '';
  let log = '';
  let browser: Browser;
  let campaignId = 0;

  const testRoute = async (route: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${site}/_test/${route}`, { method: 'POST' });
    const text = await res.text();
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${text}\n${log}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  beforeAll(async () => {
    for (const name of ['campaign-form.js', 'campaign-progress.js']) {
      if (!existsSync(path.join(BUILT, name))) throw new Error(`${name} is not built: run npm run build:frontend`);
    }
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    php = spawn('php', ['-S', `127.0.0.1:${port}`, path.join(ROOT, 'test/php/bin/campaign-site.php')], {
      env: { ...process.env, BANDEAU_SITE_DB: `bandeau_test_site${process.pid}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    php.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    php.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; ; i++) {
      try {
        await fetch(`${site}/static/requirejs/require.js`);
        break;
      } catch (e) {
        if (i > 100) throw new Error(`php -S did not start: ${String(e)}\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    campaignId = Number((await testRoute('reset')).campaignId);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (site) await testRoute('drop').catch(() => undefined);
    php?.kill('SIGTERM');
  });

  /** An admin tab with a session; collects what a real admin would show in the console. */
  async function adminTab(): Promise<{ context: BrowserContext; page: Page; problems: string[]; requests: string[] }> {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'admin_session', value: 'ok', url: site }]);
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every 4xx; the Preview controller's 400 is provoked below.
      if (m.type() === 'error' && !m.text().includes('status of 400')) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => {
      // 400 is the Preview controller refusing a filter, which the test provokes.
      if (r.status() >= 400 && r.status() !== 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return { context, page, problems, requests };
  }

  it('"Preview Count" posts the form to the Preview controller and shows its count, its refusal, or sends an expired session to the login page', async () => {
    const { context, page, problems } = await adminTab();
    await page.goto(`${site}${ADMIN}/new/${KEY}`);
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
    await Promise.all([page.waitForURL(`${site}/admin/`), button.click()]);
    expect(await page.locator('h1').textContent()).toBe('Welcome, please sign in');
    await context.close();
  });

  it('the campaign page moves its progress bar as the build advances and shows the results once built', async () => {
    const { context, page, problems, requests } = await adminTab();
    await page.goto(`${site}${ADMIN}/view/id/${campaignId}/${KEY}`);
    const bar = page.locator('[data-role="bandeau-build-bar"]');
    const text = page.locator('[data-role="bandeau-build-text"]');
    await expect(page.locator('h2').textContent()).resolves.toMatch(/Spring carts <b>\s*\(Building\)/);
    expect(await text.textContent()).toBe('0 of 0 carts scanned, 0 contacts.');

    await testRoute(`build/start?id=${campaignId}`);
    await textBecomes(text, '0 of 5 carts scanned, 0 contacts.');
    await testRoute(`build/advance?id=${campaignId}`);
    await testRoute(`build/advance?id=${campaignId}`);
    await textBecomes(text, '2 of 5 carts scanned, 0 contacts.');
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value)).toBe(40);
    expect(requests.filter((u) => u.includes('/progress/')).every((u) => u.endsWith(`/progress/id/${campaignId}/${KEY}?isAjax=true`))).toBe(true);

    // The real builder finishes the build: the page reloads with the server's rendering.
    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), testRoute(`build/finish?id=${campaignId}`)]);
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
