/**
 * Call routing in a running demo (issue 15, point 5): the routing server answers FastAGI requests
 * for the demo's customers with the shipped rules, the Demo PBX's inbound call asks it first with
 * its caller channel's Uniqueid, and tryRoute.ts shows the exchange.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createLogger } from '../../../bridge/src/logger';
import { runDemo, type RunningDemo } from '../../../bridge/src/demo/runDemo';
import { demoBanner } from '../../../bridge/src/demo/banner';
import { tryRoute } from '../../../bridge/src/demo/tryRoute';
import { runFastAgi } from '../../../bridge/src/testpeer/agiClient';

describe('call routing in the demo', () => {
  let d: RunningDemo;
  let port = 0;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, routingPort: 0, tokenTtlS: 600, logger: createLogger('silent') });
    port = Number(/^agi:\/\/127\.0\.0\.1:(\d+)\/route$/.exec(d.routingUrl ?? '')?.[1]);
  }, 60_000);
  afterAll(() => d.stop());

  const ask = async (callerId: string | null) => {
    const r = await runFastAgi({ port, callerId, dnid: '7001', timeoutMs: 10_000 });
    expect(r.agiStatus).toBe('SUCCESS');
    return Object.fromEntries([...r.variables].filter(([k]) => k.startsWith('BANDEAU_')).map(([k, v]) => [k.replace('BANDEAU_', ''), v]));
  };

  it('listens on a free port when asked for 0, and says where in the banner', () => {
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(4573);
    const banner = demoBanner({ ...d, capturesDir: '/x' }, 1000);
    expect(banner).toContain(`Call routing     : agi://127.0.0.1:${port}/route`);
    expect(banner).toContain(`tryRoute.ts +33612345678 --port ${port}`);
  });

  it('routes each demo caller as the shipped rules say', async () => {
    expect(await ask('+33612345678')).toEqual({
      ROUTE: 'sales', ROUTE_REASON: 'rule', ROUTE_RULE: 'not_shipped', PRIORITY: '5', VIP: '0', CUSTOMER_ID: '2',
      CUSTOMER_NAME: 'Camille Durand', LANG: 'fr', MESSAGE: 'bandeau/order-being-prepared', ORDER: '000000102',
    });
    // As Asterisk sends a national number from a French trunk.
    expect(await ask('0612345678')).toMatchObject({ ROUTE: 'sales', CUSTOMER_ID: '2' });
    expect(await ask('+12122293326')).toMatchObject({ ROUTE: 'vip', ROUTE_RULE: 'vip', PRIORITY: '10', VIP: '1', LANG: 'en', MESSAGE: 'bandeau/welcome-back' });
    expect(await ask('+4930901820')).toMatchObject({ ROUTE: 'support', ROUTE_RULE: 'delivered_recently', PRIORITY: '3', ORDER: '000000103', MESSAGE: 'bandeau/order-on-its-way' });
    expect(await ask('+33184881234')).toMatchObject({ ROUTE: 'default', ROUTE_REASON: 'no_match', ROUTE_RULE: '', CUSTOMER_NAME: 'Lea Lefevre', LANG: 'fr', MESSAGE: '' });
    expect(await ask('+33123456789')).toMatchObject({ ROUTE: 'default', ROUTE_REASON: 'unknown_number', CUSTOMER_ID: '', LANG: '' });
    expect(await ask(null)).toMatchObject({ ROUTE: 'default', ROUTE_REASON: 'no_caller_id' });
  });

  it("the Demo PBX's inbound call asks the routing server with its caller channel's Uniqueid, then rings", async () => {
    const res = await fetch(`${d.siteUrl}/demo/pbx/ring`, { method: 'POST', body: new URLSearchParams({ from: '+33612345678', to: '7001' }) });
    const ring = (await res.json()) as { callId: string; routing: { variables: Array<[string, string]>; agiStatus: string; ms: number } };
    expect(ring.routing.agiStatus).toBe('SUCCESS');
    expect(ring.routing.variables.map(([k]) => k)).toEqual([
      'BANDEAU_ROUTE', 'BANDEAU_ROUTE_REASON', 'BANDEAU_ROUTE_RULE', 'BANDEAU_PRIORITY', 'BANDEAU_VIP',
      'BANDEAU_CUSTOMER_ID', 'BANDEAU_CUSTOMER_NAME', 'BANDEAU_LANG', 'BANDEAU_MESSAGE', 'BANDEAU_ORDER',
    ]);
    expect(Object.fromEntries(ring.routing.variables)).toMatchObject({ BANDEAU_ROUTE: 'sales', BANDEAU_ORDER: '000000102' });
    // The caller's channel is the call's first (its Uniqueid is the Linkedid, the call id), and it
    // existed before the AGI request: the AGI's agi_uniqueid is that channel's Uniqueid.
    const channels = d.peer.channels;
    const trunk = channels.find((c) => c.uniqueid === ring.callId);
    expect(trunk).toMatchObject({ callerNum: '+33612345678', linkedid: ring.callId });
    expect(channels.some((c) => c.name.startsWith('PJSIP/7001-') && c.linkedid === ring.callId)).toBe(true);
    await fetch(`${d.siteUrl}/demo/pbx/hangup`, { method: 'POST', body: new URLSearchParams({ callId: ring.callId }) });
  });

  it('tryRoute.ts prints the exchange and the variables, and fails clearly with nobody listening', async () => {
    const lines: string[] = [];
    expect(await tryRoute(['+4930901820', '--port', String(port)], (l) => lines.push(l))).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('-> agi_callerid: +4930901820');
    expect(out).toContain('<- SET VARIABLE BANDEAU_ROUTE "support"\n-> 200 result=1');
    expect(out).toContain('BANDEAU_ROUTE_RULE=delivered_recently');
    expect(out).toContain('AGISTATUS=SUCCESS');
    const none: string[] = [];
    expect(await tryRoute(['+4930901820', '--port', '1'], (l) => none.push(l))).toBe(1);
    expect(none.join('\n')).toMatch(/could not connect to 127\.0\.0\.1:1/);
    expect(await tryRoute([], () => undefined)).toBe(2);
  });

  it("the README's nc exchange gets the ten SET VARIABLE lines (run with nc where installed, else its bytes over a socket)", async () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const block = /```sh\n(\{ printf 'agi_network[^]*?\| nc -q 2 127\.0\.0\.1 4573)\n```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const script = block!.replace('127.0.0.1 4573', `127.0.0.1 ${port}`);
    let out: string;
    if (spawnSync('sh', ['-c', 'command -v nc']).status === 0) {
      // Asynchronously: the routing server runs in this process.
      out = (await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8', timeout: 15_000 })).stdout;
    } else {
      // The same bytes: the request block, a second's pause, ten answers.
      const request = /printf '([^']*)'/.exec(script)![1]!.replace(/\\n/g, '\n');
      out = await new Promise<string>((resolve, reject) => {
        let got = '';
        const s = net.connect(port, '127.0.0.1', () => {
          s.write(request);
          setTimeout(() => s.end('200 result=1\n'.repeat(10)), 1000);
        });
        s.on('data', (c: Buffer) => (got += c.toString()));
        s.on('close', () => resolve(got));
        s.on('error', reject);
      });
    }
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('SET VARIABLE BANDEAU_ROUTE "sales"');
    expect(lines[9]).toBe('SET VARIABLE BANDEAU_ORDER "000000102"');
  });
});
