/**
 * The demo with the generic webhook driver (`npm run demo -- --pbx webhook`): its pages offer no
 * Demo PBX (whose buttons would ring an AMI peer this bridge does not hear) but a panel with the
 * curl commands a hosted PBX's events take, without the token; the banner prints them with it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createLogger } from '../../../bridge/src/logger';
import { demoBanner } from '../../../bridge/src/demo/banner';
import { runDemo, type RunningDemo } from '../../../bridge/src/demo/runDemo';

const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// Asynchronously: the bridge answering the command runs in this process.
const run = async (line: string, env: Record<string, string> = {}) =>
  JSON.parse((await promisify(execFile)('sh', ['-c', line], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' })).stdout) as Record<string, unknown>;

/** The curl commands printed under a numbered step of the banner. */
const curlsOfStep = (banner: string, step: number) => {
  const lines = banner.split('\n');
  const from = lines.findIndex((l) => l.startsWith(`  ${step}. `));
  const to = lines.findIndex((l, i) => i > from && /^ {2}\d+\. /.test(l));
  return lines
    .slice(from, to)
    .filter((l) => l.trim().startsWith('curl '))
    .map((l) => l.trim());
};

/** The webhook's answers to a call's ring, answer and hang-up. */
const oneCall = (callId: string) => ['ringing', 'answered', 'ended'].map((event) => ({ ok: true, event, callId }));

describe('the demo with the generic webhook driver', () => {
  let d: RunningDemo;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, tokenTtlS: 600, logger: createLogger('silent'), pbx: 'webhook' });
  }, 60_000);
  afterAll(() => d?.stop());

  it('shows the webhook panel instead of the Demo PBX, and the Demo PBX answers nothing', async () => {
    const page = await (await fetch(`${d.siteUrl}/admin/dashboard/`)).text();
    expect(page).not.toContain('/static/demo/pbx.js');
    expect(page).toContain('PBX: generic JSON webhook');
    expect(page).toContain(`${d.webhook!.url}`);
    // The shared token is a PBX credential: never in a page.
    expect(page).not.toContain(d.webhook!.token);
    const ring = await fetch(`${d.siteUrl}/demo/pbx/ring`, { method: 'POST', headers: { origin: d.siteUrl, 'content-type': 'application/x-www-form-urlencoded' }, body: 'from=%2B33612345678&to=7001' });
    expect(ring.status).toBe(404);
    expect(d.peer.channels.length).toBe(0);
  });

  it("the banner's commands ring, answer and end a call; the panel's are the same with $TOKEN", async () => {
    const banner = demoBanner({ ...d, capturesDir: '/x' }, 1000);
    expect(banner).not.toContain('Recorded flows');
    const printed = curlsOfStep(banner, 2);
    const answers = [];
    for (const l of printed) answers.push(await run(l));
    expect(answers).toEqual(oneCall('generic-c1'));
    const page = await (await fetch(`${d.siteUrl}/admin/dashboard/`)).text();
    const shown = unescape(/<pre[^>]*>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '').split('\n\n');
    expect(shown).toEqual(printed.map((l) => l.replace(d.webhook!.token, '$TOKEN')));
    // Sent with TOKEN set, the panel's first command reaches the webhook (the call is over: a replay).
    expect(await run(shown[0]!, { TOKEN: d.webhook!.token })).toMatchObject({ error: { code: 'replayed' } });
  });

  it("the banner's steps 3 and 7 say what to do with the webhook, not with the Demo PBX panel", async () => {
    const banner = demoBanner({ ...d, capturesDir: '/x' }, 1000);
    const step = (n: number) => banner.split('\n').find((l) => l.startsWith(`  ${n}. `)) ?? '';
    expect(step(3)).not.toMatch(/ring from|panel/i);
    expect(step(3)).toContain('+33184881234');
    expect(step(7)).not.toMatch(/panel/i);
    expect(step(7)).toContain('do not ask it');
    // Step 3's commands are a second call, from the shared number, that the webhook takes whole.
    const printed = curlsOfStep(banner, 3);
    expect(printed).toHaveLength(3);
    expect(printed[0]).toContain('"from":"+33184881234"');
    const answers = [];
    for (const l of printed) answers.push(await run(l));
    expect(answers).toEqual(oneCall('generic-c2'));
  });

  it('with the Demo PBX the banner keeps its panel steps', () => {
    const banner = demoBanner({ ...d, webhook: null, capturesDir: '/x' }, 1000);
    expect(banner).toContain('ring from "Hugo & Léa Lefèvre (shared number)"');
    expect(banner).toContain('the panel shows the answer');
    expect(banner).not.toContain('curl ');
  });
});
