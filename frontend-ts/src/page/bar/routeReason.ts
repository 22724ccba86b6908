import type { CallRouting, RouteWhy } from '../../../../bridge/src/protocol/messages';
import type { StringKey, Translate } from '../strings';
import { languageTag } from '../plural';

/**
 * Why a call came to this agent, in one sentence made only from the call's `routing` (the PBX's
 * routing decision, issue 15): what matched, then the route, e.g. "Order #000000102 not shipped →
 * sales", "VIP customer → vip", "Shop data unavailable → default". Each condition and each reason
 * is one of the bar's translatable strings; the route name is the merchant's own word and shows
 * as it is. The rule's label (the merchant's text) stands in for a rule without conditions.
 */

/** Conditions that name only the order: their sentence takes its number. */
const ORDER_WHY: Partial<Record<RouteWhy['code'], StringKey>> = {
  order_not_shipped: 'Order #%1 not shipped',
  order_payment_problem: 'Payment problem on order #%1',
  order_payment_review: 'Order #%1 awaiting payment review',
  order_holded: 'Order #%1 on hold',
  order_any_open: 'Open order #%1',
};

/** Conditions that say it all in a word. */
const PLAIN_WHY: Partial<Record<RouteWhy['code'], StringKey>> = {
  vip: 'VIP customer',
  not_vip: 'Not a VIP customer',
  open_cart: 'Cart left open',
  no_open_cart: 'No open cart',
  unknown_number: 'Unknown number',
  known_number: 'Known number',
};

/** What the fallback's reason says when no rule matched. */
const REASON: Record<Exclude<CallRouting['reason'], 'rule'>, StringKey> = {
  no_match: 'No rule matched',
  unknown_number: 'Unknown number',
  no_caller_id: 'No caller ID',
  timeout: 'Shop data unavailable',
  error: 'Routing failed',
};

function amount(n: number, locale: string | undefined): string {
  try {
    return new Intl.NumberFormat(languageTag(locale), { maximumFractionDigits: 2 }).format(n);
  } catch {
    return String(n);
  }
}

/** One matched condition in words, or null for one the bar cannot say. */
export function whySentence(w: RouteWhy, t: Translate, locale?: string): string | null {
  const order = w.order ?? '?';
  const byOrder = ORDER_WHY[w.code];
  if (byOrder) return t(byOrder, order);
  const plain = PLAIN_WHY[w.code];
  if (plain) return t(plain);
  switch (w.code) {
    case 'order_status':
      return t('Order #%1 with status %2', order, w.status ?? '?');
    case 'shipped_recently': {
      const days = w.days ?? 0;
      if (days <= 0) return t('Shipped today (order #%1)', order);
      if (days === 1) return t('Shipped yesterday (order #%1)', order);
      return t('Shipped %1 days ago (order #%2)', days, order);
    }
    case 'customer_group':
      return t('Customer group #%1', w.group_id ?? '?');
    case 'store':
      return t('Store view #%1', w.store_id ?? '?');
    case 'lifetime_sales':
      return w.amount === undefined ? null : t('Lifetime sales: %1', amount(w.amount, locale));
    default:
      return null;
  }
}

/** The whole sentence for a call, or null when the PBX did not ask Bandeau how to route it. */
export function routeSentence(routing: CallRouting | undefined, t: Translate, locale?: string): string | null {
  if (!routing) return null;
  let why: string;
  if (routing.reason === 'rule') {
    const parts = routing.why.map((w) => whySentence(w, t, locale)).filter((s): s is string => s !== null);
    why = parts.length > 0 ? parts.join(' · ') : routing.rule?.label ?? routing.rule?.code ?? '';
  } else {
    why = t(REASON[routing.reason]);
  }
  return why ? t('%1 → %2', why, routing.route) : routing.route;
}
