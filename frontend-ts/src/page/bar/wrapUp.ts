import { farNumber, parseMessage, WrapUpResponse, type Call, type CustomerCard, type ViewState } from '../../../../bridge/src/protocol/messages';
import { adminPost } from '../adminPost';
import type { BarContext } from './context';
import { whoIs } from './model';
import { presentLastCalls } from './lastCalls';
import { duration, when } from './when';
import { WrapUpStore, type PendingWrapUp } from './wrapUpStore';

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
/** How long "Wrap-up saved" stays. */
const SAVED_MS = 4_000;

/**
 * The wrap-up panel: after a call the agent answered (or placed, and someone answered) ends, the
 * bar offers outcome and tags from Magento's configured lists, a follow-up date and a note, saved
 * on the call log. It sits under the current calls and shrinks to one line while a call is on the
 * bar, so a new ringing call keeps the top of the bar and its buttons. Success is said in green
 * (role=status) and clears; a failure is a sentence (role=alert). Drafts and the calls waiting
 * survive page loads (wrapUpStore.ts). The recent calls' "Wrap up" reopens it for any call.
 */
export const wrapUpTemplate = `
  <section class="bandeau-wrapup" data-bandeau-wrapup data-bind="visible: wrapCurrent, attr: { 'data-call-id': wrapCurrent() ? wrapCurrent().callId : null, 'data-compact': String(wrapCompact()), 'aria-label': wrapCurrent() ? t('Wrap up the call with %1', wrapCurrent().who) : null }">
    <!-- ko with: wrapCurrent -->
    <div class="bandeau-wrapup__head">
      <span class="bandeau-wrapup__label" data-bind="text: $parent.t('Wrap-up')"></span>
      <span class="bandeau-wrapup__who" data-bind="text: who"></span>
      <span class="bandeau-wrapup__when" data-bind="text: $parent.wrapWhen($data)"></span>
    </div>
    <!-- ko if: $parent.wrapCompact -->
    <button type="button" class="action-secondary" data-action="wrapup-continue" data-bind="click: $parent.wrapExpand, text: $parent.t('Continue the wrap-up')"></button>
    <!-- /ko -->
    <!-- ko ifnot: $parent.wrapCompact -->
    <form class="bandeau-wrapup__form" data-bind="submit: $parent.saveWrapUp">
      <label class="bandeau-wrapup__field" data-bind="visible: $parent.wrapOutcomes.length"><span data-bind="text: $parent.t('Outcome')"></span>
        <select data-action="wrapup-outcome" data-bind="options: $parent.wrapOutcomes, optionsText: 'label', optionsValue: 'value', optionsCaption: $parent.t('Choose an outcome…'), value: $parent.wrapOutcome"></select></label>
      <label class="bandeau-wrapup__field"><span data-bind="text: $parent.t('Follow up on')"></span>
        <input type="date" data-action="wrapup-follow-up" data-bind="value: $parent.wrapFollowUp, attr: { min: $parent.wrapToday() }"></label>
      <fieldset class="bandeau-wrapup__tags" data-bind="visible: $parent.wrapTags.length"><legend data-bind="text: $parent.t('Tags')"></legend>
        <!-- ko foreach: $parent.wrapTags -->
        <label class="bandeau-wrapup__tag"><input type="checkbox" data-bind="checkedValue: value, checked: $parents[1].wrapTagsChosen"><span data-bind="text: label"></span></label>
        <!-- /ko -->
      </fieldset>
      <label class="bandeau-wrapup__note"><span class="bandeau-bar__sr" data-bind="text: $parent.t('Note')"></span>
        <textarea rows="2" maxlength="65535" data-bind="textInput: $parent.wrapNote, attr: { placeholder: $parent.t('Note') }"></textarea></label>
      <div class="bandeau-wrapup__actions">
        <button type="submit" class="action-primary" data-action="wrapup-save" data-bind="text: $parent.t('Save wrap-up'), enable: !$parent.wrapBusy()"></button>
        <button type="button" data-action="wrapup-later" data-bind="click: $parent.wrapLater, text: $parent.t('Later'), enable: !$parent.wrapBusy()"></button>
        <span class="bandeau-wrapup__more" data-bind="visible: $parent.wrapMore() > 0, text: $parent.tn($parent.wrapMore(), '%1 more call to wrap up', '%1 more calls to wrap up')"></span>
      </div>
    </form>
    <!-- /ko -->
    <!-- /ko -->
  </section>
  <p class="bandeau-wrapup__saved" role="status" data-bind="text: wrapSaved"></p>
  <p class="bandeau-wrapup__error" role="alert" data-bind="text: wrapError"></p>`;

/** Posts a wrap-up to Magento's note endpoint (Controller/Adminhtml/Call/Note.php) and reads its answer. */
export async function postWrapUp(url: string, formKey: string | undefined, w: WrapUpInput): Promise<WrapUpResponse> {
  const params: Record<string, string> = { call_id: w.callId, note: w.note, outcome: w.outcome, tags: w.tags.join(','), follow_up_at: w.followUp, direction: w.direction };
  if (w.customerId !== null) params.customer_id = String(w.customerId);
  const r = parseMessage(WrapUpResponse, await adminPost(url, formKey, params));
  if (!r.ok) throw Object.assign(new Error(`unexpected answer (${r.reason})`), { code: 'http_invalid' });
  return r.value;
}

/** Calls worth a wrap-up: with a customer or a number outside, that this agent talked on. */
export function wantsWrapUp(call: Call, me: string | undefined): boolean {
  return me !== undefined && call.direction !== 'internal' && call.answeredAt !== null && call.answeredBy === me;
}

