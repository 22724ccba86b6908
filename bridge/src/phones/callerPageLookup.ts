import { z } from 'zod';
import { requestLookup } from '../lookup/customerLookup';
import type { MagentoRest } from './context';

/**
 * What the caller page shows of a number's customer, from Magento's REST caller lookup
 * (`POST /V1/bandeau/lookup`). The module answers each match's customer id and name; the group,
 * last order and open cart are read when the module adds them (/tmp/contract-17-requests.md:
 * `group`, `last_order`, `open_cart`) and left out when it does not.
 */
export interface CallerDetails {
  customerId: number | null;
  name: string;
  group: string | null;
  lastOrder: { number: string; status: string; total: string | null } | null;
  openCart: { items: number; total: string } | null;
  /** Other customers with the same number. */
  others: number;
}

const text = (max: number) => z.string().max(max);
const Match = z.object({
  customer_id: z.number().int().positive().nullable().optional(),
  name: text(1000).optional(),
  order_increment_id: text(64).nullable().optional(),
  group: text(255).nullable().optional(),
  last_order: z.object({ increment_id: text(64), status: text(128), grand_total: text(64).nullable().optional() }).nullable().optional(),
  open_cart: z.object({ items: z.number().int().nonnegative(), total: text(64) }).nullable().optional(),
});
const LookupAnswer = z.object({ matches: z.array(Match).max(100) });

/** A phone waits for the page while it rings: Magento gets this long, then the page goes without. */
const TIMEOUT_MS = 2_000;

/**
 * The number's customer as Magento knows it: the first customer match (the module lists
 * customers first, most recent first), else a guest order's buyer; null when nobody has the
 * number; undefined when Magento could not be asked (not configured, down, slow, odd answer).
 */
export async function lookupCaller(magento: MagentoRest | null, e164: string, timeoutMs = TIMEOUT_MS): Promise<CallerDetails | null | undefined> {
  const answer = await requestLookup(magento, e164, timeoutMs);
  if (!answer.ok) return undefined;
  const parsed = LookupAnswer.safeParse(answer.body);
  if (!parsed.success) return undefined;
  const matches = parsed.data.matches.filter((m) => (m.name ?? '').trim() !== '' || m.customer_id);
  const first = matches.find((m) => m.customer_id) ?? matches[0];
  if (!first) return null;
  const customers = new Set(matches.map((m) => m.customer_id).filter((id) => id));
  const order = first.last_order;
  return {
    customerId: first.customer_id ?? null,
    name: first.name ?? '',
    group: first.group ?? null,
    lastOrder: order ? { number: order.increment_id, status: order.status, total: order.grand_total ?? null } : first.order_increment_id ? { number: first.order_increment_id, status: '', total: null } : null,
    openCart: first.open_cart && first.open_cart.items > 0 ? first.open_cart : null,
    others: Math.max(0, customers.size - 1),
  };
}
