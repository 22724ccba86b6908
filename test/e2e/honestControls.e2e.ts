import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { demoWithAliceAndBruno } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { enabled, gone, inState } from './helpers/barReading';
import { shot } from './helpers/screenshots';

/**
 * Honest call controls on the demo (issue 13, point 3): every command shows that it is on its way
 * and then the PBX's answer (the new state) or a sentence; hold shows On hold with Resume; a
 * consult transfer shows both legs with Complete and Cancel; a blind transfer leaves the
 * transferring agent's bar and rings in the target's; nothing can be clicked while the bridge is
 * down, and after it restarts (with another secret: the old token is refused) the bar reconnects
 * by itself, with a fresh token and no page load, and the call that ended meanwhile is gone.
 * Alice Martin is 7001, Bruno Petit 7002.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const CAMILLE = '+33612345678';

describe('honest call controls', () => {
  const env = demoWithAliceAndBruno();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  async function answered(): Promise<{ callId: string; mine: Locator }> {
    const callId = await env.phone.ring(CAMILLE, '7001');
    await env.phone.answer(callId, '7001');
    return { callId, mine: await inState(env.alice.tab, callId, 'answered') };
  }
  /** Records, in the page, what the pending line of a call says and whether its Hold button waits meanwhile. */
  async function watchPending(tab: Page, callId: string): Promise<() => Promise<Array<{ text: string; holdDisabled: boolean }>>> {
    await tab.evaluate((id) => {
      const root = document.getElementById('bandeau-cti-root')!.shadowRoot!;
      const seen: Array<{ text: string; holdDisabled: boolean }> = [];
      (window as unknown as { pendingSeen: typeof seen }).pendingSeen = seen;
      const check = () => {
        const li = root.querySelector(`.bandeau-bar__call[data-call-id="${id}"]`);
        const p = li?.querySelector<HTMLElement>('.bandeau-bar__pending');
        if (!p || p.style.display === 'none' || !p.textContent) return;
        const hold = li!.querySelector<HTMLButtonElement>('[data-action="hold"]');
        if (seen[seen.length - 1]?.text !== p.textContent) seen.push({ text: p.textContent, holdDisabled: !!hold?.disabled });
      };
      new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    }, callId);
    return () => tab.evaluate(() => (window as unknown as { pendingSeen: Array<{ text: string; holdDisabled: boolean }> }).pendingSeen);
  }

  it('hold: pending, then On hold with Resume (the PBX played music on hold); Resume: back in call', async () => {
    const { callId, mine } = await answered();
    const pending = await watchPending(env.alice.tab, callId);
    await mine.locator('[data-action="hold"]').click();
    const held = await inState(env.alice.tab, callId, 'held');
    await textBecomes(held.locator('.bandeau-bar__call-state'), 'On hold');
    await expect(held.locator('[data-action="hold"]').textContent()).resolves.toBe('Resume');
    expect(await pending()).toEqual([{ text: 'Putting on hold…', holdDisabled: true }]);
    // The caller hears music on hold: the PBX moved both phones out of their bridge.
    const moh = (await env.phone.actions()).filter((a) => a.Action === 'Redirect').at(-1)!;
    expect(moh).toMatchObject({ Context: 'bandeau-hold', ExtraContext: 'bandeau-hold-agent' });
    for (const c of ['keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(held, c)).resolves.toBe(false);
    await expect(enabled(held, 'hold')).resolves.toBe(true);
    await held.locator('.bandeau-bar__pending').waitFor({ state: 'hidden' });
    await shot(env.alice.tab, SHOTS, 'controls-on-hold');
    await held.locator('[data-action="hold"]').click();
    const back = await inState(env.alice.tab, callId, 'answered');
    await expect(back.locator('[data-action="hold"]').textContent()).resolves.toBe('Hold');
    expect((await pending()).map((p) => p.text)).toEqual(['Putting on hold…', 'Resuming…']);
    expect((await env.phone.actions()).filter((a) => a.Action === 'Bridge')).not.toHaveLength(0);
    expect(env.alice.errors).toEqual([]);
  });

  it('consult transfer to a colleague chosen by presence: both legs with Complete and Cancel; Cancel goes back to the caller', async () => {
    const { callId, mine } = await answered();
    const chooser = mine.locator('select[data-action="transfer-colleague"]');
    await textBecomes(chooser, /Bruno Petit \(7002\) · Available/);
    await chooser.selectOption('7002');
    await expect(mine.locator('.bandeau-bar__transfer input').inputValue()).resolves.toBe('7002');
    await mine.locator('[data-action="attended-transfer"]').click();
    const consulting = await inState(env.alice.tab, callId, 'transferring');
    const legs = consulting.locator('.bandeau-bar__legs');
    await textBecomes(legs.locator('[data-leg="held"]'), /Camille Durand\s*On hold/);
    await textBecomes(legs.locator('[data-leg="consulted"]'), /Consulting Bruno Petit \(7002\)\s*Ringing/);
    await inState(env.bruno.tab, callId, 'ringing');
    await expect(consulting.locator('[data-action="hangup"]').textContent()).resolves.toBe('Complete transfer');
    await expect(enabled(consulting, 'cancel-transfer')).resolves.toBe(true);
    await env.phone.answer(callId, '7002');
    await textBecomes(legs.locator('[data-leg="consulted"]'), /Consulting Bruno Petit \(7002\)\s*Talking/);
    await inState(env.bruno.tab, callId, 'answered');
    await shot(env.alice.tab, SHOTS, 'controls-consult-transfer');

    await consulting.locator('[data-action="cancel-transfer"]').click();
    await inState(env.alice.tab, callId, 'answered');
    await gone(env.bruno.tab, callId);
    expect((await env.phone.actions()).filter((a) => a.Action === 'CancelAtxfer')).toHaveLength(1);
  });

  it('consult transfer, Complete: the caller goes to the colleague, the call leaves the transferring bar', async () => {
    const { callId, mine } = await answered();
    await mine.locator('.bandeau-bar__transfer input').fill('7002');
    await mine.locator('[data-action="attended-transfer"]').click();
    const consulting = await inState(env.alice.tab, callId, 'transferring');
    await env.phone.answer(callId, '7002');
    await textBecomes(consulting.locator('[data-leg="consulted"]'), /Talking/);
    await consulting.locator('[data-action="hangup"]').click();
    await gone(env.alice.tab, callId);
    const his = await inState(env.bruno.tab, callId, 'answered');
    await expect(his.locator('.bandeau-bar__call-label').textContent()).resolves.toContain('Camille Durand');
  });

  it('blind transfer: gone from the transferring agent\'s bar, ringing (not "Transferred") in the target\'s', async () => {
    const { callId, mine } = await answered();
    await mine.locator('.bandeau-bar__transfer input').fill('7002');
    await mine.locator('.bandeau-bar__transfer input').press('Enter');
    await gone(env.alice.tab, callId);
    const target = await inState(env.bruno.tab, callId, 'ringing');
    await textBecomes(target.locator('.bandeau-bar__call-state'), 'Ringing');
    await expect(env.alice.tab.locator('.bandeau-bar__notice').isVisible()).resolves.toBe(false);
  });

  it('a refusal is a sentence in the agent\'s language: Resume of a hold made on the phone, in French', async () => {
    const fr = await env.agentTab(1, 'fr_FR');
    try {
      const f = await env.phone.record('hold'); // Alice (7001) calls Bruno; her phone puts him on hold
      await env.phone.step(f.id);
      await inState(fr.tab, f.callId!, 'answered');
      await env.phone.step(f.id);
      const held = await inState(fr.tab, f.callId!, 'held');
      await held.locator('[data-action="hold"]').click();
      const said = await textBecomes(held.locator('.bandeau-bar__call-error'), /\S/);
      expect(said).toBe('Cet appel a été mis en attente depuis le téléphone : reprenez-le depuis le téléphone.');
      // The English tab of the same agent says it in English, and neither shows the code.
      const en = await inState(env.alice.tab, f.callId!, 'held');
      await en.locator('[data-action="hold"]').click();
      await textBecomes(en.locator('.bandeau-bar__call-error'), 'This call was put on hold from the phone: take it back from the phone.');
      expect(fr.errors).toEqual([]);
    } finally {
      await fr.context.close();
    }
  });

  it('the bridge stops: everything that needs it is disabled; it restarts with a new secret: the bar reconnects by itself, no page load, and the call that ended meanwhile is gone', async () => {
    const { callId, mine } = await answered();
    await env.alice.tab.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));
    await env.alice.tab.locator('.bandeau-bar__dial input').fill('0123456789');
    await expect(env.alice.tab.locator('[data-action="dial"]').isEnabled()).resolves.toBe(true);

    const post = (p: string, form: Record<string, string> = {}) => fetch(env.demo.siteUrl + p, { method: 'POST', body: new URLSearchParams(form) }).then((r) => r.json());
    await expect(post('/demo/bridge/stop')).resolves.toEqual({ running: false });
    await env.alice.tab.waitForSelector('[data-bandeau-bar]:not([data-bandeau-state="connected"])', { timeout: 15_000 });
    for (const c of ['hangup', 'hold', 'keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(mine, c)).resolves.toBe(false);
    await expect(env.alice.tab.locator('[data-action="dial"]').isEnabled()).resolves.toBe(false);
    const problem = await textBecomes(env.alice.tab.locator('.bandeau-bar__problem'), /\S/, 20_000);
    expect(problem).toMatch(/^(The phone bridge is restarting\.|Cannot reach the phone bridge at http)/);
    await shot(env.alice.tab, SHOTS, 'controls-offline');
    // Meanwhile the call ends on the PBX: nobody tells the bar.
    await env.phone.hangup(callId);

    await expect(post('/demo/bridge/start', { rotateSecret: '1' })).resolves.toEqual({ running: true });
    await env.alice.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 45_000 });
    await gone(env.alice.tab, callId);
    await expect(env.alice.tab.locator('.bandeau-bar__problem').isVisible()).resolves.toBe(false);
    await expect(env.alice.tab.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).resolves.toBe(true);
    // The token the worker held was refused (another secret) and a new one was fetched from Magento.
    const metrics = await (await fetch(`${env.demo.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/bandeau_bridge_connections_refused_total\{reason="token_forged"\} [1-9]/);
    await expect(env.alice.tab.locator('[data-action="dial"]').isEnabled()).resolves.toBe(true);
    // Bruno's bar came back too, and controls work again.
    await env.bruno.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 45_000 });
    const again = await answered();
    await expect(enabled(again.mine, 'hold')).resolves.toBe(true);
    expect([...env.alice.errors, ...env.bruno.errors]).toEqual([]);
  });
});