/** Whether an error is Magento's own sentence (a refusal) rather than no answer at all. */
function magentoSentence(err: unknown): string | null {
  const code = (err as { code?: unknown }).code;
  const message = (err as Error).message;
  if (typeof code !== 'string' || code.startsWith('http_') || err instanceof TypeError || !message) return null;
  return message;
}

/** The local date "2026-11-20" of a time (what a date input holds). */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function createWrapUp({ ko, t, o, ui }: BarContext, scope: string | null) {
  const store = new WrapUpStore(scope);
  const pending = ko.observableArray<PendingWrapUp>([]);
  const calls = ko.observable(0);
  const expanded = ko.observable(false);
  let lastState: ViewState | null = null;
  let savedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the form is being filled from the store: those writes are not drafts. */
  let loading = false;

  let root: HTMLElement | null = null;
  const vm = {
    canWrapUp: o.saveWrapUp !== undefined,
    wrapOutcomes: o.wrapUpChoices?.outcomes ?? [],
    wrapTags: o.wrapUpChoices?.tags ?? [],
    /** The call on show: the one that ended last. */
    wrapCurrent: ko.pureComputed((): PendingWrapUp | null => pending()[pending().length - 1] ?? null),
    wrapMore: ko.pureComputed(() => Math.max(0, pending().length - 1)),
    /** One line while a call is on the bar (a ringing one keeps the top), unless the agent opened it. */
    wrapCompact: ko.pureComputed(() => calls() > 0 && !expanded()),
    wrapOutcome: ko.observable<string | undefined>(undefined),
    wrapTagsChosen: ko.observableArray<string>([]),
    wrapFollowUp: ko.observable(''),
    wrapNote: ko.observable(''),
    wrapBusy: ko.observable(false),
    wrapSaved: ko.observable(''),
    wrapError: ko.observable(''),
    wrapToday: () => localDay(Date.now()),
    wrapWhen(p: PendingWrapUp): string {
      const at = when(p.startedAt, Date.now(), o.locale).short;
      const talk = duration(p.answeredAt, p.endedAt);
      return talk ? `${at} · ${talk}` : at;
    },
    wrapExpand() {
      expanded(true);
    },
    /** The caller's last calls on the card (customerCard.ts). */
    lastCallsOf: (list: NonNullable<CustomerCard['lastCalls']>) => presentLastCalls(list, t, Date.now(), o.locale),
    async saveWrapUp(): Promise<void> {
      const p = vm.wrapCurrent();
      if (!p || !o.saveWrapUp || vm.wrapBusy()) return;
      const input: WrapUpInput = {
        callId: p.callId,
        note: vm.wrapNote(),
        outcome: vm.wrapOutcome() ?? '',
        tags: vm.wrapTagsChosen(),
        followUp: vm.wrapFollowUp(),
        customerId: p.customerId,
        direction: p.direction,
      };
      vm.wrapSaved('');
      if (!input.note.trim() && !input.outcome && input.tags.length === 0 && !input.followUp) {
        vm.wrapError(t('Write a note or choose an outcome.'));
        return;
      }
      vm.wrapError('');
      vm.wrapBusy(true);
      try {
        await o.saveWrapUp(input);
      } catch (err) {
        const sentence = magentoSentence(err);
        vm.wrapError(t('The wrap-up could not be saved: %1', sentence ?? t('Magento did not answer. Check the connection and try again.')));
        return;
      } finally {
        vm.wrapBusy(false);
      }
      finish(p.callId);
      vm.wrapSaved(t('Wrap-up saved'));
      clearTimeout(savedTimer);
      savedTimer = setTimeout(() => vm.wrapSaved(''), SAVED_MS);
    },
    wrapLater() {
      const p = vm.wrapCurrent();
      if (p) finish(p.callId, true);
      vm.wrapError('');
    },
    /** Recent calls' "Wrap up": this call's wrap-up in front, open, its first field focused. */
    wrapUpCall(callId: string) {
      const call = lastState?.recent.find((c) => c.id === callId) ?? lastState?.calls.find((c) => c.id === callId);
      if (!call || !lastState) return;
      const existing = pending().find((p) => p.callId === callId) ?? store.putOff(callId);
      store.reopen(existing ?? entryFor(call, lastState));
      sync();
      expanded(true);
      vm.wrapSaved('');
      vm.wrapError('');
      // After knockout rendered the form.
      setTimeout(() => root?.querySelector<HTMLElement>('.bandeau-wrapup select, .bandeau-wrapup textarea')?.focus(), 0);
    },
    /** The bar's element, where the panel's fields are focused. */
    wrapAttach(el: HTMLElement) {
      root = el;
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

  /** The queue from the store (another tab may have changed it), and the form from the call on show. */
  function sync(): void {
    const before = vm.wrapCurrent()?.callId;
    pending(store.pending());
    const now = vm.wrapCurrent();
    if (now && now.callId !== before) {
      loading = true;
      vm.wrapOutcome(now.outcome || undefined);
      vm.wrapTagsChosen(now.tags.filter((tag) => vm.wrapTags.some((c) => c.value === tag)));
      vm.wrapFollowUp(now.followUp);
      vm.wrapNote(now.note);
      loading = false;
    }
  }

  // Drafts follow the agent's typing (and reach the next page).
  const draft = () => {
    const p = vm.wrapCurrent();
    if (loading || !p) return;
    store.update(p.callId, { outcome: vm.wrapOutcome() ?? '', tags: vm.wrapTagsChosen(), followUp: vm.wrapFollowUp(), note: vm.wrapNote() });
  };
  vm.wrapOutcome.subscribe(draft);
  vm.wrapTagsChosen.subscribe(draft);
  vm.wrapFollowUp.subscribe(draft);
  vm.wrapNote.subscribe(draft);
  store.onChange(sync);
  sync();
  return vm;
}
