import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callsTableMarkup, DemoCallLog } from '../../../bridge/src/demo/demoCallLog';
import { demoDirectory } from '../../../bridge/src/demo/directory';

/** The demo site's stand-in for the module's call log (Calls tab, REST for the bridge's outbox). */
describe('demo call log', () => {
  const base = { call_id: 'c1', direction: 'inbound' as const, started_at: '2026-11-30T10:00:00Z' };

  it('upserts on call_id as the module does: null or absent fields keep what is stored, unknown customers are dropped', () => {
    const log = new DemoCallLog(demoDirectory(), 't');
    log.saveNote('c1', 'Wants a refund', 1);
    log.upsert({ ...base, from: '+33612345678', customer_id: 2, disposition: 'answered', talk_s: 75, note: null });
    log.upsert({ ...base, customer_id: 999, talk_s: null });
    expect(log.forCustomer(2)).toEqual([expect.objectContaining({ call_id: 'c1', from: '+33612345678', talk_s: 75, note: 'Wants a refund', agent_user_id: 1 })]);
    expect(log.forCustomer(999)).toEqual([]);
  });

  it('lists a customer\'s calls newest first', () => {
    const log = new DemoCallLog(demoDirectory(), 't');
    log.upsert({ ...base, call_id: 'old', customer_id: 2 });
    log.upsert({ ...base, call_id: 'new', customer_id: 2, started_at: '2026-11-30T11:00:00Z' });
    expect(log.forCustomer(2).map((c) => c.call_id)).toEqual(['new', 'old']);
  });

  it('looks a shared number up as the module\'s REST lookup answers: every customer, most recent first', () => {
    const log = new DemoCallLog(demoDirectory(), 't');
    expect(log.lookup('01 84 88 12 34').matches.map((m) => m.customer_id)).toEqual([6, 5]);
    expect(log.lookup('+33612345678')).toMatchObject({ phone: '+33612345678', matches: [{ customer_id: 2, name: 'Camille Durand' }] });
    expect(log.lookup('nonsense').matches).toEqual([]);
  });

  it('answers the REST routes with the integration token only, and refuses a record that breaks the contract', async () => {
    const log = new DemoCallLog(demoDirectory(), 'secret-token');
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = () => new Promise<string>((resolve) => {
        let s = '';
        req.on('data', (c: Buffer) => (s += c.toString()));
        req.on('end', () => resolve(s));
      });
      void log.handle(req, url.pathname, url, body, (status, b) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      }).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`;
    const post = (call: unknown, token = 'secret-token') =>
      fetch(`${root}/V1/bandeau/calls`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ call }) });
    try {
      expect((await post(base, 'wrong')).status).toBe(401);
      const bad = await post({ ...base, direction: 'sideways' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(/direction/);
      expect((await post({ ...base, customer_id: 3 })).status).toBe(200);
      expect(log.forCustomer(3)).toHaveLength(1);
      const lookup = (body: string) => fetch(`${root}/V1/bandeau/lookup`, { method: 'POST', headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' }, body });
      const found = await lookup(JSON.stringify({ phone: '+4930901820' }));
      expect(await found.json()).toMatchObject({ matches: [{ customer_id: 3 }] });
      expect((await lookup('{}')).status).toBe(400);
      // The number in the URL (issue 14, point 5): not routed, as Magento's REST answers.
      const byGet = await fetch(`${root}/V1/bandeau/lookup?phone=%2B4930901820`, { headers: { authorization: 'Bearer secret-token' } });
      expect(byGet.status).toBe(404);
      expect(await byGet.json()).toEqual({ message: 'Request does not match any route.' });
      expect((await fetch(`${root}/V1/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('renders the Calls tab as the module\'s table, every value escaped', () => {
    const html = callsTableMarkup([{ ...base, from: '<b>+1</b>', agent_extension: '7001', disposition: 'missed', note: 'a & b\n<script>' }], (s) => (s === 'Missed' ? 'Manqué' : s));
    expect(html).toContain('<th>Started</th><th>Direction</th><th>Number</th><th>Agent</th><th>Result</th><th>Duration</th><th>Wrap-up</th>');
    expect(html).toContain('<td>&lt;b&gt;+1&lt;/b&gt;</td>');
    expect(html).toContain('<td>Manqué</td>');
    expect(html).toContain('a &amp; b<br>\n&lt;script&gt;');
    expect(html).toContain('<time datetime="2026-11-30T10:00:00Z">2026-11-30 10:00:00</time>');
    expect(callsTableMarkup([], (s) => s)).toContain('No calls yet.');
  });
});
