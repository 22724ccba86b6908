import type { RouteDecision, RouteReason, RouteWhy } from './contract';
import type { OrderCondition, RoutingFacts, RoutingOrder, RoutingRule, RoutingRules } from './facts';

/**
 * The rule evaluator: pure, synchronous, no allocation beyond the decision. The same semantics as
 * Magento's evaluator behind the admin's "test a number" box; both pass
 * test/fixtures/routing/cases.json. First active rule whose every present condition holds wins.
 */

const DAY_MS = 86_400_000;
const NOT_SHIPPED_STATES = new Set(['new', 'processing', 'pending_payment', 'payment_review', 'holded']);
const PAYMENT_PROBLEM_STATES = new Set(['payment_review', 'pending_payment']);

function orderHolds(o: RoutingOrder, c: OrderCondition): boolean {
  switch (c) {
    case 'any_open':
      return true;
    case 'not_shipped':
      return !o.shipped && NOT_SHIPPED_STATES.has(o.state);
    case 'payment_problem':
      return PAYMENT_PROBLEM_STATES.has(o.state) || o.status === 'fraud';
    case 'payment_review':
      return o.state === 'payment_review';
    case 'holded':
      return o.state === 'holded';
  }
}

const ORDER_WHY: Record<OrderCondition, string> = {
  any_open: 'order_any_open',
  not_shipped: 'order_not_shipped',
  payment_problem: 'order_payment_problem',
  payment_review: 'order_payment_review',
  holded: 'order_holded',
};

/** Two letters of a locale (`fr_FR` -> `fr`), or ''. */
export function langOf(locale: string | null | undefined): string {
  const m = locale ? /^([A-Za-z]{2})(?:[_-]|$)/.exec(locale) : null;
  return m ? m[1]!.toLowerCase() : '';
}

/** The why list of a rule if it matches, else null. */
export function matchRule(rule: RoutingRule, facts: RoutingFacts, vipGroups: readonly number[], nowMs: number): { why: RouteWhy[]; order: string } | null {
  const c = rule.conditions;
  const cust = facts.customer;
  const why: RouteWhy[] = [];
  let order = '';
  if (c.customer_group_ids !== undefined) {
    if (!cust || !c.customer_group_ids.includes(cust.group_id)) return null;
    why.push({ code: 'customer_group', group_id: cust.group_id });
  }
  if (c.vip !== undefined) {
    if (!cust || vipGroups.includes(cust.group_id) !== c.vip) return null;
    why.push({ code: c.vip ? 'vip' : 'not_vip' });
  }
  if (c.min_lifetime_sales !== undefined) {
    if (!cust || !(cust.lifetime_sales >= c.min_lifetime_sales)) return null;
    why.push({ code: 'lifetime_sales', amount: cust.lifetime_sales });
  }
  if (c.order !== undefined || c.order_statuses !== undefined) {
    // One order must satisfy both when both are given; orders come newest first.
    const matched = facts.orders.find(
      (o) => (c.order === undefined || orderHolds(o, c.order)) && (c.order_statuses === undefined || c.order_statuses.includes(o.status)),
    );
    if (!matched) return null;
    order = matched.increment_id;
    if (c.order !== undefined) why.push({ code: ORDER_WHY[c.order], order });
    if (c.order_statuses !== undefined) why.push({ code: 'order_status', order, status: matched.status });
  }
  if (c.shipped_within_days !== undefined) {
    const s = facts.last_shipment;
    if (!s || s.shipped_at < nowMs - c.shipped_within_days * DAY_MS) return null;
    if (order === '') order = s.order_increment_id;
    why.push({ code: 'shipped_recently', order: s.order_increment_id, days: Math.max(0, Math.floor((nowMs - s.shipped_at) / DAY_MS)) });
  }
  if (c.open_cart !== undefined) {
    if (!cust || cust.open_cart !== c.open_cart) return null;
    why.push({ code: c.open_cart ? 'open_cart' : 'no_open_cart' });
  }
  if (c.store_ids !== undefined) {
    const store = cust ? cust.store_id : facts.orders[0]?.store_id;
    if (store === undefined || !c.store_ids.includes(store)) return null;
    why.push({ code: 'store', store_id: store });
  }
  if (c.unknown_number !== undefined) {
    if (facts.known === c.unknown_number) return null;
    why.push({ code: c.unknown_number ? 'unknown_number' : 'known_number' });
  }
  return { why, order };
}

/**
 * The route for a caller. `facts` null = no usable caller id: no rule is evaluated (there is no
 * number to be known or unknown), the rules' fallback answers with reason `no_caller_id`.
 */
export function evaluate(rules: RoutingRules, facts: RoutingFacts | null, now: Date | number): RouteDecision {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const fb = rules.fallback;
  const decision: RouteDecision = {
    route: fb.route,
    reason: 'no_caller_id',
    rule: null,
    why: [],
    priority: fb.priority,
    message: fb.message,
    customer: null,
    vip: false,
    lang: '',
    order: '',
  };
  if (facts === null) return decision;
  const cust = facts.customer;
  if (cust) {
    decision.customer = { id: cust.id, name: cust.name };
    decision.vip = rules.vip_group_ids.includes(cust.group_id);
    decision.lang = langOf(cust.locale);
  }
  for (const rule of rules.rules) {
    if (!rule.active) continue;
    const m = matchRule(rule, facts, rules.vip_group_ids, nowMs);
    if (m === null) continue;
    decision.route = rule.route;
    decision.reason = 'rule';
    decision.rule = { code: rule.code, label: rule.label };
    decision.why = m.why;
    decision.priority = rule.priority;
    decision.message = rule.message;
    decision.order = m.order;
    return decision;
  }
  decision.reason = (facts.known ? 'no_match' : 'unknown_number') satisfies RouteReason;
  return decision;
}
