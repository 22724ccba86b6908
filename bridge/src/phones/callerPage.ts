import { farNumber, type Call } from '../protocol/messages';
import { displayNumber, normalizePhone } from '../phone';
import type { PhoneAnswer, PhoneRequestContext } from './context';
import { lookupCaller, type CallerDetails } from './callerPageLookup';
import { screenAnswer, type PhoneScreen } from './callerPageScreen';
import type { PhoneString } from './phoneStrings';

/**
 * GET /phone/{vendor}/caller.xml?number=E164 | ?ext=EXT — the caller details page a desk phone
 * fetches when it rings (Yealink/Snom action URL, Polycom microbrowser, Cisco service URL): the
 * customer's name, group, last order and its state, open cart, with soft keys to open them in
 * the agent's browser, log a quick outcome and call back the last missed caller (actions.ts).
 * `ext` (or no number at all) means the call ringing on the phone's own extension now.
 */
export async function renderCallerPage(ctx: PhoneRequestContext): Promise<PhoneAnswer> {
  const wanted = callerNumber(ctx);
  if (!wanted.ok) return screenAnswer(ctx.vendor, { title: ctx.t('Caller'), headline: ctx.t(wanted.problem), lines: [], keys: [], t: ctx.t });
  const { e164 } = wanted;
  // Magento first (group, last order, cart); the phone book pulled from it answers when Magento cannot.
  const found = await lookupCaller(ctx.magento, e164);
  const listing = ctx.book().byNumber(e164);
  const details: CallerDetails | null =
    found ?? (found === undefined && listing ? { customerId: listing.customerId, name: listing.name, group: listing.group, lastOrder: null, openCart: null, others: 0 } : null);
  if (details && !details.group && listing?.customerId === details.customerId) details.group = listing.group;
  return screenAnswer(ctx.vendor, callerScreen(ctx, e164, details));
}

type Wanted = { ok: true; e164: string } | { ok: false; problem: PhoneString };

/** The number to show: `number` from the URL, else the far party of the call on the phone's extension. */
function callerNumber(ctx: PhoneRequestContext): Wanted {
  const raw = ctx.query.get('number');
  if (raw !== null && raw.trim() !== '') {
    const n = normalizePhone(sipUser(raw.slice(0, 128)), ctx.defaultRegion);
    return n.ok ? { ok: true, e164: n.e164 } : { ok: false, problem: 'This number cannot be read.' };
  }
  const ext = ctx.extension ?? ctx.query.get('ext');
  if (!ext) return { ok: false, problem: 'Give a number or an extension.' };
  const call = ringingCall(ctx.liveCalls(ext));
  const far = call ? farNumber(call) : null;
  if (!call) return { ok: false, problem: 'No call on this phone now.' };
  if (!far) return { ok: false, problem: call.direction === 'internal' ? 'Internal call.' : 'The caller hides their number.' };
  const n = normalizePhone(far, ctx.defaultRegion);
  return n.ok ? { ok: true, e164: n.e164 } : { ok: false, problem: 'The caller hides their number.' };
}

/** The call ringing on the extension, else its newest live one. */
export function ringingCall(calls: Call[]): Call | undefined {
  const newest = [...calls].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return newest.find((c) => c.state === 'ringing') ?? newest[0];
}

/** Phones pass the caller as they got it: `sip:0612345678@pbx;user=phone` is 0612345678. */
function sipUser(raw: string): string {
  const m = /^sips?:([^@;]+)/i.exec(raw.trim());
  return m ? decodeURIComponent(m[1]!) : raw;
}

/** The caller page as every vendor renders it. */
export function callerScreen(ctx: Pick<PhoneRequestContext, 'url' | 'defaultRegion' | 't'>, e164: string, d: CallerDetails | null): PhoneScreen {
  const { t } = ctx;
  const shown = displayNumber(e164, ctx.defaultRegion) ?? e164;
  const keys: PhoneScreen['keys'] = [];
  if (d?.customerId) keys.push({ label: t('Open'), url: ctx.url('action/open', { customer: String(d.customerId), number: e164 }) });
  keys.push({ label: t('Outcome'), url: ctx.url('action/outcome') });
  keys.push({ label: t('Call back'), url: ctx.url('action/callback') });
  if (!d) return { title: t('Unknown caller'), headline: t('Unknown caller'), lines: [t('No customer has this number.')], footer: shown, keys, t };
  const lines: string[] = [];
  if (d.group) lines.push(t('Group: %1', d.group));
  // The order's number, state and total as Magento gave them (its status label is in the store's language).
  if (d.lastOrder) lines.push(t('Last order: %1', [`#${d.lastOrder.number}`, d.lastOrder.status, d.lastOrder.total].filter((v) => v).join(', ')));
  if (d.openCart) lines.push(t(d.openCart.items === 1 ? 'Open cart: %1 (%2 item)' : 'Open cart: %1 (%2 items)', d.openCart.total, d.openCart.items));
  if (!d.customerId) lines.push(t('Guest order, no account'));
  if (d.others > 0) lines.push(t(d.others === 1 ? '%1 other customer has this number' : '%1 other customers have this number', d.others));
  return { title: t('Caller'), headline: d.name.trim() || shown, lines, footer: shown, keys, t };
}
