import { farNumber, type Call, type CustomerCard, type ViewState } from '../../../../bridge/src/protocol/messages';
import type { StringKey, Translate } from '../strings';

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
}

export type LookupView = 'none' | 'pending' | 'one' | 'many' | 'nobody' | 'failed';

export interface CallView {
  id: string;
  state: Call['state'];
  label: string;
  stateLabel: string;
  startedAt: string;
  /** The far party's number (what to look up, call back, or fill in a new customer). */
  number: string | null;
  /** Another agent took the call: show who, and no controls. */
  answeredElsewhere: string | null;
  /** Which controls make sense in this state (the others are disabled). */
  can: { hangup: boolean; hold: boolean; keypad: boolean; transfer: boolean };
  lookup: LookupView;
  cards: CardView[];
  newCustomerUrl: string | null;
}

export interface RecentView {
  id: string;
  label: string;
  number: string | null;
  name: string | null;
  time: string;
  outcome: string;
  missed: boolean;
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
const OUTCOME_LABEL: Record<NonNullable<Call['disposition']>, StringKey> = {
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

export function callLabel(call: Call, t: Translate, me?: string): string {
  if (call.direction === 'inbound') return t('Inbound call from %1', call.from || '?');
  if (call.direction === 'outbound') return t('Outbound call to %1', call.to || '?');
  // The colleague on the other end: the callee when this agent placed the call.
  const other = call.from && call.from !== me ? call.from : call.to;
  return t('Internal call with %1', other || call.from || '?');
}

function card(c: CustomerCard, t: Translate): CardView {
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
    openCart: c.openCart ? t('Open cart: %1 items, %2', c.openCart.items, c.openCart.total) : null,
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

export function presentCalls(state: ViewState, t: Translate): CallView[] {
  const me = state.agent?.extension;
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
    return {
      id: call.id,
      state: call.state,
      label: callLabel(call, t, me),
      stateLabel: elsewhere ? t('Answered by %1', elsewhere) : t(STATE_LABEL[call.state]),
      startedAt: call.startedAt,
      number,
      answeredElsewhere: elsewhere,
      can: controlsFor(call.state),
      lookup,
      cards: customers.map((c) => card(c, t)),
      newCustomerUrl: safeUrl(entry?.result?.newCustomerUrl),
    };
  });
}

export function presentRecent(state: ViewState, t: Translate): RecentView[] {
  const me = state.agent?.extension;
  return state.recent.map((call) => {
    const number = farNumber(call);
    const name = number ? state.lookups[number]?.result?.customers[0]?.name ?? null : null;
    const at = new Date(call.startedAt);
    return {
      id: call.id,
      label: callLabel(call, t, me),
      number,
      name,
      time: Number.isNaN(at.getTime()) ? '' : `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`,
      outcome: call.disposition ? t(OUTCOME_LABEL[call.disposition]) : '',
      missed: isMissed(call),
    };
  });
}

function isMissed(call: Call): boolean {
  return call.direction === 'inbound' && (call.disposition === 'missed' || call.disposition === 'abandoned');
}

/** Missed inbound calls since the agent last opened the recent calls. */
export function missedCount(state: ViewState): number {
  const seen = state.recentSeenAt ? Date.parse(state.recentSeenAt) : 0;
  return state.recent.filter((c) => isMissed(c) && Date.parse(c.endedAt ?? c.startedAt) > seen).length;
}

export function elapsed(startedAt: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}
