import type { Page } from 'playwright-core';
import { demoWithBrowser } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { pbx } from './helpers/demoPbx';

/** The bar's call controls, driven from the keyboard and the mouse, checked on the AMI wire. */
describe('phone bar: call controls reach the PBX as the agent\'s own actions', () => {
  const env = demoWithBrowser();
  let phone: ReturnType<typeof pbx>;
  let tab: Page;
  beforeAll(async () => {
    phone = pbx(env.demo.siteUrl);
    tab = await (await env.browser.newContext()).newPage();
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
  });

  /** The actions the bridge sent after `from`, once one named `name` has arrived. */
  async function waitForAction(from: number, name: string): Promise<Record<string, string>> {
    for (let i = 0; i < 100; i++) {
      const found = (await phone.actions()).slice(from).find((a) => a.Action === name);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${name} action on the AMI wire`);
  }

  it('hold, keypad, consult transfer and hang-up on an answered call', async () => {
    const callId = await phone.ring('+33612345678', '7001');
    await phone.answer(callId, '7001');
    const row = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="answered"]`);
    await row.waitFor();
    const channels = (await (await fetch(`${env.demo.siteUrl}/demo/pbx/channels`)).json()) as Array<{ name: string }>;
    const agentChannel = channels.find((c) => c.name.startsWith('PJSIP/7001-'))!.name;

    let mark = (await phone.actions()).length;
    await row.locator('[data-action="hold"]').click();
    const hold = await waitForAction(mark, 'Redirect');
    expect(hold).toMatchObject({ Context: 'bandeau-hold' });
    // The PBX plays music on hold, as Asterisk does after that Redirect: On hold, then Resume bridges back.
    const held = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="held"]`);
    await held.waitFor();
    mark = (await phone.actions()).length;
    await held.locator('[data-action="hold"]').click();
    expect(await waitForAction(mark, 'Bridge')).toMatchObject({ Channel1: agentChannel });
    await row.waitFor();

    mark = (await phone.actions()).length;
    await row.locator('[data-action="keypad"]').click();
    await row.locator('.bandeau-bar__keypad button', { hasText: '5' }).click();
    expect(await waitForAction(mark, 'PlayDTMF')).toMatchObject({ Digit: '5' });

    mark = (await phone.actions()).length;
    await row.locator('.bandeau-bar__transfer input').fill('7002');
    await row.locator('[data-action="attended-transfer"]').click();
    expect(await waitForAction(mark, 'Atxfer')).toMatchObject({ Channel: agentChannel, Exten: '7002' });

    // Consulting 7002 now (the PBX rings 7002): the agent's hang-up is Complete, the same Hangup on the wire.
    mark = (await phone.actions()).length;
    await tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="transferring"] [data-action="hangup"]`).click();
    expect(await waitForAction(mark, 'Hangup')).toMatchObject({ Channel: agentChannel });
    await tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`).waitFor({ state: 'detached' });
  });

  it('blind-transfers an answered call to another extension, as a real Asterisk recorded it', async () => {
    // 7001 talks with 7005, then transfers to 7002 (blind_transfer.ami): Asterisk's own answer and events.
    const flow = await phone.record('blind-transfer');
    await phone.step(flow.id);
    const callId = flow.callId!;
    const row = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="answered"]`);
    await row.waitFor();
    const channels = await phone.channels();
    const mark = (await phone.actions()).length;
    await row.locator('.bandeau-bar__transfer input').fill('7002');
    await row.locator('.bandeau-bar__transfer input').press('Enter');
    expect(await waitForAction(mark, 'BlindTransfer')).toMatchObject({ Channel: channels.find((c) => c.name.startsWith('PJSIP/7001-'))!.name, Exten: '7002' });
    // Transferred: the call leaves this agent's bar with no error shown.
    await tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`).waitFor({ state: 'detached' });
    await expect(tab.locator('.bandeau-bar__notice').isVisible()).resolves.toBe(false);
    await phone.hangup();
  });

  it('dials from the keyboard: type a number in the dial pad and press Enter', async () => {
    const mark = (await phone.actions()).length;
    const input = tab.locator('.bandeau-bar__dial input');
    await input.focus();
    await tab.keyboard.type('01 23 45 67 89');
    await tab.keyboard.press('Enter');
    expect(await waitForAction(mark, 'Originate')).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+33123456789' });
    // The box empties once the bridge has accepted the dial, which may come just after the Originate.
    for (let i = 0; i < 200 && (await input.inputValue()) !== ''; i++) await new Promise((r) => setTimeout(r, 50));
    await expect(input.inputValue()).resolves.toBe('');
    await phone.hangup();
  });

  it('collapses and expands from the keyboard', async () => {
    const toggle = tab.locator('.bandeau-bar__toggle');
    await toggle.focus();
    await tab.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(tab.locator('.bandeau-bar__body').isVisible()).resolves.toBe(false);
    await tab.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
  });

  it('refuses an invalid number with a clear sentence, keeps it in the box and sends nothing', async () => {
    const mark = (await phone.actions()).length;
    // '12' is an extension the default rules allow (issue 13): one digit is neither a number nor an extension.
    await tab.locator('.bandeau-bar__dial input').fill('1');
    await tab.locator('[data-action="dial"]').click();
    await textBecomes(tab.locator('.bandeau-bar__dial-error'), 'This is neither a phone number nor an extension you may call.');
    await expect(tab.locator('.bandeau-bar__dial input').inputValue()).resolves.toBe('1');
    expect((await phone.actions()).slice(mark).filter((a) => a.Action === 'Originate')).toEqual([]);
  });
});
