import type { Call, CustomerCard, ViewState, WrapUpResponse } from '../../../../bridge/src/protocol/messages';
import { farNumber } from '../../../../bridge/src/protocol/pageSide';
import { adminPost } from '../adminPost';
import { protocolChecks } from '../protocolChecks';
import type { BarContext } from './context';
import { whoIs } from './model';
import { presentLastCalls } from './lastCalls';
import { WrapUpStore, type PendingWrapUp } from './wrapUpStore';
import type { WrapUpPanel, WrapUpQueue } from './wrapUpPanel';
import { log } from '../../shared/log';

/** What the bar sends Magento for a wrap-up (bandeau/call/note, CallWrapUpInterface). */
export interface WrapUpInput {
  callId: string;
  note: string;
  outcome: string;
  tags: string[];
  /** "2026-11-20", or '' */
  followUp: string;
  customerId: number | null;
  direction: Call['direction'];
}

export interface WrapUpChoice {
  value: string;
  label: string;
}

/** A call that ended this long ago is no longer offered by itself (still from the recent calls). */
const OFFER_WINDOW_MS = 30 * 60_000;

/**
 * The wrap-up: after a call the agent answered (or placed, and someone answered) ends, the bar
 * offers outcome and tags from Magento's configured lists, a follow-up date and a note, saved on
 * the call log. This part runs on every page: it keeps the queue of calls waiting (wrapUpStore.ts:
 * drafts and the calls waiting survive page loads), the recent calls' "Wrap up" and the card's
 * last calls. The panel itself (wrapUpPanel.ts) is a lazy chunk loaded once a call waits: it sits
 * under the current calls (the slot below) and shrinks to one line while a call is on the bar, so
 * a new ringing call keeps the top of the bar and its buttons.
 */
export const wrapUpTemplate = `
  <div class="bandeau-wrapup-slot" data-bandeau-wrapup-slot></div>`;

/** Posts a wrap-up to Magento's note endpoint (Controller/Adminhtml/Call/Note.php) and reads its answer. */
export async function postWrapUp(url: string, formKey: string | undefined, w: WrapUpInput): Promise<WrapUpResponse> {
  const params: Record<string, string> = { call_id: w.callId, note: w.note, outcome: w.outcome, tags: w.tags.join(','), follow_up_at: w.followUp, direction: w.direction };
  if (w.customerId !== null) params.customer_id = String(w.customerId);
  const [answer, { parseMessage, WrapUpResponse }] = await Promise.all([adminPost(url, formKey, params), protocolChecks()]);
  const r = parseMessage(WrapUpResponse, answer);
  if (!r.ok) throw Object.assign(new Error(`unexpected answer (${r.reason})`), { code: 'http_invalid' });
  return r.value;
}

/** Calls worth a wrap-up: with a customer or a number outside, that this agent talked on. */
export function wantsWrapUp(call: Call, me: string | undefined): boolean {
  return me !== undefined && call.direction !== 'internal' && call.answeredAt !== null && call.answeredBy === me;
}

/** The wrap-up panel's chunk (webpack.config.js), loaded once a call waits for its wrap-up. */
const loadPanel = () => import(/* webpackChunkName: "bandeau-page-wrapup" */ './wrapUpPanel');

