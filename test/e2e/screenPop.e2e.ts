import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { pbx } from './helpers/demoPbx';

// A customer whose name is an HTML/script payload, and two customers sharing one number.
const HOSTILE = '<img src=x onerror="globalThis.__xss=1"><script>globalThis.__xss=2</script>';
const extra = {
  customers: [
    { id: 90, firstname: HOSTILE, lastname: '"><svg onload=globalThis.__xss=3>', email: 'x@example.com', group: '<b>VIP</b>', telephone: '+44 20 7946 0999', country: 'GB', lifetimeSales: '£0.00' },
    { id: 91, firstname: 'Paul', lastname: 'Martin', email: 'paul@example.fr', group: 'General', telephone: '01 23 45 67 00', country: 'FR', lifetimeSales: '€10.00' },
    { id: 92, firstname: 'Pauline', lastname: 'Martin', email: 'pauline@example.fr', group: 'General', telephone: '+33 1 23 45 67 00', country: 'FR', lifetimeSales: '€20.00' },
  ],
};

describe('phone bar: screen pop, click-to-call and ringing across agents', () => {
  const env = demoWithBrowser(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bandeau-demo-'));
    writeFileSync(path.join(dir, 'directory.json'), JSON.stringify(extra));
    return ['--directory', path.join(dir, 'directory.json')];
  });
  let phone: ReturnType<typeof pbx>;
  beforeAll(() => {
    phone = pbx(env.demo.siteUrl);
  });
  afterEach(async () => {
    await phone.hangup();
  });

  const agentTab = (as: 1 | 2) => openAgentTab(env, as);

  it('an incoming call brings up the right customer card', async () => {
    const { context, tab, errors } = await agentTab(1);
    const callId = await phone.ring('+33612345678', '7001');
    const row = tab.locator(`[data-call-id="${callId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getAttribute('data-call-state')).resolves.toBe('ringing');
    const card = row.locator('.bandeau-bar__card');
    await card.waitFor({ timeout: 10_000 });
    // People, not numbers (issue 13): once looked up, the call is labelled with the caller's name.
    await textBecomes(row.locator('.bandeau-bar__call-label'), 'Inbound call from Camille Durand');
    await expect(card.getAttribute('data-customer-id')).resolves.toBe('2');
    await expect(card.locator('.bandeau-bar__card-name').textContent()).resolves.toBe('Camille Durand');
    const text = await card.textContent();
    expect(text).toContain('Wholesale');
    expect(text).toContain('#000000104');
    // One click opens the customer, the latest order, or a new order for them.
    await expect(card.locator('a', { hasText: 'Open customer' }).getAttribute('href')).resolves.toBe('/admin/customer/index/edit/id/2/');
    await expect(card.locator('a', { hasText: 'Latest order' }).getAttribute('href')).resolves.toBe('/admin/sales/order/view/order_id/4/');
    await card.locator('a', { hasText: 'Create order' }).click();
    await tab.waitForURL(/order_create\/start\/customer_id\/2/);
    // The call is still there on the next page: the session survived the navigation.
    await tab.locator(`[data-call-id="${callId}"] .bandeau-bar__card`).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a chooser when several customers share the number, and "create customer" when none does', async () => {
    const { context, tab } = await agentTab(1);
    const many = await phone.ring('+33123456700', '7001');
    const row = tab.locator(`[data-call-id="${many}"]`);
    await row.locator('.bandeau-bar__choice').first().waitFor({ timeout: 10_000 });
    await expect(row.locator('.bandeau-bar__choice').count()).resolves.toBe(2);
    await row.locator('.bandeau-bar__choice', { hasText: 'Pauline' }).click();
    await expect(row.locator('.bandeau-bar__card').getAttribute('data-customer-id')).resolves.toBe('92');
    const none = await phone.ring('+33987654321', '7001');
    const row2 = tab.locator(`[data-call-id="${none}"]`);
    const create = row2.locator('a', { hasText: 'Create customer' });
    await create.waitFor({ timeout: 10_000 });
    await expect(create.getAttribute('href')).resolves.toBe('/admin/customer/index/new/?bandeau_phone=%2B33987654321');
    await create.click();
    await expect(tab.locator('input[name="telephone"]').inputValue()).resolves.toBe('+33987654321');
    await context.close();
  });

  it('a click on a tel: link puts an Originate for the agent\'s extension and the right number on the AMI wire', async () => {
    const { context, tab } = await agentTab(2);
    await tab.goto(`${env.demo.siteUrl}/admin/customer/index/`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    const before = (await phone.actions()).length;
    await tab.locator('a[href^="tel:"]', { hasText: '06 12 34 56 78' }).click();
    // The page did not navigate to tel: and the bar shows the outbound call.
    await tab.locator('.bandeau-bar__call[data-call-state]').first().waitFor({ timeout: 10_000 });
    const originate = (await phone.actions()).slice(before).find((a) => a.Action === 'Originate');
    expect(originate).toBeDefined();
    expect(originate).toMatchObject({ Channel: 'PJSIP/7002', Exten: '+33612345678', Async: 'true' });
    expect(originate!.ChannelId).toMatch(/^[0-9a-f-]{36}$/);
    await textBecomes(tab.locator('.bandeau-bar__call-label').first(), 'Outbound call to Camille Durand');
    await context.close();
  });

  it('a tel: link with an extension dials the main number, then the extension as DTMF once the customer answers', async () => {
    const { context, tab } = await agentTab(2);
    const before = (await phone.actions()).length;
    await tab.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'tel:+12127365000;ext=12';
      a.textContent = '+1 212-736-5000 ext. 12';
      a.id = 'with-ext';
      document.querySelector('main')!.appendChild(a);
    });
    await tab.click('#with-ext');
    await tab.locator('.bandeau-bar__call[data-call-state]').first().waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    let after = (await phone.actions()).slice(before);
    while (after.filter((a) => a.Action === 'PlayDTMF').length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await phone.actions()).slice(before);
    }
    expect(after.find((a) => a.Action === 'Originate')).toMatchObject({ Channel: 'PJSIP/7002', Exten: '+12127365000' });
    const dtmf = after.filter((a) => a.Action === 'PlayDTMF');
    expect(dtmf.map((a) => a.Digit)).toEqual(['1', '2']);
    // Played to the customer's leg, after the Originate.
    expect(dtmf.every((a) => a.Channel !== undefined && !a.Channel.startsWith('PJSIP/7002-'))).toBe(true);
    expect(after.findIndex((a) => a.Action === 'Originate')).toBeLessThan(after.findIndex((a) => a.Action === 'PlayDTMF'));
    await context.close();
  });

  it('a hostile tel: link never reaches the AMI wire and the agent gets a clear error', async () => {
    const { context, tab } = await agentTab(1);
    const before = (await phone.actions()).length;
    await tab.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'tel:0612345678%0D%0AAction:%20Originate%0D%0AChannel:%20PJSIP/7002';
      a.textContent = 'evil';
      a.id = 'evil';
      document.querySelector('main')!.appendChild(a);
    });
    await tab.click('#evil');
    await textBecomes(tab.locator('.bandeau-bar__notice'), 'This number cannot be dialled.');
    const after = (await phone.actions()).slice(before);
    expect(after.filter((a) => a.Action === 'Originate')).toEqual([]);
    expect(tab.url()).toContain('/admin/dashboard/');
    await context.close();
  });

  it('when one agent answers, the call stops ringing for the other agent and in every tab', async () => {
    const a = await agentTab(1);
    const a2 = await a.context.newPage();
    await a2.goto(`${env.demo.siteUrl}/admin/customer/index/`);
    await a2.waitForSelector('[data-bandeau-state="connected"]');
    const b = await agentTab(2);
    // The ring group as a real Asterisk 22 recorded it (Dial(PJSIP/7001&PJSIP/7002)), Jonas Weber calling.
    const flow = await phone.record('ring-group', { from: '+4930901820', name: 'Jonas Weber', agents: { answerer: '7001', other: '7002' } });
    const callId = flow.callId!;
    for (const t of [a.tab, a2, b.tab]) await t.locator(`[data-call-id="${callId}"][data-call-state="ringing"]`).waitFor({ timeout: 10_000 });
    await phone.step(flow.id); // 7001 answers
    // Agent 1 (both tabs): in call. Agent 2: no longer ringing, told who took it, no controls.
    for (const t of [a.tab, a2]) await t.locator(`[data-call-id="${callId}"][data-call-state="answered"]`).waitFor({ timeout: 10_000 });
    const rowB = b.tab.locator(`[data-call-id="${callId}"]`);
    await b.tab.locator(`[data-call-id="${callId}"][data-answered-elsewhere="true"]`).waitFor({ timeout: 10_000 });
    await expect(rowB.getAttribute('data-call-state')).resolves.not.toBe('ringing');
    await expect(rowB.locator('.bandeau-bar__call-state').textContent()).resolves.toBe('Answered by Alice Martin');
    await expect(rowB.locator('[data-action="hangup"]').count()).resolves.toBe(0);
    await a.context.close();
    await b.context.close();
  });

  it('renders a customer name holding an HTML/script payload as plain text', async () => {
    const { context, tab, errors } = await agentTab(1);
    const callId = await phone.ring('+442079460999', '7001');
    const card = tab.locator(`[data-call-id="${callId}"] .bandeau-bar__card`);
    await card.waitFor({ timeout: 10_000 });
    await expect(card.locator('.bandeau-bar__card-name').textContent()).resolves.toBe(`${HOSTILE} "><svg onload=globalThis.__xss=3>`);
    await expect(card.textContent()).resolves.toContain('<b>VIP</b>');
    await expect(card.locator('img, script, svg, b').count()).resolves.toBe(0);
    expect(await tab.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });
});
