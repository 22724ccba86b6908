import type { Observable, ObservableArray, PureComputed } from 'knockout';
import type { BarContext } from './context';
import { addStyle } from './root';
import { duration, when } from './when';
import { WRAP_UP_STYLE } from './wrapUpStyle';
import type { WrapUpInput } from './wrapUp';
import type { PendingWrapUp, WrapUpStore } from './wrapUpStore';

/**
 * The wrap-up panel's form, a lazy chunk of the page bundle (bandeau-page-wrapup.js): loaded once a
 * call waits for its wrap-up (wrapUp.ts keeps the queue on every page and loads this then). Its
 * markup goes in the bar's wrap-up slot with its own view model; every value through knockout's
 * text/attr/value bindings.
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

/** How long "Wrap-up saved" stays. */
const SAVED_MS = 4_000;

/** What the queue on every page (wrapUp.ts) shares with the panel. */
export interface WrapUpQueue {
  ctx: BarContext;
  store: WrapUpStore;
  pending: ObservableArray<PendingWrapUp>;
  /** The call on show: the one that ended last. */
  current: PureComputed<PendingWrapUp | null>;
  /** Live calls on the bar: the panel is one line while there are some. */
  calls: Observable<number>;
  /** The agent opened the panel (Continue, or Wrap up from the recent calls). */
  expanded: Observable<boolean>;
  /** Saved or put off: out of the queue. */
  finish(callId: string, later?: boolean): void;
}

export interface WrapUpPanel {
  /** The agent asked for a call's wrap-up (recent calls): clear the last messages, focus the form. */
  opened(): void;
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

/**
 * Mounts the panel in `slot` (an element of the bar's markup knockout has already bound, so the
 * panel gets a child element of its own). Success is said in green (role=status) and clears; a
 * failure is a sentence (role=alert). Drafts follow the agent's typing into the store.
 */
export function mountWrapUpPanel(slot: HTMLElement, q: WrapUpQueue): WrapUpPanel {
  const { ko, t, tn, o } = q.ctx;
  let savedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the form is being filled from the store: those writes are not drafts. */
  let loading = false;
  const vm = {
    t,
    tn,
    wrapOutcomes: o.wrapUpChoices?.outcomes ?? [],
    wrapTags: o.wrapUpChoices?.tags ?? [],
    wrapCurrent: q.current,
    wrapMore: ko.pureComputed(() => Math.max(0, q.pending().length - 1)),
    /** One line while a call is on the bar (a ringing one keeps the top), unless the agent opened it. */
    wrapCompact: ko.pureComputed(() => q.calls() > 0 && !q.expanded()),
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
      q.expanded(true);
    },
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
      q.finish(p.callId);
      vm.wrapSaved(t('Wrap-up saved'));
      clearTimeout(savedTimer);
      savedTimer = setTimeout(() => vm.wrapSaved(''), SAVED_MS);
    },
    wrapLater() {
      const p = vm.wrapCurrent();
      if (p) q.finish(p.callId, true);
      vm.wrapError('');
    },
  };

  /** The form from the call on show, when another call comes in front. */
  let shown: string | undefined;
  const fill = (now: PendingWrapUp | null) => {
    if (!now || now.callId === shown) {
      shown = now?.callId;
      return;
    }
    shown = now.callId;
    loading = true;
    vm.wrapOutcome(now.outcome || undefined);
    vm.wrapTagsChosen(now.tags.filter((tag) => vm.wrapTags.some((c) => c.value === tag)));
    vm.wrapFollowUp(now.followUp);
    vm.wrapNote(now.note);
    loading = false;
  };
  fill(q.current());
  q.current.subscribe(fill);

  // Drafts follow the agent's typing (and reach the next page).
  const draft = () => {
    const p = vm.wrapCurrent();
    if (loading || !p) return;
    q.store.update(p.callId, { outcome: vm.wrapOutcome() ?? '', tags: vm.wrapTagsChosen(), followUp: vm.wrapFollowUp(), note: vm.wrapNote() });
  };
  vm.wrapOutcome.subscribe(draft);
  vm.wrapTagsChosen.subscribe(draft);
  vm.wrapFollowUp.subscribe(draft);
  vm.wrapNote.subscribe(draft);

  addStyle(slot, WRAP_UP_STYLE);
  const el = document.createElement('div');
  el.innerHTML = wrapUpTemplate;
  slot.appendChild(el);
  ko.applyBindings(vm, el);
  return {
    opened() {
      vm.wrapSaved('');
      vm.wrapError('');
      // After knockout rendered the form.
      setTimeout(() => el.querySelector<HTMLElement>('.bandeau-wrapup select, .bandeau-wrapup textarea')?.focus(), 0);
    },
  };
}
