import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoWithAliceAndBruno } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { inState } from './helpers/barReading';
import { shot } from './helpers/screenshots';

/**
 * Presence that routes, on the demo (issue 13, point 7): the status an agent picks pauses or
 * resumes their queue membership on the PBX (QueuePause, as the demo's PBX answers it like
 * Asterisk's app_queue), the bar says what the status does, a call ringing while busy does not
 * pop, colleagues see each other's presence in the transfer list, and the PBX keeps the status
 * across a bridge restart. Alice Martin is 7001 (queue member Local/7001@from-queue/n), Bruno
 * Petit 7002.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

describe('presence that routes', () => {
  const env = demoWithAliceAndBruno();
  const status = (tab: Page) => tab.locator('.bandeau-bar__presence select');
  async function queuePause(after: number, paused: 'true' | 'false'): Promise<Record<string, string>> {
    for (let i = 0; i < 100; i++) {
      const found = (await env.phone.actions()).slice(after).find((a) => a.Action === 'QueuePause' && a.Paused === paused);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no QueuePause Paused: ${paused} on the AMI wire`);
  }

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it('Busy pauses Alice\'s queue membership on the PBX, the bar says what Busy does, Bruno sees it in his transfer list', async () => {
    const mark = (await env.phone.actions()).length;
    await status(env.alice.tab).selectOption('busy');
    expect(await queuePause(mark, 'true')).toMatchObject({ Interface: 'Local/7001@from-queue/n', Paused: 'true', Reason: 'busy' });
    await textBecomes(env.alice.tab.locator('.bandeau-bar__presence-note'), 'Busy: queue calls are paused; direct calls still ring your phone and show here without popping up.');
    // Each status says what it does where it is chosen too.
    await expect(status(env.alice.tab).locator('option[value="dnd"]').getAttribute('title')).resolves.toMatch(/^Do not disturb: queue calls are paused/);

    const callId = await env.phone.ring('+33612345678', '7002');
    await env.phone.answer(callId, '7002');
    const his = await inState(env.bruno.tab, callId, 'answered');
    const chooser = his.locator('select[data-action="transfer-colleague"]');
    await textBecomes(chooser, /Alice Martin \(7001\) · Busy/);
    await shot(env.alice.tab, SHOTS, 'presence-busy');
  });

  it('while busy a direct call still shows but does not pop (no tab title); available again it does, and the queue is resumed', async () => {
    await status(env.alice.tab).selectOption('busy');
    await env.alice.tab.locator('.bandeau-bar__presence-note').waitFor();
    const title = await env.alice.tab.title();
    const quiet = await env.phone.ring('+33612345678', '7001');
    await inState(env.alice.tab, quiet, 'ringing');
    await new Promise((r) => setTimeout(r, 500));
    await expect(env.alice.tab.title()).resolves.toBe(title);
    await env.phone.hangup(quiet);

    const mark = (await env.phone.actions()).length;
    await status(env.alice.tab).selectOption('available');
    expect(await queuePause(mark, 'false')).toMatchObject({ Interface: 'Local/7001@from-queue/n', Paused: 'false' });
    await env.alice.tab.locator('.bandeau-bar__presence-note').waitFor({ state: 'hidden' });
    const loud = await env.phone.ring('+33612345678', '7001');
    await inState(env.alice.tab, loud, 'ringing');
    await env.alice.tab.waitForFunction((t) => document.title !== t, title);
    await env.phone.hangup(loud);
  });

  it('Do not disturb, in French: the option and what it does', async () => {
    const fr = await env.agentTab(2, 'fr_FR');
    try {
      await expect(status(fr.tab).locator('option[value="dnd"]').textContent()).resolves.toBe('Ne pas déranger');
      await status(fr.tab).selectOption('dnd');
      await textBecomes(
        fr.tab.locator('.bandeau-bar__presence-note'),
        "Ne pas déranger : les appels des files sont suspendus et le bandeau reste silencieux ; les appels directs sonnent toujours sur votre téléphone, sauf si « ne pas déranger » y est activé.",
      );
      await shot(fr.tab, SHOTS, 'presence-dnd-fr');
      await status(fr.tab).selectOption('available');
      await fr.tab.locator('.bandeau-bar__presence-note').waitFor({ state: 'hidden' });
      expect(fr.errors).toEqual([]);
    } finally {
      await fr.context.close();
    }
  });

  it('the status outlives a bridge restart: the PBX kept the queue paused and the bridge reads it back', async () => {
    await status(env.alice.tab).selectOption('away');
    await textBecomes(env.alice.tab.locator('.bandeau-bar__presence-note'), /^Away: /);
    const post = (p: string) => fetch(env.demo.siteUrl + p, { method: 'POST' }).then((r) => r.json());
    await post('/demo/bridge/stop');
    await env.alice.tab.waitForSelector('[data-bandeau-bar]:not([data-bandeau-state="connected"])', { timeout: 15_000 });
    await post('/demo/bridge/start');
    await env.alice.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 45_000 });
    await textBecomes(env.alice.tab.locator('.bandeau-bar__presence-note'), /^Away: /);
    await expect(status(env.alice.tab).inputValue()).resolves.toBe('away');
    await env.bruno.tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 45_000 });
    await status(env.alice.tab).selectOption('available');
    expect([...env.alice.errors, ...env.bruno.errors]).toEqual([]);
  });
});