export function createWrapUp(ctx: BarContext, scope: string | null) {
  const { ko, t, o, ui } = ctx;
  const store = new WrapUpStore(scope);
  const pending = ko.observableArray<PendingWrapUp>([]);
  const calls = ko.observable(0);
  const expanded = ko.observable(false);
  const current = ko.pureComputed((): PendingWrapUp | null => pending()[pending().length - 1] ?? null);
  // The panel's form is rebuilt whenever this changes (knockout's `with`), and every state the bar
  // gets re-reads the queue: only another call, or what the form shows of it, is a change. Else the
  // form was rebuilt under the agent's typing, losing the focus and a keystroke in flight.
  current.equalityComparer = (a, b) =>
    a === b ||
    (a != null &&
      b != null &&
      a.callId === b.callId &&
      a.who === b.who &&
      a.startedAt === b.startedAt &&
      a.answeredAt === b.answeredAt &&
      a.endedAt === b.endedAt &&
      a.customerId === b.customerId &&
      a.direction === b.direction);
  let lastState: ViewState | null = null;
  let slot: HTMLElement | null = null;
  let panel: Promise<WrapUpPanel | null> | null = null;

  const queue: WrapUpQueue = { ctx, store, pending, current, calls, expanded, finish };
  /** The panel, loaded and mounted the first time a call waits (the bar's first paint waits for it). */
  function showPanel(): Promise<WrapUpPanel | null> {
    if (panel || !slot) return panel ?? Promise.resolve(null);
    const where = slot;
    panel = loadPanel().then(
      ({ mountWrapUpPanel }) => mountWrapUpPanel(where, queue),
      (err: unknown) => {
        panel = null;
        log.error('the wrap-up panel could not be loaded:', err);
        return null;
      },
    );
    o.lazyPart?.(panel);
    return panel;
  }

  const vm = {
    canWrapUp: o.saveWrapUp !== undefined,
    /** The caller's last calls on the card (customerCard.ts). */
    lastCallsOf: (list: NonNullable<CustomerCard['lastCalls']>) => presentLastCalls(list, t, Date.now(), o.locale),
    /** Recent calls' "Wrap up": this call's wrap-up in front, open, its first field focused. */
    wrapUpCall(callId: string) {
      const call = lastState?.recent.find((c) => c.id === callId) ?? lastState?.calls.find((c) => c.id === callId);
      if (!call || !lastState) return;
      const existing = pending().find((p) => p.callId === callId) ?? store.putOff(callId);
      store.reopen(existing ?? entryFor(call, lastState));
      sync();
      expanded(true);
      void showPanel().then((p) => p?.opened());
    },
    /** The bar's element, where the panel's slot is. */
    wrapAttach(el: HTMLElement) {
      slot = el.querySelector<HTMLElement>('[data-bandeau-wrapup-slot]');
      if (pending().length > 0) void showPanel();
    },
    /** Called by the bar on every state: offers the calls that just ended. */
    updateWrapUp(state: ViewState) {
      lastState = state;
      const me = state.agent?.extension;
      const live = state.calls.filter((c) => c.state !== 'ended' && c.state !== 'transferred').length;
      if (live === 0) expanded(false);
      calls(live);
      if (!me || !o.saveWrapUp) return;
      for (const call of state.calls) if (wantsWrapUp(call, me) && call.state !== 'ended') store.watch(call.id);
      const now = Date.now();
      // Oldest first, so the call that ended last is shown. Only calls a page of this session saw
      // the agent talk on: not one ended in another browser, nor before this login.
      for (const call of [...state.recent].reverse()) {
        if (!wantsWrapUp(call, me) || !store.isWatched(call.id) || store.knows(call.id)) continue;
        const ended = Date.parse(call.endedAt ?? call.startedAt);
        if (!(now - ended < OFFER_WINDOW_MS)) continue;
        // The campaign panel's outcome form is that call's wrap-up: never offered here by itself.
        if (o.isCampaignCall?.(call.id)) store.done(call.id);
        else store.add(entryFor(call, state));
      }
      sync();
    },
  };

  function entryFor(call: Call, state: ViewState): PendingWrapUp {
    const me = state.agent?.extension;
    const chosen = ui.get('chosen')[call.id];
    const number = farNumber(call);
    const customers = number ? state.lookups[number]?.result?.customers ?? [] : [];
    const customerId = customers.length === 1 ? customers[0]!.customerId : chosen !== undefined && customers.some((c) => c.customerId === chosen) ? chosen : null;
    return {
      callId: call.id,
      who: whoIs(call, state, me, chosen).who,
      direction: call.direction,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      customerId,
      note: '',
      outcome: '',
      tags: [],
      followUp: '',
    };
  }

  function finish(callId: string, later = false): void {
    store.done(callId, later);
    sync();
  }

  /** The queue from the store (another tab may have changed it); the panel once a call waits. */
  function sync(): void {
    pending(store.pending());
    if (pending().length > 0) void showPanel();
  }

  store.onChange(sync);
  sync();
  return vm;
}
