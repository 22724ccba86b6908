import { createHash } from 'node:crypto';
import { normalizePhone } from '../phone';
import { DEMO_GROUP_IDS, DEMO_STORES, DEMO_VIP_GROUP_IDS, type DemoCustomer, type DemoDirectory, type DemoOrder } from './directory';

/**
 * The demo's stand-in for the module's routing REST routes (POST /V1/bandeau/routing/facts,
 * GET /V1/bandeau/routing/rules): the same snake_case bodies Magento's webapi writes, built from
 * the demo directory, so the bridge's routing server decides on the demo's customers exactly as
 * it would on a shop's. The rules are the module's shipped defaults (etc/config.xml).
 */

/** The rules body of GET /V1/bandeau/routing/rules, without its version. */
export const DEMO_ROUTING_RULES = {
  vip_group_ids: DEMO_VIP_GROUP_IDS,
  rules: [
    { code: 'vip', label: 'VIP customer', active: true, conditions: { vip: true }, route: 'vip', priority: 10, message: 'bandeau/welcome-back' },
    { code: 'not_shipped', label: 'Order not shipped', active: true, conditions: { order: 'not_shipped' }, route: 'sales', priority: 5, message: 'bandeau/order-being-prepared' },
    { code: 'payment_problem', label: 'Payment problem', active: true, conditions: { order: 'payment_problem' }, route: 'sales', priority: 5, message: 'bandeau/payment-problem' },
    { code: 'delivered_recently', label: 'Delivered within 14 days', active: true, conditions: { shipped_within_days: 14 }, route: 'support', priority: 3, message: 'bandeau/order-on-its-way' },
  ],
  fallback: { route: 'default', priority: 0, message: '' },
};

/** As the module's version: a hash of the rules and VIP groups, which changes whenever they do. */
export function demoRoutingRules(): typeof DEMO_ROUTING_RULES & { version: string } {
  const version = createHash('sha256').update(JSON.stringify(DEMO_ROUTING_RULES)).digest('hex').slice(0, 32);
  return { version, ...DEMO_ROUTING_RULES };
}

/** Order states that are no longer open (Magento's complete, closed, canceled). */
const CLOSED_STATES = new Set(['complete', 'closed', 'canceled']);

/** Magento's state of each default status (sales_order_status_state). */
const STATE_OF_STATUS: Record<string, string> = {
  pending: 'new',
  processing: 'processing',
  complete: 'complete',
  closed: 'closed',
  canceled: 'canceled',
  holded: 'holded',
  fraud: 'payment_review',
  payment_review: 'payment_review',
  pending_payment: 'pending_payment',
};

export const orderState = (o: DemoOrder): string => o.state ?? STATE_OF_STATUS[o.status] ?? 'processing';

/** '2026-11-19 15:47' (the demo's admin display, UTC) -> '2026-11-19T15:47:00Z'. */
const iso = (demoDate: string) => `${demoDate.replace(' ', 'T')}${demoDate.length === 16 ? ':00' : ''}Z`;
const isoOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** '€3,410.50' -> 3410.5 (the demo keeps amounts as displayed; Magento sums base_grand_total). */
const amount = (shown: string) => Number(shown.replace(/[^0-9.]/g, '')) || 0;

export interface RoutingFactsBody {
  phone: string;
  known: boolean;
  customer: { id: number; name: string; group_id: number; store_id: number; locale: string; lifetime_sales: number; open_cart: boolean } | null;
  orders: Array<{ increment_id: string; state: string; status: string; created_at: string; shipped: boolean; store_id: number }>;
  last_shipment: { order_increment_id: string; shipped_at: string } | null;
}

/**
 * POST /V1/bandeau/routing/facts for one number: the most recent customer with it, their open
 * orders newest first (at most 20) and their last shipment. `now` anchors the demo's relative
 * shipment dates (shippedDaysAgo).
 */
export function demoRoutingFacts(dir: DemoDirectory, phone: string, now: number, defaultRegion = 'FR'): RoutingFactsBody {
  const wanted = normalizePhone(phone, defaultRegion);
  const unknown: RoutingFactsBody = { phone, known: false, customer: null, orders: [], last_shipment: null };
  if (!wanted.ok) return unknown;
  const matching = dir.customers.filter((c) => {
    const n = normalizePhone(c.telephone, c.country);
    return n.ok && n.e164 === wanted.e164;
  });
  // The most recently added customer, as the lookup orders them.
  const c: DemoCustomer | undefined = matching[matching.length - 1];
  if (!c) return { ...unknown, phone: wanted.e164 };
  const storeId = c.storeId ?? 1;
  const theirs = dir.orders.filter((o) => o.customerId === c.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const shippedAt = (o: DemoOrder) => (o.shippedDaysAgo === undefined ? null : now - o.shippedDaysAgo * 86_400_000);
  const shipped = theirs.filter((o) => o.shippedDaysAgo !== undefined).sort((a, b) => shippedAt(b)! - shippedAt(a)!)[0];
  return {
    phone: wanted.e164,
    known: true,
    customer: {
      id: c.id,
      name: `${c.firstname} ${c.lastname}`,
      group_id: c.groupId ?? DEMO_GROUP_IDS[c.group] ?? 1,
      store_id: storeId,
      locale: DEMO_STORES[storeId]?.locale ?? 'en_US',
      lifetime_sales: amount(c.lifetimeSales),
      open_cart: c.openCart !== undefined && c.openCart.items > 0,
    },
    orders: theirs
      .filter((o) => !CLOSED_STATES.has(orderState(o)))
      .slice(0, 20)
      .map((o) => ({ increment_id: o.incrementId, state: orderState(o), status: o.status, created_at: iso(o.createdAt), shipped: o.shippedDaysAgo !== undefined, store_id: storeId })),
    last_shipment: shipped ? { order_increment_id: shipped.incrementId, shipped_at: isoOf(shippedAt(shipped)!) } : null,
  };
}
