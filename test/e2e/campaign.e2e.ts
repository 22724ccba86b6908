import type { Page } from 'playwright-core';
import { demoWithBrowser } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { pbx } from './helpers/demoPbx';

describe('campaign: the next-call flow from the phone bar', () => {
  const env = demoWithBrowser();

  async function agent(as: 1 | 2): Promise<Page> {
    const tab = await (await env.browser.newContext()).newPage();
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/?as=${as}`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    return tab;
  }

  it('claims a contact, survives a page load, dials it through the PBX and records the outcome; two agents never share a contact', async () => {
    const phone = pbx(env.demo.siteUrl);
    const a = await agent(1);
    await a.locator('.bandeau-campaign summary').click();
    await a.locator('[data-action="campaign-next"]').click();
    const contactA = a.locator('.bandeau-campaign__contact');
    await contactA.waitFor();
    const idA = await contactA.getAttribute('data-contact-id');
    await expect(a.locator('.bandeau-campaign__name').textContent()).resolves.toBe('Veronica Costello');
    await expect(a.locator('.bandeau-campaign__cart').textContent()).resolves.toContain('3 × Sprite Yoga Strap');

    // A second agent gets another contact.
    const b = await agent(2);
    await b.locator('.bandeau-campaign summary').click();
    await b.locator('[data-action="campaign-next"]').click();
    await b.locator('.bandeau-campaign__contact').waitFor();
    const idB = await b.locator('.bandeau-campaign__contact').getAttribute('data-contact-id');
    expect(idB).not.toBe(idA);

    // A page load keeps the contact this agent holds.
    await a.goto(`${env.demo.siteUrl}/admin/customer/index/`);
    await a.waitForSelector('[data-bandeau-state="connected"]');
    await a.locator(`.bandeau-campaign__contact[data-contact-id="${idA}"]`).waitFor();

    const mark = (await phone.actions()).length;
    await a.locator('[data-action="campaign-call"]').click();
    let originate: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !originate; i++) {
      originate = (await phone.actions()).slice(mark).find((x) => x.Action === 'Originate');
      if (!originate) await new Promise((r) => setTimeout(r, 50));
    }
    expect(originate).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+12122293326' });
    await a.locator('.bandeau-bar__call').first().waitFor();

    await a.locator('.bandeau-campaign__outcome select').selectOption('will_order');
    await a.locator('.bandeau-campaign__outcome textarea').fill('Will order tonight <script>x</script>');
    await a.locator('[data-action="campaign-save"]').click();
    await textBecomes(a.locator('.bandeau-campaign__message'), 'Outcome saved');
    const outcomes = (await (await fetch(`${env.demo.siteUrl}/demo/campaign/outcomes`)).json()) as Array<Record<string, unknown>>;
    expect(outcomes).toEqual([
      { contactId: Number(idA), agentId: 1, outcome: 'will_order', note: 'Will order tonight <script>x</script>', callId: originate!.ChannelId },
    ]);
    await phone.hangup();
  });
});
