import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';
import { textBecomes } from './helpers/waitFor';
import { shot } from './helpers/screenshots';

/**
 * Issue 13, point 12, on the demo: a working day on the campaign panel. No outcome is chosen for
 * the agent; "Call back later" asks when and the contact comes back only then; the dial button
 * (and skip, snooze) wait while the contact's call is live; the panel counts contacts left, the
 * agent's calls and results today; skip and snooze take a reason. Screenshots at 1440×900 and
 * 1024×700 go to test/.artifacts/screenshots.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

describe('campaign panel for a working day (issue 13, point 12)', () => {
  const env = demoWithBrowser();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterEach(() => pbx(env.demo.siteUrl).hangup());

  const campaign = (tab: Page) => tab.locator('.bandeau-campaign');
  const contactName = (tab: Page) => campaign(tab).locator('.bandeau-campaign__name');

  /** A callback time at least 30 s ahead, on a whole minute (the date-time input's step), in the browser's time. */
  async function callbackSlot(tab: Page): Promise<{ input: string; at: number }> {
    return tab.evaluate(() => {
      let at = Math.ceil(Date.now() / 60_000) * 60_000;
      if (at - Date.now() < 30_000) at += 60_000;
      const d = new Date(at);
      const p = (n: number) => String(n).padStart(2, '0');
      return { input: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`, at };
    });
  }

  it('no preselected outcome, dial waits while the call is live, call back later asks when and the contact comes back only then, skip and snooze with a reason, the day counted', async () => {
    const phone = pbx(env.demo.siteUrl);
    const { tab, context, errors } = await openAgentTab(env, 1, { width: 1440, height: 900 });
    const panel = campaign(tab);
    await panel.locator('summary').click();
    const counters = panel.locator('.bandeau-campaign__today');
    await textBecomes(counters.locator('div').first(), '0 calls today');
    await textBecomes(panel.locator('.bandeau-campaign__badge'), '2 contacts left · Due now: 2');

    await panel.locator('[data-action="campaign-next"]').click();
    await textBecomes(contactName(tab), 'Veronica Costello');
    const outcome = panel.locator('[data-action="campaign-outcome"]');
    await expect(outcome.inputValue()).resolves.toBe('');
    await expect(outcome.locator('option').first().textContent()).resolves.toBe('Choose an outcome…');
    await expect(panel.locator('[data-action="campaign-save"]').isDisabled()).resolves.toBe(true);
    await shot(tab, SHOTS, 'campaign-panel');

    // Dial: the buttons wait while that contact's call is on the bar.
    const dial = panel.locator('[data-action="campaign-call"]');
    const mark = (await phone.actions()).length;
    await dial.click();
    let originate: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !originate; i++) {
      originate = (await phone.actions()).slice(mark).find((x) => x.Action === 'Originate');
      if (!originate) await new Promise((r) => setTimeout(r, 50));
    }
    expect(originate).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+12122293326' });
    await tab.locator('.bandeau-bar__call').first().waitFor();
    await panel.locator('.bandeau-campaign__live').waitFor();
    for (const action of ['campaign-call', 'campaign-skip', 'campaign-snooze']) {
      await expect(panel.locator(`[data-action="${action}"]`).isDisabled()).resolves.toBe(true);
    }
    await tab.screenshot({ path: path.join(SHOTS, 'campaign-panel-live-1440x900.png') });
    // Dialling again does nothing while it is live.
    await dial.click({ force: true });
    await new Promise((r) => setTimeout(r, 300));
    expect((await phone.actions()).slice(mark).filter((x) => x.Action === 'Originate')).toHaveLength(1);
    await phone.hangup();
    await tab.locator('.bandeau-bar__call').first().waitFor({ state: 'detached' });
    await panel.locator('.bandeau-campaign__live').waitFor({ state: 'hidden' });
    await expect(dial.isEnabled()).resolves.toBe(true);
    // The outcome form is that call's wrap-up: no second one in the bar.
    await expect(tab.locator('[data-bandeau-wrapup]').isVisible()).resolves.toBe(false);

    // Call back later asks when.
    await outcome.selectOption('callback');
    const when = panel.locator('[data-action="campaign-callback-at"]');
    await when.waitFor();
    await panel.locator('[data-action="campaign-save"]').click();
    await textBecomes(panel.locator('.bandeau-campaign__error'), 'Choose when to call back.');
    const slot = await callbackSlot(tab);
    await when.fill(slot.input);
    await panel.locator('textarea').fill('After her meeting');
    await panel.locator('[data-action="campaign-save"]').click();
    const message = panel.locator('.bandeau-campaign__message');
    await textBecomes(message, 'Outcome saved');
    await expect(message.getAttribute('role')).resolves.toBe('status');
    await expect(message.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(229, 239, 229)');
    await textBecomes(counters.locator('div').first(), '1 call today');
    await expect(panel.locator('.bandeau-campaign__results li').allTextContents()).resolves.toEqual(['Call back later: 1']);
    await textBecomes(panel.locator('.bandeau-campaign__badge'), '2 contacts left · Due now: 1');
    const outcomes = (await (await fetch(`${env.demo.siteUrl}/demo/campaign/outcomes`)).json()) as Array<Record<string, unknown>>;
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'callback', note: 'After her meeting', callId: originate!.ChannelId });

    // Not back at once: the next contact is Camille; skip her with a reason.
    await panel.locator('[data-action="campaign-next"]').click();
    await textBecomes(contactName(tab), 'Camille Durand');
    await expect(outcome.inputValue()).resolves.toBe('');
    await panel.locator('[data-action="campaign-skip"]').click();
    await panel.locator('[data-action="campaign-defer-confirm"]').click();
    await textBecomes(panel.locator('.bandeau-campaign__error'), 'Say why.');
    await panel.locator('[data-action="campaign-reason"]').fill('Wants e-mail only');
    await panel.locator('[data-action="campaign-defer-confirm"]').click();
    await textBecomes(message, 'Skipped: the contact goes to the back of the queue.');
    await textBecomes(counters.locator('div').first(), '1 call today · Skipped: 1');

    // Back of the queue, and still the only one due: Camille again; snooze her for an hour.
    await panel.locator('[data-action="campaign-next"]').click();
    await textBecomes(contactName(tab), 'Camille Durand');
    await panel.locator('[data-action="campaign-snooze"]').click();
    await panel.locator('[data-action="campaign-reason"]').fill('In a meeting');
    await panel.locator('[data-action="campaign-snooze-for"]').selectOption('1h');
    await tab.screenshot({ path: path.join(SHOTS, 'campaign-panel-snooze-1440x900.png') });
    await panel.locator('[data-action="campaign-defer-confirm"]').click();
    await textBecomes(message, /^Snoozed until .+\.$/);
    await textBecomes(counters.locator('div').first(), '1 call today · Skipped: 1 · Snoozed: 1');
    await textBecomes(panel.locator('.bandeau-campaign__badge'), '2 contacts left · Due now: 0');

    // Nobody due until the callback time; then Veronica comes back, as a callback.
    await panel.locator('[data-action="campaign-next"]').click();
    await textBecomes(message, 'No contact is due right now in your campaigns.');
    await expect(panel.locator('.bandeau-campaign__contact').count()).resolves.toBe(0);
    const wait = slot.at - (await tab.evaluate(() => Date.now())) + 1_500;
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    await panel.locator('[data-action="campaign-next"]').click();
    await textBecomes(contactName(tab), 'Veronica Costello');
    await expect(panel.locator('.bandeau-campaign__name-row').textContent()).resolves.toContain('Attempt 2 of 3');
    await expect(panel.locator('.bandeau-campaign__last-note').textContent()).resolves.toBe('Last note: After her meeting');
    await tab.screenshot({ path: path.join(SHOTS, 'campaign-panel-day-1440x900.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
