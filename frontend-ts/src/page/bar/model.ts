import type { Call, CustomerCard, PbxCapabilities, ViewState } from '../../../../bridge/src/protocol/messages';
import { farNumber } from '../../../../bridge/src/protocol/pageSide';
import type { StringKey, Translate } from '../strings';
import { makePlural, type Plural } from '../plural';
import { duration, when } from './when';
import { routeSentence } from './routeReason';

/** What the bar shows of one customer card; every field is plain text or a checked URL. */
export interface CardView {
  customerId: number;
  name: string;
  email: string;
  group: string | null;
  lifetimeSales: string | null;
  url: string | null;
  createOrderUrl: string | null;
  latestOrderUrl: string | null;
  lastOrders: Array<{ label: string; status: string; url: string | null }>;
  openCart: string | null;
  /** The customer's last calls as Magento sent them (lastCalls.ts presents them). */
  lastCalls: NonNullable<CustomerCard['lastCalls']>;
}

export type LookupView = 'none' | 'pending' | 'one' | 'many' | 'nobody' | 'failed';

export interface CallView {
  id: string;
  state: Call['state'];
  label: string;
  /** Who is on the other end, in a word: a name when known, else the number as the agent reads it. */
  who: string;
  stateLabel: string;
  startedAt: string;
  /** The far party's number (what to look up, call back, or fill in a new customer). */
  number: string | null;
  /** Another agent took the call: show who, and no controls. */
  answeredElsewhere: string | null;
  /** It rings this agent's phone and they did not place it: Decline rather than Hang up. */
  declinable: boolean;
  /** Which controls make sense in this state (the others are disabled). */
  can: { hangup: boolean; hold: boolean; keypad: boolean; transfer: boolean };
  /** Which controls the merchant's PBX offers at all (the others are not shown). */
  offers: Offers;
  lookup: LookupView;
  cards: CardView[];
  newCustomerUrl: string | null;
  /** Why the PBX sent the call here ("Order #000000102 not shipped → sales"), null when it did not ask Bandeau. */
  route: string | null;
  /** The route's name (for styling and tests), null likewise. */
  routeName: string | null;
}

export interface RecentView {
  id: string;
  label: string;
  /** The person (customer or colleague) when known, else the number in the national format. */
  who: string;
  /** The number as the agent reads it, shown beside a name; null when `who` already is it. */
  numberShown: string | null;
  /** What Call back dials: the outside number, or the colleague's extension. */
  number: string | null;
  name: string | null;
  /** "14:05", "Yesterday 09:12"…, and the full date for the tooltip. */
  time: string;
  date: string;
  /** The number beside a name, and how it ended: "06 12 34 56 78 · Missed". */
  meta: string;
  /** Talk time ("2:05"), '' when nobody answered. */
  duration: string;
  direction: Call['direction'];
  /** The icon (icons.ts) and its words for screen readers. */
  icon: 'inbound' | 'outbound' | 'missed' | 'transfer';
  directionLabel: string;
  outcome: string;
  missed: boolean;
  /** Why the PBX sent the call ("Order #000000102 not shipped → sales"), null when it did not ask Bandeau. */
  route: string | null;
  /** The route's name, null likewise. */
  routeName: string | null;
}

/** What presentCalls/presentRecent need besides the state (all optional: English, now, no choice). */
export interface PresentOptions {
  tn?: Plural;
  /** The customer the agent chose for a call several customers share the number of, by call id. */
  chosen?: Record<string, number>;
  now?: number;
  locale?: string;
}

const STATE_LABEL: Record<Call['state'], StringKey> = {
  ringing: 'Ringing',
  answered: 'In call',
  held: 'On hold',
  transferring: 'Transferring…',
  transferred: 'Transferred',
  parked: 'Parked',
  ended: 'Ended',
};
/**
 * States where someone took the call: another agent who has it is shown instead of controls.
 * Not `transferring`: only the agent consulting sees it, and the answerer of the call then is
 * the party on hold, not them.
 */
const TAKEN: ReadonlySet<Call['state']> = new Set(['answered', 'held', 'parked']);
/** What a call's disposition reads as, in recent calls and in the card's last calls. */
export const OUTCOME_LABEL: Record<NonNullable<Call['disposition']>, StringKey> = {
  answered: 'Answered',
  missed: 'Missed',
  abandoned: 'Abandoned',
  busy: 'Busy line',
  failed: 'Failed',
  voicemail: 'Voicemail',
};

