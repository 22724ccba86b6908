/**
 * What the parts of call routing exchange: the FastAGI request as the PBX sends it, and the
 * decision that goes back as BANDEAU_* channel variables, to the agent's bar and into the call
 * record. The REST bodies from Magento are defined (and validated) in facts.ts.
 */

/** A FastAGI request: the `agi_*` environment block Asterisk sends before any command. */
export interface AgiRequest {
  /** The path after `agi://host:port/`, e.g. `route` (agi_network_script; '' when none). */
  script: string;
  /** Every `agi_*` header as received, key without the `agi_` prefix (`callerid`, `dnid`…). */
  env: ReadonlyMap<string, string>;
  /** agi_callerid; null when empty, `unknown` or anonymous. */
  callerId: string | null;
  /** agi_calleridname; null when empty or `unknown`. */
  callerName: string | null;
  /** agi_dnid; null when empty or `unknown`. */
  dnid: string | null;
  /** agi_extension. */
  extension: string;
  /** agi_uniqueid: the channel's Uniqueid, as AMI events carry it. */
  uniqueId: string;
  /** agi_channel, e.g. `PJSIP/trunk-00000001`. */
  channel: string;
  /** agi_arg_1 … agi_arg_N, in order. */
  args: string[];
}

/** Why the route was chosen; sent as BANDEAU_ROUTE_REASON. */
export type RouteReason = 'rule' | 'no_match' | 'unknown_number' | 'no_caller_id' | 'timeout' | 'error';

/** One matched condition of a rule, for the agent's card and the admin's "test a number" box. */
export interface RouteWhy {
  code: string;
  order?: string;
  status?: string;
  days?: number;
  group_id?: number;
  store_id?: number;
  amount?: number;
}

export interface RouteDecision {
  route: string;
  reason: RouteReason;
  /** The matched rule, or null (fallback). */
  rule: { code: string; label: string } | null;
  why: RouteWhy[];
  /** Queue priority, 0..100. */
  priority: number;
  /** Sound to play before queueing (e.g. `bandeau/order-on-its-way`), or ''. */
  message: string;
  customer: { id: number; name: string } | null;
  vip: boolean;
  /** Two-letter language of the customer's store view, or ''. */
  lang: string;
  /** Increment id of the order the rule matched, or ''. */
  order: string;
}

/**
 * Decides a route for a request; may take long: the AGI server bounds a promise with the deadline.
 * A decision returned as a value (a warm cache) is sent at once, with no timer or promise per call.
 */
export type RouteDecider = (request: AgiRequest) => RouteDecision | Promise<RouteDecision>;

/** The answer when no decision could be made in time, or at all. */
export function fallbackDecision(reason: RouteReason, route = 'default'): RouteDecision {
  return { route, reason, rule: null, why: [], priority: 0, message: '', customer: null, vip: false, lang: '', order: '' };
}
