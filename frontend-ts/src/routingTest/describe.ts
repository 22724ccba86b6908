/**
 * What the "Test a number" box shows for a reply of bandeau/routing/test: a headline (the rule
 * that matches, or why none does), the `why` items as translated sentences, the decision and the
 * facts it used. Pure: the box (routingTest.ts) turns it into text nodes.
 */
import type { AdminReply } from '../campaignPages/adminReply';
import { phrase } from '../campaignPages/phrase';

/** Translated sentences, from the block (Block/Adminhtml/Routing/TestBox.php, texts()). */
export type RoutingTestTexts = Record<string, string>;

export interface RoutingTestNames {
  /** Customer group names by id. */
  groups: Record<string, string>;
  /** Store view names by id. */
  stores: Record<string, string>;
}

export interface RoutingTestView {
  state: 'ok' | 'error';
  headline: string;
  warning: string | null;
  /** How a number typed without its country code was read, when the shop does not know it. */
  note: string | null;
  why: string[];
  /** Label and value pairs: route, priority, message, order, customer, VIP, language. */
  details: Array<[string, string]>;
  orders: string[];
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function text(texts: RoutingTestTexts, key: string, fallback = key): string {
  return typeof texts[key] === 'string' ? texts[key] : fallback;
}

/** An ISO 8601 UTC time as `2026-11-25 10:00 UTC`; anything else as it is. */
export function utcTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** One `why` item of the routing contract as a sentence; an unknown code is shown as it is. */
export function whySentence(item: unknown, texts: RoutingTestTexts, names: RoutingTestNames): string {
  const why = obj(item);
  const code = typeof why?.code === 'string' ? why.code : '';
  if (!why || !/^[a-z_]{1,40}$/.test(code)) return '';
  const order = str(why.order);
  const t = (key: string): string => text(texts, key, code);
  switch (code) {
    case 'customer_group': {
      const id = str(why.group_id);
      return phrase(t('why_customer_group'), names.groups[id] ?? `#${id}`);
    }
    case 'store': {
      const id = str(why.store_id);
      return phrase(t('why_store'), names.stores[id] ?? `#${id}`);
    }
    case 'lifetime_sales': {
      const amount = num(why.amount);
      return phrase(t('why_lifetime_sales'), amount === null ? '' : amount.toFixed(2));
    }
    case 'order_status':
      return phrase(t('why_order_status'), order, str(why.status));
    case 'shipped_recently': {
      const days = num(why.days) ?? 0;
      if (days <= 0) return phrase(t('why_shipped_today'), order);
      if (days === 1) return phrase(t('why_shipped_yesterday'), order);
      return phrase(t('why_shipped_recently'), days, order);
    }
    default:
      return `why_${code}` in texts ? phrase(t(`why_${code}`), order) : code;
  }
}

/** The box's content for a reply. */
export function describe(
  reply: AdminReply,
  texts: RoutingTestTexts,
  names: RoutingTestNames,
  countryName: (code: string) => string = (code) => code,
): RoutingTestView {
  const empty = { warning: null, note: null, why: [], details: [], orders: [] };
  if (reply.kind !== 'ok') {
    return { state: 'error', headline: reply.kind === 'error' && reply.message ? reply.message : text(texts, 'failed'), ...empty };
  }
  const data = reply.data;
  const route = str(data.route);
  const reason = str(data.reason);
  if (route === '' || reason === '') return { state: 'error', headline: text(texts, 'failed'), ...empty };
  const rule = obj(data.rule);
  const headline = rule
    ? phrase(text(texts, 'ruleMatched'), str(rule.label) || str(rule.code), str(rule.code))
    : text(texts, `reason_${reason}`, reason);
  const warning = data.active_rules === 0 ? text(texts, 'noRules') : null;
  const why = (Array.isArray(data.why) ? data.why : []).map((item) => whySentence(item, texts, names)).filter((s) => s !== '');
  const customer = obj(data.customer);
  const lang = str(data.lang);
  const readWith = /^[A-Z]{2}$/.test(str(data.read_with)) ? str(data.read_with) : '';
  const country = readWith === '' ? '' : countryName(readWith);
  const known = obj(data.facts)?.known === true;
  // "01 42 68 53 00" read as a US number is not the French one the shop knows: say how it was read.
  const note = readWith !== '' && !known ? phrase(text(texts, 'readWithNote'), country) : null;
  const details: Array<[string, string]> = [
    [text(texts, 'number'), readWith === '' ? str(data.phone) : phrase(text(texts, 'readWithValue'), str(data.phone), country)],
    [text(texts, 'route'), route],
    [text(texts, 'priority'), str(data.priority)],
    [text(texts, 'message'), str(data.message) || text(texts, 'none')],
  ];
  if (str(data.order) !== '') details.push([text(texts, 'order'), `#${str(data.order)}`]);
  details.push([
    text(texts, 'customer'),
    customer ? phrase(text(texts, 'customerValue'), str(customer.name), str(customer.id)) : text(texts, 'noCustomer'),
  ]);
  details.push([text(texts, 'vip'), data.vip === true ? text(texts, 'yes') : text(texts, 'no')]);
  if (lang !== '') details.push([text(texts, 'language'), lang]);
  const facts = obj(data.facts);
  const shipment = obj(facts?.last_shipment);
  if (shipment) {
    details.push([
      text(texts, 'lastShipment'),
      phrase(text(texts, 'lastShipmentValue'), str(shipment.order_increment_id), utcTime(str(shipment.shipped_at))),
    ]);
  }
  const orders = (Array.isArray(facts?.orders) ? (facts!.orders as unknown[]) : []).map(obj).filter((o): o is Json => o !== null)
    .map((o) => phrase(
      text(texts, 'orderLine'),
      str(o.increment_id),
      `${str(o.status)} (${o.shipped === true ? text(texts, 'shipped') : text(texts, 'notShipped')})`,
    ));
  return { state: 'ok', headline, warning, note, why, details, orders };
}
