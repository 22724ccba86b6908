import { z } from 'zod';

/**
 * The two REST bodies Magento gives the routing (contract of issue 15): what the shop knows about
 * a number (`POST /V1/bandeau/routing/facts`) and the merchant's rules (`GET /V1/bandeau/routing/rules`).
 * Validated here because they end up in AGI channel variables and in the agent's card: a name that
 * does not match its pattern never reaches the PBX.
 */

export const ROUTE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
export const RULE_CODE = /^[a-z0-9_-]{1,32}$/;
/** A sound name without extension: up to four path segments, no `..`, no leading `/`. */
export const MESSAGE_NAME = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/;
export const ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;

const id = z.number().int().nonnegative().max(2 ** 32);
/** ISO 8601 with a zone, as Magento writes them (`…Z`); kept as epoch milliseconds. */
const instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && Number.isFinite(Date.parse(s)), 'not an ISO 8601 time with a zone')
  .transform((s) => Date.parse(s));

export const RoutingOrder = z.object({
  increment_id: z.string().regex(ORDER_ID),
  state: z.string().max(32),
  status: z.string().max(32),
  created_at: instant,
  shipped: z.boolean(),
  store_id: id,
});
export type RoutingOrder = z.infer<typeof RoutingOrder>;

export const RoutingCustomer = z.object({
  id: z.number().int().positive().max(2 ** 32),
  name: z.string().max(255),
  group_id: id,
  store_id: id,
  locale: z.string().max(16).nullable(),
  lifetime_sales: z.number().finite(),
  open_cart: z.boolean(),
});
export type RoutingCustomer = z.infer<typeof RoutingCustomer>;

export const RoutingFacts = z.object({
  phone: z.string().regex(/^\+[1-9]\d{1,14}$/),
  known: z.boolean(),
  customer: RoutingCustomer.nullable(),
  orders: z.array(RoutingOrder).max(20),
  last_shipment: z
    .object({ order_increment_id: z.string().regex(ORDER_ID), shipped_at: instant })
    .nullable(),
});
export type RoutingFacts = z.infer<typeof RoutingFacts>;

export const ORDER_CONDITIONS = ['any_open', 'not_shipped', 'payment_problem', 'payment_review', 'holded'] as const;
export type OrderCondition = (typeof ORDER_CONDITIONS)[number];

/** Absent or null = any: both become undefined. */
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

export const RuleConditions = z.object({
  customer_group_ids: opt(z.array(id).min(1).max(100)),
  vip: opt(z.boolean()),
  min_lifetime_sales: opt(z.number().finite()),
  order: opt(z.enum(ORDER_CONDITIONS)),
  order_statuses: opt(z.array(z.string().max(32)).min(1).max(50)),
  shipped_within_days: opt(z.number().int().nonnegative().max(3650)),
  open_cart: opt(z.boolean()),
  store_ids: opt(z.array(id).min(1).max(100)),
  unknown_number: opt(z.boolean()),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

/** A sound name outside the pattern is not played (the rule still applies). */
const message = z
  .string()
  .max(300)
  .nullish()
  .transform((m) => (m && MESSAGE_NAME.test(m) && !m.split('/').includes('..') ? m : ''));

const priority = z.number().int().min(0).max(100);

export const RoutingRule = z.object({
  code: z.string().regex(RULE_CODE),
  label: z.string().max(255).default(''),
  active: z.boolean(),
  conditions: RuleConditions.nullish().transform((c) => c ?? RuleConditions.parse({})),
  route: z.string().regex(ROUTE_NAME),
  priority,
  message,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRules = z.object({
  version: z.string().max(128),
  vip_group_ids: z.array(id).max(100),
  rules: z.array(RoutingRule).max(200),
  fallback: z.object({ route: z.string().regex(ROUTE_NAME), priority, message }),
});
export type RoutingRules = z.infer<typeof RoutingRules>;

/** The first problem of a body that failed validation, for the log (never the body itself: it holds a number). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');
}
