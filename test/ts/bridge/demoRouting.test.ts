import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoCallLog } from '../../../bridge/src/demo/demoCallLog';
import { demoDirectory } from '../../../bridge/src/demo/directory';
import { demoRoutingFacts, demoRoutingRules } from '../../../bridge/src/demo/demoRouting';
import { RoutingFacts, RoutingRules } from '../../../bridge/src/routing/facts';
import { evaluate } from '../../../bridge/src/routing/rules';

const NOW = Date.parse('2026-12-01T10:00:00Z');

/** The demo's stand-in for the module's routing REST routes, from the demo directory. */
describe('demo routing facts and rules', () => {
  const dir = demoDirectory();

  it('Camille Durand: French store view, Wholesale, 000000102 open and not shipped, 000000104 shipped 2 days ago', () => {
    expect(demoRoutingFacts(dir, '06 12 34 56 78', NOW)).toEqual({
      phone: '+33612345678',
      known: true,
      customer: { id: 2, name: 'Camille Durand', group_id: 2, store_id: 2, locale: 'fr_FR', lifetime_sales: 3410.5, open_cart: true },
      orders: [
        { increment_id: '000000104', state: 'processing', status: 'processing', created_at: '2026-11-21T17:25:00Z', shipped: true, store_id: 2 },
        { increment_id: '000000102', state: 'new', status: 'pending', created_at: '2026-11-19T15:47:00Z', shipped: false, store_id: 2 },
      ],
      last_shipment: { order_increment_id: '000000104', shipped_at: '2026-11-29T10:00:00Z' },
    });
  });

  it('Veronica Costello is in the VIP group; Jonas Weber has no open order and a parcel delivered 3 days ago', () => {
    const vip = demoRoutingFacts(dir, '+12122293326', NOW);
    expect(vip.customer).toMatchObject({ id: 1, group_id: 4, locale: 'en_US' });
    expect(demoRoutingRules().vip_group_ids).toEqual([4]);
    const jonas = demoRoutingFacts(dir, '+4930901820', NOW);
    expect(jonas).toMatchObject({ known: true, orders: [], last_shipment: { order_increment_id: '000000103', shipped_at: '2026-11-28T10:00:00Z' } });
  });

  it('a shared number gives its most recent customer; an unknown or unreadable number is unknown', () => {
    expect(demoRoutingFacts(dir, '+33184881234', NOW)).toMatchObject({ known: true, customer: { id: 6 }, orders: [], last_shipment: null });
    expect(demoRoutingFacts(dir, '+33123456789', NOW)).toEqual({ phone: '+33123456789', known: false, customer: null, orders: [], last_shipment: null });
    expect(demoRoutingFacts(dir, 'anonymous', NOW)).toMatchObject({ known: false, customer: null });
  });

  it('the rules are the shipped defaults, versioned by their content', () => {
    const r = demoRoutingRules();
    expect(r.rules.map((x) => [x.code, x.route, x.priority])).toEqual([
      ['vip', 'vip', 10],
      ['not_shipped', 'sales', 5],
      ['payment_problem', 'sales', 5],
      ['delivered_recently', 'support', 3],
    ]);
    expect(r.version).toMatch(/^[0-9a-f]{32}$/);
    expect(demoRoutingRules().version).toBe(r.version);
    expect(r.fallback).toEqual({ route: 'default', priority: 0, message: '' });
  });

  it('the bodies pass the bridge\'s schemas, and its evaluator routes the demo callers as the README says', () => {
    const rules = RoutingRules.parse(demoRoutingRules());
    const decide = (phone: string) => {
      const d = evaluate(rules, RoutingFacts.parse(demoRoutingFacts(dir, phone, NOW)), NOW);
      return { route: d.route, reason: d.reason, rule: d.rule?.code ?? null, order: d.order, lang: d.lang, message: d.message, priority: d.priority, vip: d.vip };
    };
    expect(decide('+33612345678')).toEqual({ route: 'sales', reason: 'rule', rule: 'not_shipped', order: '000000102', lang: 'fr', message: 'bandeau/order-being-prepared', priority: 5, vip: false });
    expect(decide('+12122293326')).toEqual({ route: 'vip', reason: 'rule', rule: 'vip', order: '', lang: 'en', message: 'bandeau/welcome-back', priority: 10, vip: true });
    expect(decide('+4930901820')).toEqual({ route: 'support', reason: 'rule', rule: 'delivered_recently', order: '000000103', lang: 'en', message: 'bandeau/order-on-its-way', priority: 3, vip: false });
    expect(decide('+33184881234')).toMatchObject({ route: 'default', reason: 'no_match', rule: null, lang: 'fr' });
    expect(decide('+33123456789')).toMatchObject({ route: 'default', reason: 'unknown_number', rule: null, lang: '' });
  });

  it('answers the REST routes as Magento does: bearer token, POST facts, GET rules, other methods 404', async () => {
    const log = new DemoCallLog(dir, 'tok');
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = () =>
        new Promise<string>((resolve) => {
          let s = '';
          req.on('data', (c: Buffer) => (s += c.toString()));
          req.on('end', () => resolve(s));
        });
      void log.handle(req, url.pathname, url, body, (status, b) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/V1/bandeau/routing`;
    const call = (p: string, method: string, token = 'tok', body?: string) => fetch(root + p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body } : {}) });
    try {
      expect((await call('/rules', 'GET', 'nope')).status).toBe(401);
      expect((await call('/facts', 'POST', 'nope', '{"phone":"+33612345678"}')).status).toBe(401);
      const rules = await call('/rules', 'GET');
      expect(rules.status).toBe(200);
      expect(await rules.json()).toMatchObject({ vip_group_ids: [4], rules: expect.any(Array) });
      const facts = await call('/facts', 'POST', 'tok', '{"phone":"+33612345678"}');
      expect(await facts.json()).toMatchObject({ known: true, customer: { name: 'Camille Durand', locale: 'fr_FR' } });
      expect((await call('/facts', 'POST', 'tok', '{}')).status).toBe(400);
      expect((await call('/facts', 'POST', 'tok', 'not json')).status).toBe(400);
      expect((await call('/facts', 'GET')).status).toBe(404);
      expect((await call('/rules', 'POST', 'tok', '{}')).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
