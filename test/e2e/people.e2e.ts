import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { demoWithBrowser, openAgentTab, type AgentTab } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';
import { textBecomes } from './helpers/waitFor';

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const FR_CSV = path.resolve(__dirname, '../../app/code/Bandeau/Cti/i18n/fr_FR.csv');

const bar = (tab: Page) => tab.locator('[data-bandeau-bar]');
const call = (tab: Page, id: string) => bar(tab).locator(`.bandeau-bar__call[data-call-id="${id}"]`);
const recentItem = (tab: Page, id: string) => bar(tab).locator(`.bandeau-bar__recent-call[data-call-id="${id}"]`);

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The admin user reads French: the page config Magento renders then carries locale fr_FR and the
 * module's fr_FR.csv translations (as the ViewModel does); the demo pages are rewritten so.
 */
async function inFrench(context: BrowserContext): Promise<void> {
  const rows = parse(readFileSync(FR_CSV), { relax_column_count: true }) as string[][];
  const i18n = Object.fromEntries(rows.filter((r) => r[0]!.length <= 256 && r[1]!.length <= 1024).map((r) => [r[0], r[1]]));
  await context.route(/\/admin\/(dashboard|customer|sales)\//, async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace(/data-bandeau-config="([^"]*)"/, (_, attr: string) => {
      const config = { ...(JSON.parse(unescapeHtml(attr)) as Record<string, unknown>), locale: 'fr_FR', i18n };
      return `data-bandeau-config="${escapeHtml(JSON.stringify(config))}"`;
    });
    await route.fulfill({ response: res, body });
  });
}

