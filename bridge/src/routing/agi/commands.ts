/**
 * What the routing server writes to the PBX: `SET VARIABLE NAME "value"` lines, one per channel
 * variable of the decision, in the contract's order.
 *
 * Injection is impossible by construction: a variable name is one of the fixed BANDEAU_* names,
 * and every value goes through agiValue(), which keeps printable ASCII only (0x20-0x7E) minus `"`
 * and `\`. So no CR, LF, NUL or other control character, nothing that ends the quoted argument
 * (Asterisk's parse_args treats `"` as a quote toggle and `\` as an escape) and no multi-byte text
 * can reach the wire; a value always stays one argument of one command line.
 */
import type { RouteDecision } from '../contract';
import { fallbackDecision } from '../contract';
import { customerNameAscii } from './customerName';

/** The channel variables set for each request, in the order they are sent. */
export const BANDEAU_VARIABLES = [
  'BANDEAU_ROUTE',
  'BANDEAU_ROUTE_REASON',
  'BANDEAU_ROUTE_RULE',
  'BANDEAU_PRIORITY',
  'BANDEAU_VIP',
  'BANDEAU_CUSTOMER_ID',
  'BANDEAU_CUSTOMER_NAME',
  'BANDEAU_LANG',
  'BANDEAU_MESSAGE',
  'BANDEAU_ORDER',
] as const;

export type BandeauVariable = (typeof BANDEAU_VARIABLES)[number];

const VARIABLE_SET: ReadonlySet<string> = new Set(BANDEAU_VARIABLES);

/** Longest value written (the longest legitimate one, a sound name, is 4 x 64 + 3). */
const VALUE_MAX = 300;

/** A value that can sit between double quotes in an AGI command: printable ASCII, no `"` or `\`. */
export function agiValue(value: string): string {
  return value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '').slice(0, VALUE_MAX);
}

/** One command line (with its `\n`). Throws for a name that is not one of BANDEAU_VARIABLES. */
export function setVariableLine(name: BandeauVariable, value: string): string {
  if (!VARIABLE_SET.has(name)) throw new Error(`not a routing variable: ${String(name)}`);
  return `SET VARIABLE ${name} "${agiValue(value)}"\n`;
}

export const ROUTE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
export const RULE_CODE = /^[a-z0-9_-]{1,32}$/;
export const MESSAGE_NAME = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/;
export const ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const REASONS = new Set(['rule', 'no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error']);

/**
 * The decision as it will be sent, after the contract's checks: a decision whose route, reason,
 * rule or priority is not valid becomes `fallbackDecision('error')` (`problem` says why); a message
 * or order id that is not valid is dropped (the call goes on without it), as is a language that
 * is not two letters.
 */
export function checkedDecision(d: RouteDecision): { decision: RouteDecision; problem?: string } {
  if (!ROUTE_NAME.test(d.route)) return { decision: fallbackDecision('error'), problem: 'invalid route name' };
  if (!REASONS.has(d.reason)) return { decision: fallbackDecision('error'), problem: 'invalid reason' };
  if (d.rule !== null && !RULE_CODE.test(d.rule.code)) return { decision: fallbackDecision('error'), problem: 'invalid rule code' };
  if (!Number.isInteger(d.priority) || d.priority < 0 || d.priority > 100) return { decision: fallbackDecision('error'), problem: 'invalid priority' };
  const problems: string[] = [];
  let { message, order, lang, customer } = d;
  if (message !== '' && (!MESSAGE_NAME.test(message) || message.includes('..'))) {
    problems.push('invalid message name dropped');
    message = '';
  }
  if (order !== '' && !ORDER_ID.test(order)) {
    problems.push('invalid order id dropped');
    order = '';
  }
  if (lang !== '' && !/^[a-z]{2}$/.test(lang)) {
    problems.push('invalid language dropped');
    lang = '';
  }
  if (customer !== null && (!Number.isSafeInteger(customer.id) || customer.id <= 0)) {
    problems.push('invalid customer id dropped');
    customer = null;
  }
  const decision = { ...d, message, order, lang, customer };
  return problems.length ? { decision, problem: problems.join(', ') } : { decision };
}

/** The variables of a (checked) decision, in BANDEAU_VARIABLES order. */
export function decisionVariables(d: RouteDecision): Array<[BandeauVariable, string]> {
  return [
    ['BANDEAU_ROUTE', d.route],
    ['BANDEAU_ROUTE_REASON', d.reason],
    ['BANDEAU_ROUTE_RULE', d.rule?.code ?? ''],
    ['BANDEAU_PRIORITY', String(d.priority)],
    ['BANDEAU_VIP', d.vip ? '1' : '0'],
    ['BANDEAU_CUSTOMER_ID', d.customer ? String(d.customer.id) : ''],
    ['BANDEAU_CUSTOMER_NAME', customerNameAscii(d.customer?.name)],
    ['BANDEAU_LANG', d.lang],
    ['BANDEAU_MESSAGE', d.message],
    ['BANDEAU_ORDER', d.order],
  ];
}
