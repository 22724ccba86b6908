import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';
import { textBecomes } from './helpers/waitFor';

/**
 * Issue 16, point 3, on the demo: "My day" one click away in the bar. Calls placed on the demo PBX
 * reach the demo's call log through the bridge's outbox as they reach Magento's; the demo answers
 * bandeau/analytics/myday by the module's rules (demoMyDay.ts). Alice sees her calls, the missed call
 * that rang her and her campaign result, not the call that rang Bruno; her call-back dials through the
 * session, and once the call is made the missed call leaves the list. Bruno, in French and with the
 * keyboard only, sees his own missed call. Screenshots at 1440×900 and 1024×700 go to
 * test/.artifacts/screenshots.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

interface LoggedCall {
  call_id: string;
  direction: string;
  from?: string | null;
  to?: string | null;
  disposition?: string | null;
  customer_id?: number | null;
}

describe('My day in the bar (issue 16, point 3)', () => {
  const env = demoWithBrowser();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  const callLog = async (): Promise<LoggedCall[]> => (await (await fetch(`${env.demo.siteUrl}/demo/call-log`)).json()) as LoggedCall[];
  /** Waits until the bridge delivered the record of each call, ended. */
  async function delivered(ids: string[]): Promise<LoggedCall[]> {
    for (let i = 0; i < 200; i++) {
      const log = await callLog();
      if (ids.every((id) => log.some((c) => c.call_id === id && c.disposition))) return log;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the call log never got ${ids.join(', ')}: ${JSON.stringify(await callLog())}`);
  }
  /** A call that rings `to` and is hung up by the caller before anyone answers. */
  async function missedCall(tab: Page, from: string, to: string): Promise<string> {
    const phone = pbx(env.demo.siteUrl);
    const id = await phone.ring(from, to);
    if (to === '7001') await tab.locator(`.bandeau-bar__call[data-call-id="${id}"]`).waitFor();
    else await new Promise((r) => setTimeout(r, 500));
    await phone.hangup(id);
    return id;
  }
  /** A campaign outcome recorded as the campaign panel posts it (claim the next contact, then the outcome). */
  async function campaignOutcome(tab: Page, outcome: string): Promise<void> {
    const status = await tab.evaluate(async (o) => {
      const cfg = JSON.parse(document.getElementById('bandeau-cti-root')!.getAttribute('data-bandeau-config')!) as Record<string, string>;
      const post = async (url: string, form: Record<string, string>) =>
        (await fetch(url, { method: 'POST', body: new URLSearchParams({ ...form, form_key: cfg.formKey!, isAjax: 'true' }) })).json() as Promise<Record<string, unknown>>;
      const next = (await post(cfg.campaignNextUrl!, {})) as { contact: { contactId: number } };
      const r = await post(cfg.campaignOutcomeUrl!, { contactId: String(next.contact.contactId), outcome: o, note: '' });
      return r.status as string;
    }, outcome);
    expect(status).toBe('done');
  }
  const panel = (tab: Page) => tab.locator('details.bandeau-myday');
  const figure = (tab: Page, name: string) => panel(tab).locator(`[data-figure="${name}"]`);

  it('shows the agent\'s calls, the missed call to call back and their campaign result; the call-back dials and clears it', async () => {
    const phone = pbx(env.demo.siteUrl);
    const { tab, context, errors } = await openAgentTab(env, 1, { width: 1440, height: 900 });
    // A missed call that rang Alice, one she answered (about 2 s of talk), one that rang Bruno.
    const missed = await missedCall(tab, '+33612345678', '7001');
    const answered = await phone.ring('+4930901820', '7001');
    await tab.locator(`.bandeau-bar__call[data-call-id="${answered}"]`).waitFor();
    await phone.answer(answered, '7001');
    await new Promise((r) => setTimeout(r, 2_200));
    await phone.hangup(answered);
    const brunos = await missedCall(tab, '+33123456789', '7002');
    const log = await delivered([missed, answered, brunos]);
    await campaignOutcome(tab, 'will_order');

    // The section is there, closed, on every page; one click opens it and asks Magento.
    await expect(panel(tab).getAttribute('open')).resolves.toBeNull();
    await panel(tab).locator('summary').click();
    await textBecomes(figure(tab, 'calls'), '2 calls today', 20_000);
    await expect(figure(tab, 'answered').textContent()).resolves.toBe('1 answered call');
    await expect(figure(tab, 'missed').textContent()).resolves.toBe('1 missed call');
    await expect(figure(tab, 'talk').textContent()).resolves.toMatch(/^Talk time 0:0[1-9]$/);
    const items = panel(tab).locator('.bandeau-myday__callback');
    await expect(items.count()).resolves.toBe(1);
    await expect(panel(tab).locator('.bandeau-myday__none').isVisible()).resolves.toBe(false);
    const item = items.first();
    await expect(item.getAttribute('data-call-id')).resolves.toBe(missed);
    const who = log.find((c) => c.call_id === missed)?.customer_id === 2 ? 'Camille Durand' : '+33612345678';
    await expect(item.locator('.bandeau-myday__who').textContent()).resolves.toBe(who);
    await expect(item.locator('.bandeau-myday__meta').textContent()).resolves.toBe('Missed call');
    const callBack = item.locator('[data-action="my-day-call-back"]');
    await expect(callBack.getAttribute('aria-label')).resolves.toBe(`Call ${who}`);
    await expect(panel(tab).locator('summary .bandeau-bar__badge').textContent()).resolves.toBe('1');
    await expect(panel(tab).locator('summary .bandeau-bar__badge').getAttribute('title')).resolves.toBe('1 missed call to call back');
    const campaign = panel(tab).locator('.bandeau-myday__campaign');
    await expect(campaign.locator('strong').textContent()).resolves.toBe('Carts left this week (demo)');
    await expect(campaign.textContent()).resolves.toContain('Reached today: 1 of 1');
    await expect(campaign.textContent()).resolves.toContain('0 conversions');
    await expect(campaign.locator('.bandeau-myday__outcomes li').allTextContents()).resolves.toEqual(['Will order: 1']);
    // Nothing of Bruno's call, anywhere in the panel.
    await expect(panel(tab).textContent()).resolves.not.toContain('+33123456789');

    await panel(tab).scrollIntoViewIfNeeded();
    await tab.screenshot({ path: path.join(SHOTS, 'my-day-1440x900.png') });
    await tab.setViewportSize({ width: 1024, height: 700 });
    await panel(tab).scrollIntoViewIfNeeded();
    await tab.screenshot({ path: path.join(SHOTS, 'my-day-1024x700.png') });
    await tab.setViewportSize({ width: 1440, height: 900 });
    // Printed pages (the call analytics) do not get the fixed bar over their content.
    await tab.emulateMedia({ media: 'print' });
    await expect(panel(tab).isVisible()).resolves.toBe(false);
    await tab.emulateMedia({ media: 'screen' });
    await expect(panel(tab).isVisible()).resolves.toBe(true);

    // Call back: dialled through the session as the bar's other dial actions (Originate on her phone).
    const mark = (await phone.actions()).length;
    await callBack.click();
    let originate: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !originate; i++) {
      originate = (await phone.actions()).slice(mark).find((x) => x.Action === 'Originate');
      if (!originate) await new Promise((r) => setTimeout(r, 50));
    }
    expect(originate).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+33612345678' });
    await tab.locator('.bandeau-bar__call').first().waitFor();
    await phone.hangup();
    await tab.locator('.bandeau-bar__call').first().waitFor({ state: 'detached' });
    // The call-back is on the call log: a few seconds after the call ended the panel asks again.
    const none = panel(tab).locator('.bandeau-myday__none');
    await none.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(none.textContent()).resolves.toBe('No missed calls to call back');
    await expect(items.count()).resolves.toBe(0);
    // Counted as hers when the record names her (answered on her phone); the party's later call either way.
    const back = (await callLog()).find((c) => c.direction === 'outbound' && c.to === '+33612345678') as (LoggedCall & { agent_user_id?: number | null; agent_extension?: string | null }) | undefined;
    expect(back).toBeDefined();
    const hers = back!.agent_user_id === 1 || back!.agent_extension === '7001';
    await textBecomes(figure(tab, 'calls'), hers ? '3 calls today' : '2 calls today');
    await expect(panel(tab).locator('summary .bandeau-bar__badge').isVisible()).resolves.toBe(false);
    await tab.screenshot({ path: path.join(SHOTS, 'my-day-called-back-1440x900.png') });

    // Open across pages (the bar's UI state): the next page shows it at once, asked again.
    await tab.goto(`${env.demo.siteUrl}/admin/customer/index/`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    await textBecomes(figure(tab, 'calls'), hers ? '3 calls today' : '2 calls today', 20_000);
    await expect(panel(tab).getAttribute('open')).resolves.toBe('open');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('in French, with the keyboard only: Bruno sees his own missed call, not Alice\'s', async () => {
    const { tab, context, errors } = await openAgentTab(env, 2, { width: 1440, height: 900 }, 'fr_FR');
    const summary = panel(tab).locator('summary');
    await expect(summary.textContent()).resolves.toBe('Ma journée');
    await summary.focus();
    await tab.keyboard.press('Enter');
    await textBecomes(figure(tab, 'calls'), "1 appel aujourd'hui", 20_000);
    await expect(figure(tab, 'answered').textContent()).resolves.toBe('0 appel répondu');
    await expect(figure(tab, 'missed').textContent()).resolves.toBe('1 appel manqué');
    const items = panel(tab).locator('.bandeau-myday__callback');
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().locator('.bandeau-myday__who').textContent()).resolves.toBe('+33123456789');
    await expect(items.first().locator('.bandeau-myday__meta').textContent()).resolves.toBe('Appel manqué');
    // Tab reaches the call-back button, then Refresh; Enter on Refresh asks again.
    const focused = () => tab.evaluate(() => document.getElementById('bandeau-cti-root')!.shadowRoot!.activeElement?.getAttribute('data-action') ?? null);
    await tab.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('my-day-call-back');
    await tab.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('my-day-refresh');
    await expect(panel(tab).locator('[data-action="my-day-refresh"]').textContent()).resolves.toBe('Actualiser');
    await tab.keyboard.press('Enter');
    await textBecomes(panel(tab).locator('.bandeau-myday__foot span'), /^Mis à jour à /);
    await panel(tab).scrollIntoViewIfNeeded();
    await tab.screenshot({ path: path.join(SHOTS, 'my-day-fr-1440x900.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
