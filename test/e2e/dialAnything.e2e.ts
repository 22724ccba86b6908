import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';
import { textBecomes } from './helpers/waitFor';

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

/** The bar's own elements (the first-paint picture lives in a closed shadow root, out of reach). */
const bar = (tab: Page) => tab.locator('[data-bandeau-bar]');
const dialInput = (tab: Page) => bar(tab).locator('.bandeau-bar__dial input[type="text"]');

async function originateAfter(phone: ReturnType<typeof pbx>, before: number): Promise<Record<string, string>> {
  for (let i = 0; i < 100; i++) {
    const found = (await phone.actions()).slice(before).find((a) => a.Action === 'Originate');
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no Originate reached the PBX');
}

describe('dial anything an agent dials (issue 13, point 4)', () => {
  const env = demoWithBrowser();

  it("dials a colleague's extension: both bars name the other person", async () => {
    const phone = pbx(env.demo.siteUrl);
    const alice = await openAgentTab(env, 1);
    const bruno = await openAgentTab(env, 2);
    const before = (await phone.actions()).length;
    await dialInput(alice.tab).fill('7002');
    await bar(alice.tab).locator('[data-action="dial"]').click();
    expect(await originateAfter(phone, before)).toMatchObject({ Channel: 'PJSIP/7001', Exten: '7002', Context: 'from-internal' });
    // Accepted: the box empties; Alice's call names Bruno, Bruno's names Alice.
    await textBecomes(bar(alice.tab).locator('.bandeau-bar__call-label').first(), 'Internal call with Bruno Petit');
    await textBecomes(bar(bruno.tab).locator('.bandeau-bar__call-label').first(), 'Internal call with Alice Martin');
    expect(await dialInput(alice.tab).inputValue()).toBe('');
    await phone.hangup();
    expect([...alice.errors, ...bruno.errors]).toEqual([]);
    await alice.context.close();
    await bruno.context.close();
  });

  it('a refused entry stays in the box with the reason as a sentence; a feature code goes through', async () => {
    const phone = pbx(env.demo.siteUrl);
    const alice = await openAgentTab(env, 1);
    const error = bar(alice.tab).locator('.bandeau-bar__dial-error');
    for (const [typed, sentence] of [
      ['1', 'This is neither a phone number nor an extension you may call.'],
      ['06 12 34', 'This is not a valid phone number. For another country, start with + and its code.'],
      ['*9', 'This feature code is not allowed.'],
      ['7001', 'This is your own extension.'],
    ] as const) {
      await dialInput(alice.tab).fill(typed);
      await dialInput(alice.tab).press('Enter');
      await textBecomes(error, sentence);
      expect(await dialInput(alice.tab).inputValue()).toBe(typed);
      expect(await dialInput(alice.tab).getAttribute('aria-invalid')).toBe('true');
    }
    // Typing again clears the sentence; an allowed feature code (voicemail) is dialled.
    const before = (await phone.actions()).length;
    await dialInput(alice.tab).fill('*97');
    expect(await error.isVisible()).toBe(false);
    await dialInput(alice.tab).press('Enter');
    expect(await originateAfter(phone, before)).toMatchObject({ Exten: '*97' });
    await phone.hangup();
    expect(alice.errors).toEqual([]);
    await alice.context.close();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    it(`searching a name or an order number lists people to call in one click (${viewport.width}×${viewport.height})`, async () => {
      const phone = pbx(env.demo.siteUrl);
      const alice = await openAgentTab(env, 1, viewport);
      const results = bar(alice.tab).locator('.bandeau-bar__result');
      await dialInput(alice.tab).fill('Durand');
      await results.first().waitFor();
      await textBecomes(results.first().locator('.bandeau-bar__result-name'), 'Camille Durand');
      const call = results.first().locator('[data-action="call-result"]');
      expect(await call.textContent()).toBe('06 12 34 56 78');
      expect(await call.getAttribute('aria-label')).toBe('Call Camille Durand on 06 12 34 56 78');
      // A name is not dialled from the box: the agent picks a person.
      await dialInput(alice.tab).press('Enter');
      await textBecomes(bar(alice.tab).locator('.bandeau-bar__dial-error'), 'Pick a person below to call them, or type a number.');
      mkdirSync(SHOTS, { recursive: true });
      await alice.tab.screenshot({ path: path.join(SHOTS, `dial-search-${viewport.width}x${viewport.height}.png`) });

      const before = (await phone.actions()).length;
      await call.click();
      expect(await originateAfter(phone, before)).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+33612345678' });
      await results.first().waitFor({ state: 'detached' });
      expect(await dialInput(alice.tab).inputValue()).toBe('');
      await phone.hangup();

      // An order number finds its buyer, with the order.
      await dialInput(alice.tab).fill('102');
      await textBecomes(results.first().locator('.bandeau-bar__result-detail'), 'Order #000000102 · camille.durand@example.fr');
      // Nobody: said plainly.
      await dialInput(alice.tab).fill('Nobodyhere');
      await textBecomes(bar(alice.tab).locator('.bandeau-bar__dial-hint'), 'Nobody found for Nobodyhere.');
      expect(await results.count()).toBe(0);
      expect(alice.errors).toEqual([]);
      await alice.context.close();
    });
  }
});
