import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { visibleBox } from './helpers/waitFor';
import { pbx } from './helpers/demoPbx';

/**
 * Issue 15, point 6: the agent sees why a routed call came to them, on the call's card and, while
 * it rings, on the collapsed bar's strip. The demo's inbound call asks the bridge's routing server
 * (FastAGI) first; Camille Durand's order 000000102 is not shipped, so the default rules send her
 * to `sales`. Screenshots at 1440×900 and 1024×700, expanded and collapsed.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const CAMILLE = '+33612345678';
const SENTENCE = 'Order #000000102 not shipped → sales';

describe('phone bar: why a routed call came to the agent (issue 15)', () => {
  const env = demoWithBrowser();
  let phone: ReturnType<typeof pbx>;
  beforeAll(() => {
    phone = pbx(env.demo.siteUrl);
    mkdirSync(SHOTS, { recursive: true });
  });
  beforeEach(async () => {
    await phone.hangup();
  });

  async function collapse(tab: Page): Promise<void> {
    await tab.locator('.bandeau-bar__toggle').click();
    await tab.locator('.bandeau-bar__body').waitFor({ state: 'hidden' });
  }

  it.each([
    [1440, 900],
    [1024, 700],
  ])('a ringing call says why, expanded and collapsed, at %i×%i', async (width, height) => {
    const { context, tab, errors } = await openAgentTab(env, 1, { width, height });
    const callId = await phone.ring(CAMILLE, '7001');
    const call = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`);
    const route = call.locator('.bandeau-bar__route');
    await route.waitFor({ timeout: 15_000 });
    await expect(route.textContent()).resolves.toBe(SENTENCE);
    await expect(route.getAttribute('data-route')).resolves.toBe('sales');
    await expect(route.getAttribute('title')).resolves.toBe('Why this call came to you');
    await call.locator('.bandeau-bar__card').waitFor();
    // Still a compact call: the reason is one more short line.
    if (width === 1440) expect((await visibleBox(call)).height).toBeLessThanOrEqual(280);
    await tab.screenshot({ path: path.join(SHOTS, `route-ringing-${width}x${height}.png`) });
    await collapse(tab);
    const strip = tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"] .bandeau-strip__route`);
    await strip.waitFor();
    await expect(strip.textContent()).resolves.toBe(SENTENCE);
    // On a line of its own, inside the bar, under the caller.
    const caller = await visibleBox(tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"] .bandeau-strip__caller`));
    const line = await visibleBox(strip);
    expect(line.y).toBeGreaterThanOrEqual(caller.y + caller.height - 6);
    expect(line.x + line.width).toBeLessThanOrEqual(width);
    await tab.screenshot({ path: path.join(SHOTS, `route-ringing-collapsed-${width}x${height}.png`) });
    await phone.hangup(callId);
    await tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"]`).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in French, and for a VIP and an unknown number', async () => {
    const { context, tab, errors } = await openAgentTab(env, 1, { width: 1440, height: 900 }, 'fr_FR');
    const callId = await phone.ring(CAMILLE, '7001');
    const route = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"] .bandeau-bar__route`);
    await route.waitFor({ timeout: 15_000 });
    await expect(route.textContent()).resolves.toBe('Commande n° 000000102 non expédiée → sales');
    await phone.hangup(callId);
    for (const [from, sentence] of [
      ['+12122293326', 'Client VIP → vip'],
      ['+33999999999', 'Numéro inconnu → default'],
    ] as const) {
      const id = await phone.ring(from, '7001');
      const r = tab.locator(`.bandeau-bar__call[data-call-id="${id}"] .bandeau-bar__route`);
      await r.waitFor({ timeout: 15_000 });
      await expect(r.textContent()).resolves.toBe(sentence);
      await phone.hangup(id);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
