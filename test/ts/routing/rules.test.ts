/**
 * The conformance fixture (test/fixtures/routing/cases.json), shared with Magento's PHP evaluator:
 * each case's rules and facts bodies go through the same validation as Magento's answers do, then
 * the evaluator; the decision must be the expected one, `why` included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RoutingFacts, RoutingRules } from '../../../bridge/src/routing/facts';
import { evaluate, langOf } from '../../../bridge/src/routing/rules';

interface Case {
  name: string;
  now: string;
  rules: unknown;
  facts: unknown;
  expect: Record<string, unknown>;
}

const cases = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/routing/cases.json'), 'utf8')) as Case[];

describe('routing conformance fixture', () => {
  it('has at least 25 cases covering every condition, reason and why code', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const keys = new Set<string>();
    for (const c of cases) for (const r of (c.rules as { rules: Array<{ conditions: Record<string, unknown> }> }).rules) for (const [k, v] of Object.entries(r.conditions)) if (v !== null) keys.add(k);
    expect([...keys].sort()).toEqual(['customer_group_ids', 'min_lifetime_sales', 'open_cart', 'order', 'order_statuses', 'shipped_within_days', 'store_ids', 'unknown_number', 'vip'].sort());
    const reasons = new Set(cases.map((c) => c.expect.reason));
    expect([...reasons].sort()).toEqual(['no_caller_id', 'no_match', 'rule', 'unknown_number']);
    const whys = new Set(cases.flatMap((c) => (c.expect.why as Array<{ code: string }>).map((w) => w.code)));
    expect([...whys].sort()).toEqual(
      ['customer_group', 'vip', 'not_vip', 'lifetime_sales', 'order_any_open', 'order_not_shipped', 'order_payment_problem', 'order_payment_review', 'order_holded', 'order_status', 'shipped_recently', 'open_cart', 'no_open_cart', 'store', 'unknown_number', 'known_number'].sort(),
    );
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rules = RoutingRules.parse(c.rules);
    const facts = c.facts === null ? null : RoutingFacts.parse(c.facts);
    const d = evaluate(rules, facts, new Date(c.now));
    expect({
      route: d.route,
      reason: d.reason,
      rule: d.rule?.code ?? null,
      priority: d.priority,
      message: d.message,
      order: d.order,
      vip: d.vip,
      lang: d.lang,
      customer_id: d.customer?.id ?? null,
      why: d.why,
    }).toEqual(c.expect);
    // The decision carries the customer's real name (ASCII only on the AGI side).
    if (facts?.customer) expect(d.customer?.name).toBe(facts.customer.name);
  });
});

describe('rule and facts validation', () => {
  const base = () => JSON.parse(JSON.stringify(cases[0]!.rules)) as { rules: Array<Record<string, unknown>>; fallback: Record<string, unknown> };

  it('refuses a route, rule code or fallback outside their patterns', () => {
    for (const [field, value] of [['route', 'sales;Hangup'], ['route', 'a'.repeat(33)], ['code', 'VIP'], ['code', 'x y']] as const) {
      const r = base();
      r.rules[0]![field] = value;
      expect(RoutingRules.safeParse(r).success).toBe(false);
    }
    const r = base();
    r.fallback.route = 'default\nEXEC Hangup';
    expect(RoutingRules.safeParse(r).success).toBe(false);
  });

  it('drops a message outside the sound-name pattern, keeps the rule', () => {
    for (const m of ['../x', '/etc/passwd', 'a/b/c/d/e', 'x.wav', 'a\nb', 'bandeau/../x', 'a"b']) {
      const r = base();
      r.rules[0]!.message = m;
      expect(RoutingRules.parse(r).rules[0]!.message).toBe('');
    }
    const r = base();
    r.rules[0]!.message = 'bandeau/order-on-its-way';
    expect(RoutingRules.parse(r).rules[0]!.message).toBe('bandeau/order-on-its-way');
  });

  it('refuses facts with a bad order id, a non-E.164 phone, or a time without zone', () => {
    const f = () => JSON.parse(JSON.stringify(cases[0]!.facts)) as Record<string, any>;
    const bad = [
      (x: any) => (x.orders[0].increment_id = '0001\r\nHANGUP'),
      (x: any) => (x.phone = '0612345678'),
      (x: any) => (x.orders[0].created_at = '2026-11-19 15:47:00'),
      (x: any) => (x.customer.group_id = -1),
      (x: any) => (x.orders = Array.from({ length: 21 }, () => x.orders[0])),
    ];
    for (const b of bad) {
      const x = f();
      b(x);
      expect(RoutingFacts.safeParse(x).success).toBe(false);
    }
    expect(RoutingFacts.safeParse(f()).success).toBe(true);
  });

  it('langOf keeps two letters of a locale', () => {
    expect(langOf('fr_FR')).toBe('fr');
    expect(langOf('EN')).toBe('en');
    expect(langOf('zh_Hans_CN')).toBe('zh');
    expect(langOf('')).toBe('');
    expect(langOf(null)).toBe('');
    expect(langOf('fra')).toBe('');
  });
});
