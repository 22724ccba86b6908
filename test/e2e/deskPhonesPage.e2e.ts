import { mkdirSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PhoneAccess } from '../../bridge/src/phones/access';
import { PhonesConfig } from '../../bridge/src/phones/config';
import { AdminSite, ARTIFACTS } from './helpers/adminSite';
import { launchChromium } from './helpers/chromium';

/**
 * Stores › Bandeau CTI › Desk Phones (issue 17) in Chromium: the module's real page (Phones Index
 * controller, DeskPhones view model, provisioning.phtml) under PHP's built-in server
 * (test/php/bin/phones-site.php) on MariaDB. Every URL the page lists for a phone is let in by the
 * bridge's own access check (bridge/src/phones/access.ts) for that phone's extension, and only
 * that one: Magento's device tokens are the bridge's. Screenshots at 1440x900 and 1024x700 in
 * test/.artifacts/.
 */
const SECRET = '0123456789abcdef0123456789abcdef';

/** What PhoneAccess reads of a phone's request: its address and headers. */
function phoneRequest(headers: Record<string, string> = {}): http.IncomingMessage {
  return { socket: { remoteAddress: '127.0.0.1' }, headers } as unknown as http.IncomingMessage;
}

describe('Stores › Bandeau CTI › Desk Phones: the URLs to paste into each phone', () => {
  let site: AdminSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await AdminSite.start('test/php/bin/phones-site.php', { database: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const open = async (width: number, height: number): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> => {
    const tab = await site.adminTab(browser, { viewport: { width, height } });
    await tab.page.goto(site.adminUrl('bandeau/phones/index'));
    return { page: tab.page, problems: tab.problems, close: () => tab.context.close() };
  };

  /** Setting name => value of one phone in one vendor's section. */
  const settings = (page: Page, vendor: string, extension: string): Promise<Record<string, string>> =>
    page.locator(`details[data-vendor="${vendor}"] tbody[data-phone="${extension}"]`).evaluate((tbody) =>
      Object.fromEntries(Array.from(tbody.querySelectorAll('code[data-setting]')).map((c) => [c.getAttribute('data-setting')!, c.textContent!])));

  it('lists the active agents and staff lines with tokens the bridge accepts, for every vendor', async () => {
    await site.testRoute('reset');
    const { page, problems, close } = await open(1440, 900);
    expect(await page.locator('.page-header h1').textContent()).toBe('Desk Phones');
    expect(await page.locator('.page-header').getAttribute('data-active-menu')).toBe('Bandeau_Cti::phones');
    const rows = await page.locator('table[data-role="phones"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ ext: tr.getAttribute('data-phone')!, name: tr.querySelector('th')!.textContent!.replace(/\s+/g, ' ').trim(), token: tr.querySelector('[data-role="token"]')!.textContent! })));
    // Agents by extension (the inactive one left out), then the staff lines: 201 and 300.
    expect(rows.map((r) => r.ext)).toEqual(['7001', '7002', '7003', '201', '300']);
    expect(rows.find((r) => r.ext === '201')!.token).toBe('bed5a8a6538606efa00ce310211f1145');
    expect(rows.find((r) => r.ext === '7003')!.name).toBe('<script>alert(1)</script> "Haddad"');
    expect(rows.find((r) => r.ext === '300')!.name).toBe('Reception & <shop> (staff list)');
    expect(await page.locator('script:text("alert(1)")').count()).toBe(0);
    expect(await page.locator('[data-role="networks-note"]').textContent()).toContain('phones.networks');

    const access = new PhoneAccess({ config: PhonesConfig.parse({ auth: 'token', tokenVersion: 1 }), secret: () => SECRET });
    const vendors = await page.locator('details[data-vendor]').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-vendor')!));
    expect(vendors).toEqual(['yealink', 'snom', 'polycom', 'cisco', 'grandstream']);
    for (const vendor of vendors) {
      for (const { ext } of rows) {
        const values = await settings(page, vendor, ext);
        const urls = Object.values(values).map((v) => v.replace(/^url /, '')).filter((v) => v.startsWith('http'));
        expect(urls.length).toBeGreaterThanOrEqual(2);
        for (const raw of urls) {
          const url = new URL(raw);
          expect(url.origin).toBe('http://192.168.1.10:8788');
          expect(url.pathname).toMatch(/^\/phone\/(yealink|snom|polycom|cisco)\/(directory\.xml|caller\.xml|lookup)$/);
          expect(access.check(phoneRequest(), url.searchParams)).toEqual({ ok: true, extension: ext });
          // The same token for another extension is refused.
          const other = new URLSearchParams(url.searchParams);
          other.set('ext', ext === '201' ? '202' : '201');
          expect(access.check(phoneRequest(), other)).toMatchObject({ ok: false, code: 'credentials_invalid' });
        }
      }
    }
    expect(Object.keys(await settings(page, 'yealink', '7001'))).toEqual([
      'remote_phonebook.data.1.url', 'remote_phonebook.data.1.name', 'features.remote_phonebook.enable', 'action_url.incoming_call', 'lookup',
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-phones-1440x900.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-phones-full-1440x900.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  }, 60_000);

  it('in basic auth mode, gives user and password for the bridge to check and keeps tokens out of the URLs; fits 1024x700', async () => {
    await site.testRoute('reset?auth=basic');
    const { page, problems, close } = await open(1024, 700);
    const access = new PhoneAccess({ config: PhonesConfig.parse({ auth: 'basic', tokenVersion: 1 }), secret: () => SECRET });
    const yealink = await settings(page, 'yealink', '7001');
    const url = new URL(yealink['remote_phonebook.data.1.url']!);
    expect(url.searchParams.has('t')).toBe(false);
    const basic = `Basic ${Buffer.from(`${yealink['remote_phonebook.data.1.username']}:${yealink['remote_phonebook.data.1.password']}`).toString('base64')}`;
    expect(access.check(phoneRequest({ authorization: basic }), url.searchParams)).toEqual({ ok: true, extension: '7001' });
    expect(access.check(phoneRequest(), url.searchParams)).toMatchObject({ ok: false, code: 'credentials_missing' });
    expect(await page.locator('[data-role="auth"]').textContent()).toContain('HTTP basic auth');
    expect(await page.locator('[data-role="basic-note"]').textContent()).toContain('http://extension:token@');
    // Long URLs wrap: no horizontal scroll at 1024 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-phones-1024x700.png') });
    await page.locator('details[data-vendor="cisco"] summary').click();
    await page.locator('details[data-vendor="cisco"]').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-phones-cisco-1024x700.png') });
    expect(problems).toEqual([]);
    await close();
  }, 60_000);
});