async function openRecent(tab: Page): Promise<void> {
  const details = bar(tab).locator('details.bandeau-bar__recent');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

describe('people, not numbers (issue 13, point 6)', () => {
  const env = demoWithBrowser();
  const tabs: AgentTab[] = [];
  /** The calls of the first test, looked at again by the next ones. */
  const ids = { unknown: '', camille: '', lefevre: '' };
  afterAll(async () => {
    for (const t of tabs) await t.context.close().catch(() => undefined);
  });

  it('names the caller and the colleague who answered; numbers in the national format', async () => {
    const phone = pbx(env.demo.siteUrl);
    const alice = await openAgentTab(env, 1, { width: 1440, height: 900 });
    const bruno = await openAgentTab(env, 2);
    tabs.push(alice, bruno);
    // Nobody has this number: the header shows it as a French agent dials it.
    const unknown = await phone.ring('+33155501234', '7001');
    await textBecomes(call(alice.tab, unknown).locator('.bandeau-bar__call-label'), 'Inbound call from 01 55 50 12 34');
    await phone.hangup(unknown);

    // Camille calls the team; Bruno takes it: Alice reads his name, not 7002.
    const camille = await phone.ring('+33612345678', '7001', ['7002']);
    await textBecomes(call(alice.tab, camille).locator('.bandeau-bar__call-label'), 'Inbound call from Camille Durand');
    await textBecomes(call(alice.tab, camille).locator('.bandeau-bar__card-cart'), 'Open cart: 1 item, €149.00');
    await phone.answer(camille, '7002');
    await textBecomes(call(alice.tab, camille).locator('.bandeau-bar__call-state'), 'Answered by Bruno Petit');
    await textBecomes(call(bruno.tab, camille).locator('.bandeau-bar__call-label'), 'Inbound call from Camille Durand');
    await new Promise((r) => setTimeout(r, 2_200));
    await phone.hangup(camille);

    // Two customers share the Lefèvre number: the one Alice picks names the call.
    const lefevre = await phone.ring('+33184881234', '7001');
    await call(alice.tab, lefevre).locator('.bandeau-bar__choice', { hasText: 'Léa Lefèvre' }).click();
    await textBecomes(call(alice.tab, lefevre).locator('.bandeau-bar__call-label'), 'Inbound call from Léa Lefèvre');
    await phone.hangup(lefevre);
    expect([...alice.errors, ...bruno.errors]).toEqual([]);
    Object.assign(ids, { unknown, camille, lefevre });
  });

  it('recent calls: who, date, duration, direction, the missed-only filter; plurals in English', async () => {
    const { unknown, camille, lefevre } = ids;
    const alice = tabs[0]!;
    // Two missed calls (the unknown number and Léa's), one answered by Bruno.
    const badge = bar(alice.tab).locator('.bandeau-bar__toggle .bandeau-bar__badge');
    await textBecomes(badge, '2');
    expect(await badge.getAttribute('title')).toBe('2 missed calls');
    await openRecent(alice.tab);
    const answered = recentItem(alice.tab, camille);
    await textBecomes(answered.locator('.bandeau-bar__recent-who'), /Camille Durand$/);
    expect(await answered.locator('.bandeau-bar__recent-meta').textContent()).toMatch(/^0:0[2-9]06 12 34 56 78 · Answered by Bruno Petit$/);
    expect(await answered.locator('.bandeau-bar__recent-duration').getAttribute('title')).toMatch(/^Duration 0:0[2-9]$/);
    expect(await answered.locator('.bandeau-bar__recent-dir').getAttribute('data-i')).toBe('inbound');
    expect(await answered.locator('.bandeau-bar__recent-time').textContent()).toMatch(/^\d{1,2}:\d{2} [AP]M$/);
    expect(await answered.locator('.bandeau-bar__recent-time').getAttribute('title')).toMatch(/\d{4}/);
    const missed = recentItem(alice.tab, unknown);
    expect(await missed.locator('.bandeau-bar__recent-who').textContent()).toBe('Missed call 01 55 50 12 34');
    expect(await missed.locator('.bandeau-bar__recent-dir').getAttribute('data-i')).toBe('missed');
    expect(await missed.locator('.bandeau-bar__recent-duration').isVisible()).toBe(false);
    await textBecomes(recentItem(alice.tab, lefevre).locator('.bandeau-bar__recent-who'), 'Missed call Léa Lefèvre');
    mkdirSync(SHOTS, { recursive: true });
    await alice.tab.screenshot({ path: path.join(SHOTS, 'recent-calls-1440x900.png') });

    // Missed only: the answered call leaves the list, and comes back.
    await bar(alice.tab).locator('[data-action="missed-only"]').check();
    await answered.waitFor({ state: 'detached' });
    expect(await bar(alice.tab).locator('.bandeau-bar__recent-call').count()).toBe(2);
    await bar(alice.tab).locator('[data-action="missed-only"]').uncheck();
    await answered.waitFor();
  });

  it('names stay in a new browser session, and the bar reads well at 1024×700', async () => {
    const { camille, lefevre } = ids;
    // A new browser context: a new worker with no lookups; the names come with the bridge's recent calls.
    const again = await openAgentTab(env, 1, { width: 1024, height: 700 });
    tabs.push(again);
    await openRecent(again.tab);
    await textBecomes(recentItem(again.tab, camille).locator('.bandeau-bar__recent-who'), /Camille Durand$/);
    await textBecomes(recentItem(again.tab, lefevre).locator('.bandeau-bar__recent-who'), /Léa Lefèvre$/);
    await again.tab.screenshot({ path: path.join(SHOTS, 'recent-calls-1024x700.png') });
    expect(again.errors).toEqual([]);
  });

  it('times in the store\'s time zone (the page config\'s), not the browser\'s: as the Calls grid shows them', async () => {
    const { camille } = ids;
    // An agent whose browser is 14 hours ahead of the demo store.
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Pacific/Kiritimati' });
    const tab = await context.newPage();
    tabs.push({ context, tab, errors: [] });
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/?as=1`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    const config = JSON.parse(await tab.locator('#bandeau-cti-root').getAttribute('data-bandeau-config') ?? '{}') as { timeZone?: string };
    expect(config.timeZone).toBe('UTC');
    const log = (await (await fetch(`${env.demo.siteUrl}/demo/call-log`)).json()) as Array<{ call_id: string; started_at: string }>;
    const startedAt = log.find((c) => c.call_id === camille)!.started_at;
    await openRecent(tab);
    const time = recentItem(tab, camille).locator('.bandeau-bar__recent-time');
    await time.waitFor();
    expect(await time.textContent()).toBe(new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' }).format(Date.parse(startedAt)));
    expect(await time.getAttribute('title')).toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(Date.parse(startedAt)));
  });

  it('plurals, names and dates in French', async () => {
    const phone = pbx(env.demo.siteUrl);
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await inFrench(context);
    const tab = await context.newPage();
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/?as=2`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    tabs.push({ context, tab, errors: [] });
    const missed = await phone.ring('+33155501234', '7002');
    await textBecomes(call(tab, missed).locator('.bandeau-bar__call-label'), 'Appel entrant de 01 55 50 12 34');
    await phone.hangup(missed);
    const badge = bar(tab).locator('.bandeau-bar__toggle .bandeau-bar__badge');
    await textBecomes(badge, '1');
    expect(await badge.getAttribute('title')).toBe('1 appel manqué');
    const camille = await phone.ring('+33612345678', '7002');
    await textBecomes(call(tab, camille).locator('.bandeau-bar__card-cart'), 'Panier en cours : 1 article, €149.00');
    await phone.hangup(camille);
    await textBecomes(badge, '2');
    expect(await badge.getAttribute('title')).toBe('2 appels manqués');
    await openRecent(tab);
    await textBecomes(recentItem(tab, camille).locator('.bandeau-bar__recent-who'), 'Appel manqué Camille Durand');
    expect(await recentItem(tab, camille).locator('.bandeau-bar__recent-time').textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await bar(tab).locator('.bandeau-bar__recent-filter').textContent()).toContain('Manqués seulement');
    await tab.screenshot({ path: path.join(SHOTS, 'recent-calls-fr-1440x900.png') });
  });
});
