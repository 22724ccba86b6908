/**
 * Issue 14, finding 12: the demo's own endpoints refuse cross-site requests and foreign Hosts,
 * and show no AMI login secret or digest. Real HTTP against a running demo (bridge, pages, AMI peer).
 */
import { createLogger } from '../../../bridge/src/logger';
import { runDemo, type RunningDemo } from '../../../bridge/src/demo/runDemo';

const EVIL = 'https://evil.example';

describe('the demo\'s endpoints (issue 14, finding 12)', () => {
  let d: RunningDemo;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, tokenTtlS: 600, logger: createLogger('silent') });
  }, 60_000);
  afterAll(() => d.stop());

  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${d.siteUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });

  it('refuses a cross-site POST to the Demo PBX and bridge controls, and nothing happens', async () => {
    const before = d.peer.channels.length;
    const ring = await post('/demo/pbx/ring', { from: '+33612345678', to: '7001' }, { origin: EVIL });
    expect(ring.status).toBe(403);
    expect(await ring.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(d.peer.channels.length).toBe(before);
    const stop = await post('/demo/bridge/stop', {}, { origin: EVIL });
    expect(stop.status).toBe(403);
    expect((await (await fetch(`${d.siteUrl}/demo/bridge`)).json())).toEqual({ running: true });
    // The demo page's own panel (same origin) still works.
    const own = await post('/demo/pbx/ring', { from: '+33612345678', to: '7001' }, { origin: d.siteUrl });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ callId: expect.any(String) });
    await post('/demo/pbx/hangup', {}, { origin: d.siteUrl });
  });

  it('refuses a foreign Host (DNS rebinding) on the demo pages', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(d.siteUrl);
      const req = http.request({ host: u.hostname, port: u.port, path: '/admin/dashboard/', headers: { host: `rebound.evil.example:${u.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect((await fetch(`${d.siteUrl}/admin/dashboard/`)).status).toBe(200);
  });

  it('shows no AMI secret or login digest in the action list or the pages', async () => {
    const actions = (await (await fetch(`${d.siteUrl}/demo/pbx/actions`)).json()) as Array<Record<string, string>>;
    const login = actions.find((a) => a.Action === 'Login');
    expect(login).toBeDefined();
    for (const a of actions) for (const k of Object.keys(a)) expect(k.toLowerCase()).not.toMatch(/^(secret|key)$/);
    // Whatever the peer received as credentials appears nowhere the browser can read.
    const raw = d.peer.actions.find((a) => a.headers.some(([k]) => k === 'Action') && a.headers.find(([k]) => k === 'Action')?.[1] === 'Login');
    const secrets = (raw?.headers ?? []).filter(([k]) => /^(secret|key)$/i.test(k)).map(([, v]) => v);
    expect(secrets.length).toBeGreaterThan(0);
    const page = await (await fetch(`${d.siteUrl}/admin/dashboard/`)).text();
    const panel = await (await fetch(`${d.siteUrl}/static/demo/pbx.js`)).text();
    for (const s of secrets) {
      expect(JSON.stringify(actions)).not.toContain(s);
      expect(page).not.toContain(s);
      expect(panel).not.toContain(s);
    }
  });
});