/** Only http(s) and same-origin paths become links: a `javascript:` URL never does. */
export function safeUrl(u: string | undefined | null): string | null {
  if (!u) return null;
  if (/^https?:\/\//i.test(u) || (u.startsWith('/') && !u.startsWith('//'))) return u;
  return null;
}

/** The extension or number on the other end of a call for this agent. */
function otherParty(call: Call, me: string | undefined): string {
  if (call.direction === 'inbound') return call.from;
  if (call.direction === 'outbound') return call.to;
  // The colleague on the other end: the callee when this agent placed the call.
  return (call.from && call.from !== me ? call.from : call.to) || call.from;
}

/** A number or an extension as the agent reads it: national format from the bridge, else as is. */
function shown(call: Call, n: string): string {
  return call.display?.[n] ?? n;
}

/**
 * Who is on the other end: the customer the agent's lookup found (the only match, or the one
 * chosen), the name the call carries (colleague, or the caller named at call time), else the
 * number in the national format.
 */
export function whoIs(call: Call, state: ViewState, me: string | undefined, chosen?: number): { who: string; name: string | null; numberShown: string } {
  const other = otherParty(call, me);
  const customers = other ? state.lookups[other]?.result?.customers ?? [] : [];
  const found = customers.length === 1 ? customers[0] : chosen !== undefined ? customers.find((c) => c.customerId === chosen) : undefined;
  const name = found?.name ?? (other ? call.names?.[other] : undefined) ?? null;
  const numberShown = other ? shown(call, other) : '?';
  return { who: name ?? numberShown, name, numberShown };
}

export function callLabel(call: Call, t: Translate, me?: string, who?: string): string {
  const w = who ?? (otherParty(call, me) ? shown(call, otherParty(call, me)) : '?');
  if (call.direction === 'inbound') return t('Inbound call from %1', w || '?');
  if (call.direction === 'outbound') return t('Outbound call to %1', w || '?');
  return t('Internal call with %1', w || '?');
}

function card(c: CustomerCard, t: Translate, tn: Plural): CardView {
  const orders = c.lastOrders ?? [];
  return {
    customerId: c.customerId,
    name: c.name,
    email: c.email ?? '',
    group: c.group ? t('Group: %1', c.group) : null,
    lifetimeSales: c.lifetimeSales ? t('Lifetime sales: %1', c.lifetimeSales) : null,
    url: safeUrl(c.url),
    createOrderUrl: safeUrl(c.createOrderUrl),
    latestOrderUrl: safeUrl(orders[0]?.url),
    lastOrders: orders.map((o) => ({ label: `#${o.incrementId} · ${o.grandTotal}`, status: o.status, url: safeUrl(o.url) })),
    openCart: c.openCart ? tn(c.openCart.items, 'Open cart: %1 item, %2', 'Open cart: %1 items, %2', c.openCart.total) : null,
    lastCalls: c.lastCalls ?? [],
  };
}

export interface Offers {
  decline: boolean;
  hangup: boolean;
  hold: boolean;
  keypad: boolean;
  blindTransfer: boolean;
  attendedTransfer: boolean;
  /** Either transfer: the transfer field shows. */
  transfer: boolean;
}

/**
 * The controls the PBX driver can carry out (bridge/src/pbx/driver.ts), from the agent's
 * snapshot. A bridge that does not say (older than the driver layer) speaks AMI: everything.
 */
export function offersOf(pbx: PbxCapabilities | undefined): Offers {
  const has = (k: keyof PbxCapabilities) => pbx?.[k] ?? true;
  return {
    decline: has('decline'),
    hangup: has('hangup'),
    hold: has('hold'),
    keypad: has('dtmf'),
    blindTransfer: has('blindTransfer'),
    attendedTransfer: has('attendedTransfer'),
    transfer: has('blindTransfer') || has('attendedTransfer'),
  };
}

/**
 * Controls that make sense for the agent in each state. Ringing: only hang up (decline); a
 * consultation going on (transferring): hang up, which completes the transfer on Asterisk;
 * parked: nothing, the call is taken back by dialling its slot from a phone.
 */
export function controlsFor(state: Call['state']): CallView['can'] {
  const talking = state === 'answered';
  return {
    hangup: state === 'ringing' || talking || state === 'held' || state === 'transferring',
    hold: talking || state === 'held',
    keypad: talking,
    transfer: talking,
  };
}

export function presentCalls(state: ViewState, t: Translate, opts: PresentOptions = {}): CallView[] {
  const me = state.agent?.extension;
  const tn = opts.tn ?? makePlural(t, opts.locale);
  const offers = offersOf(state.agent?.pbx);
  // A call this agent passed on is no longer theirs: it leaves the bar (its record shows in recent calls).
  return state.calls.filter((call) => call.state !== 'transferred').map((call) => {
    const number = farNumber(call);
    const entry = number ? state.lookups[number] : undefined;
    const customers = entry?.result?.customers ?? [];
    let lookup: LookupView = 'none';
    if (entry?.status === 'pending') lookup = 'pending';
    else if (entry?.status === 'failed') lookup = 'failed';
    else if (entry?.status === 'done') lookup = customers.length === 0 ? 'nobody' : customers.length === 1 ? 'one' : 'many';
    else if (number) lookup = 'pending';
    const elsewhere = call.answeredBy && call.answeredBy !== me && TAKEN.has(call.state) ? call.answeredBy : null;
    const { who } = whoIs(call, state, me, opts.chosen?.[call.id]);
    return {
      id: call.id,
      state: call.state,
      label: callLabel(call, t, me, who),
      who,
      stateLabel: elsewhere ? t('Answered by %1', call.names?.[elsewhere] ?? elsewhere) : t(STATE_LABEL[call.state]),
      startedAt: call.startedAt,
      number,
      answeredElsewhere: elsewhere,
      declinable: call.state === 'ringing' && !elsewhere && (call.direction === 'inbound' || (call.direction === 'internal' && call.from !== me)),
      can: controlsFor(call.state),
      offers,
      lookup,
      cards: customers.map((c) => card(c, t, tn)),
      newCustomerUrl: safeUrl(entry?.result?.newCustomerUrl),
      route: routeSentence(call.routing, t, opts.locale),
      routeName: call.routing?.route ?? null,
    };
  });
}

const DIRECTION_LABEL: Record<Call['direction'], StringKey> = { inbound: 'Incoming call', outbound: 'Outgoing call', internal: 'Internal call' };

export function presentRecent(state: ViewState, t: Translate, opts: PresentOptions = {}): RecentView[] {
  const me = state.agent?.extension;
  const now = opts.now ?? Date.now();
  return state.recent.map((call) => {
    const { who, name, numberShown } = whoIs(call, state, me, opts.chosen?.[call.id]);
    const missed = isMissed(call, me);
    const at = when(call.startedAt, now, opts.locale);
    // Call back: the outside number, or the colleague of an internal call.
    const number = farNumber(call) ?? (call.direction === 'internal' ? otherParty(call, me) || null : null);
    // Taken by a colleague: say who ("Answered by Bruno Petit"), the call was not this agent's.
    const colleague = call.disposition === 'answered' && call.answeredBy && call.answeredBy !== me ? call.answeredBy : null;
    const outcome = declinedBy(call, me)
      ? t('Declined')
      : colleague
        ? t('Answered by %1', call.names?.[colleague] ?? colleague)
        : call.disposition
          ? t(OUTCOME_LABEL[call.disposition])
          : '';
    return {
      id: call.id,
      label: callLabel(call, t, me, who),
      who,
      numberShown: name ? numberShown : null,
      number,
      name,
      time: at.short,
      date: at.full,
      meta: [name ? numberShown : '', outcome].filter(Boolean).join(' · '),
      duration: duration(call.answeredAt, call.endedAt),
      direction: call.direction,
      icon: missed ? 'missed' : call.direction === 'internal' ? 'transfer' : call.direction,
      directionLabel: missed ? t('Missed call') : t(DIRECTION_LABEL[call.direction]),
      outcome,
      missed,
      route: routeSentence(call.routing, t, opts.locale),
      routeName: call.routing?.route ?? null,
    };
  });
}

/** The agent declined it while it rang them: their own choice, not a call they missed. */
function declinedBy(call: Call, me: string | undefined): boolean {
  return me !== undefined && (call.declinedBy ?? []).includes(me) && call.disposition !== 'answered';
}

function isMissed(call: Call, me?: string): boolean {
  return !declinedBy(call, me) && call.direction === 'inbound' && (call.disposition === 'missed' || call.disposition === 'abandoned');
}

/** Missed inbound calls since the agent last opened the recent calls. */
export function missedCount(state: ViewState): number {
  const seen = state.recentSeenAt ? Date.parse(state.recentSeenAt) : 0;
  return state.recent.filter((c) => isMissed(c, state.agent?.extension) && Date.parse(c.endedAt ?? c.startedAt) > seen).length;
}

export function elapsed(startedAt: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}
