import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { gone } from './helpers/barReading';
import { shot } from './helpers/screenshots';

/**
 * Issue 19: the demo with the generic JSON webhook driver (`npm run demo -- --pbx webhook`). It
 * prints the webhook's URL and shared token; the README's curl sequence, run as written, rings
 * Alice's bar with Camille Durand's card, answers and ends the call, and the call lands in the
 * demo's call log. The driver declares no capability: the bar shows the call without any control.
 */
const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const CAMILLE = '+33612345678';

/** The curl lines between the README's webhook-demo markers. */
function readmeCurls(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- webhook-demo:start -->\s*```sh\n([\s\S]*?)```\s*<!-- webhook-demo:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no webhook-demo block');
  return block[1]!.split('\n').filter((l) => l.startsWith('curl '));
}

interface LoggedCall {
  call_id: string;
  direction: string;
  from?: string | null;
  disposition?: string | null;
  customer_id?: number | null;
}

describe('the demo with the generic webhook driver', () => {
  const env = demoWithBrowser(() => ['--pbx', 'webhook']);
  let token = '';
  let bridge = '';

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    const out = env.demo.output();
    token = /Webhook token\s*:\s*(\S+)/.exec(out)?.[1] ?? '';
    bridge = env.demo.bridgeUrl;
  });

  it('prints the webhook URL and its shared token at start', () => {
    const out = env.demo.output();
    expect(out).toContain(`PBX              : generic JSON webhook, POST ${env.demo.bridgeUrl}/pbx/webhook/generic`);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
  });

  it("the README's curl sequence rings the agent's bar with the caller's card, and the call lands in the log", async () => {
    const { context, tab, errors } = await openAgentTab(env, 1, { width: 1440, height: 900 });
    const [ring, answer, hangup] = readmeCurls();
    expect([ring, answer, hangup].every(Boolean)).toBe(true);
    const curl = (line: string): Record<string, unknown> =>
      JSON.parse(execFileSync('sh', ['-c', line], { env: { PATH: process.env.PATH, TOKEN: token, BRIDGE: bridge }, encoding: 'utf8' })) as Record<string, unknown>;

    expect(curl(ring!)).toEqual({ ok: true, event: 'ringing', callId: 'generic-demo-1' });
    const row = tab.locator('.bandeau-bar__call[data-call-id="generic-demo-1"]');
    await textBecomes(row.locator('.bandeau-bar__call-state'), 'Ringing');
    const card = row.locator('.bandeau-bar__card');
    await card.waitFor({ timeout: 10_000 });
    await expect(card.getAttribute('data-customer-id')).resolves.toBe('2');
    await expect(card.textContent()).resolves.toContain('Camille Durand');
    // Nothing the PBX cannot do: no Decline on the ringing call.
    await expect(row.locator('[data-action="decline"]').count()).resolves.toBe(0);
    await tab.screenshot({ path: path.join(SHOTS, 'webhook-demo-ringing-1440x900.png') });

    expect(curl(answer!)).toMatchObject({ ok: true, event: 'answered' });
    await textBecomes(row.locator('.bandeau-bar__call-state'), 'In call');
    // Answered: hang up, hold, keypad and transfer are all hidden (the generic webhook commands nothing).
    for (const action of ['hangup', 'hold', 'keypad', 'blind-transfer', 'attended-transfer']) {
      await expect(row.locator(`[data-action="${action}"]`).isVisible()).resolves.toBe(false);
    }
    await expect(row.locator('.bandeau-bar__transfer').isVisible()).resolves.toBe(false);
    await shot(tab, SHOTS, 'webhook-demo-answered');

    expect(curl(hangup!)).toMatchObject({ ok: true, event: 'ended' });
    await gone(tab, 'generic-demo-1');
    let logged: LoggedCall | undefined;
    for (let i = 0; i < 100 && !logged?.disposition; i++) {
      const log = (await (await fetch(`${env.demo.siteUrl}/demo/call-log`)).json()) as LoggedCall[];
      logged = log.find((c) => c.call_id === 'generic-demo-1');
      if (!logged?.disposition) await new Promise((r) => setTimeout(r, 100));
    }
    expect(logged).toMatchObject({ call_id: 'generic-demo-1', direction: 'inbound', from: CAMILLE, disposition: 'answered', customer_id: 2 });

    // Replayed as is, the README's first line is refused and changes nothing.
    expect(curl(ring!)).toEqual({ error: { code: 'replayed', message: 'a newCall for this callId was already received' } });
    expect(errors).toEqual([]);
    await context.close();
  });
});
