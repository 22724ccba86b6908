import {
  CampaignDeferResponse,
  CampaignNextResponse,
  CampaignOutcomeResponse,
  CampaignTodayResponse,
  farNumber,
  parseMessage,
  type CampaignOutcome,
  type CampaignToday,
  type ParseResult,
  type ViewState,
} from '../../../bridge/src/protocol/messages';
import { adminPost } from './adminPost';
import { safeUrl } from './bar/model';
import type { Ko } from './knockout';
import { makePlural } from './plural';
import type { Translate } from './strings';
import { UiState } from './bar/uiState';
import { inDisplayZone } from './bar/when';
import { addStyle } from './bar/root';
import { CAMPAIGN_STYLE } from './campaignStyle';
import { CAMPAIGN_OUTCOMES, dayStart, localDateTime, presentDay, snoozeUntil, toLocalInput, type DayView, type SnoozeChoice } from './campaignDay';
import { CALL_KEY } from './campaignCall';

export { isCampaignCall } from './campaignCall';

/** Markup of the campaign section; values only through text/attr/value bindings. */
const TEMPLATE = `
<details class="bandeau-campaign" data-bind="attr: { open: open() ? 'open' : null }, event: { toggle: toggled }">
  <summary><span data-bind="text: t('Campaign')"></span> <span class="bandeau-campaign__badge" data-bind="visible: day, text: day() ? day().left : ''"></span></summary>
  <!-- ko with: day -->
  <div class="bandeau-campaign__today" aria-live="polite">
    <div data-bind="text: calls"></div>
    <ul class="bandeau-campaign__results" data-bind="foreach: results"><li data-bind="text: $data"></li></ul>
  </div>
  <!-- /ko -->
  <p class="bandeau-campaign__message" role="status" data-bind="text: message"></p>
  <p class="bandeau-campaign__error" role="alert" data-bind="text: error"></p>
  <button type="button" class="action-primary" data-action="campaign-next" data-bind="visible: !contact() && !busy(), click: next, text: t('Next call')"></button>
  <!-- ko with: contact -->
  <div class="bandeau-campaign__contact" data-bind="attr: { 'data-contact-id': contactId }">
    <div class="bandeau-campaign__name-row"><strong data-bind="text: $parent.campaignName"></strong> <span data-bind="text: attemptsLabel"></span></div>
    <a class="bandeau-campaign__name" data-bind="text: name, attr: { href: customerUrl }"></a>
    <span class="bandeau-campaign__phone" data-bind="text: phone"></span>
    <ul class="bandeau-campaign__cart" data-bind="foreach: cartLines"><li data-bind="text: $data"></li></ul>
    <div class="bandeau-campaign__total" data-bind="text: totalLabel"></div>
    <div class="bandeau-campaign__last-note" data-bind="visible: lastNote, text: lastNote"></div>
    <div class="bandeau-campaign__actions">
      <button type="button" class="action-primary" data-action="campaign-call" data-bind="click: $parent.call, text: $parent.t('Call'), enable: !$parent.busy() && !$parent.live(), attr: { 'aria-label': $parent.t('Call %1', name), title: $parent.live() ? $parent.t('Call in progress with this contact') : phone }"></button>
      <button type="button" data-action="campaign-skip" data-bind="click: function () { $parent.openDefer('skip'); }, text: $parent.t('Skip'), enable: !$parent.busy() && !$parent.live(), attr: { 'aria-expanded': String($parent.defer() === 'skip') }"></button>
      <button type="button" data-action="campaign-snooze" data-bind="click: function () { $parent.openDefer('snooze'); }, text: $parent.t('Snooze'), enable: !$parent.busy() && !$parent.live(), attr: { 'aria-expanded': String($parent.defer() === 'snooze') }"></button>
    </div>
    <p class="bandeau-campaign__live" data-bind="visible: $parent.live, text: $parent.t('Call in progress with this contact')"></p>
    <!-- ko if: $parent.defer -->
    <form class="bandeau-campaign__defer" data-bind="submit: $parent.confirmDefer">
      <label><span data-bind="text: $parent.t('Reason')"></span>
        <input type="text" maxlength="255" data-action="campaign-reason" data-bind="textInput: $parent.deferReason"></label>
      <label data-bind="visible: $parent.defer() === 'snooze'"><span class="bandeau-bar__sr" data-bind="text: $parent.t('Snooze')"></span>
        <select data-action="campaign-snooze-for" data-bind="options: $parent.snoozeChoices, optionsText: 'label', optionsValue: 'value', value: $parent.snoozeFor"></select></label>
      <div class="bandeau-campaign__defer-actions">
        <button type="submit" class="action-secondary" data-action="campaign-defer-confirm" data-bind="text: $parent.defer() === 'skip' ? $parent.t('Skip this contact') : $parent.t('Snooze this contact'), enable: !$parent.busy()"></button>
        <button type="button" data-action="campaign-defer-cancel" data-bind="click: function () { $parent.defer(null); }, text: $parent.t('Cancel')"></button>
      </div>
    </form>
    <!-- /ko -->
    <form class="bandeau-campaign__outcome" data-bind="submit: $parent.saveOutcome, visible: !$parent.defer()">
      <label><span data-bind="text: $parent.t('Outcome')"></span>
        <select data-action="campaign-outcome" data-bind="options: $parent.outcomes, optionsText: 'label', optionsValue: 'value', optionsCaption: $parent.t('Choose an outcome…'), value: $parent.outcome"></select></label>
      <label data-bind="visible: $parent.outcome() === 'callback'"><span data-bind="text: $parent.t('Call back on')"></span>
        <input type="datetime-local" data-action="campaign-callback-at" data-bind="value: $parent.callbackAt, attr: { min: $parent.minCallback() }"></label>
      <label class="bandeau-campaign__note"><span class="bandeau-bar__sr" data-bind="text: $parent.t('Note')"></span>
        <textarea rows="2" maxlength="65535" data-bind="textInput: $parent.note, attr: { placeholder: $parent.t('Note') }"></textarea></label>
      <button type="submit" class="action-primary" data-action="campaign-save" data-bind="text: $parent.t('Save outcome'), enable: !$parent.busy() && !!$parent.outcome()"></button>
    </form>
  </div>
  <!-- /ko -->
</details>`;


interface ContactView {
  contactId: number;
  name: string;
  phone: string;
  customerUrl: string | null;
  attemptsLabel: string;
  cartLines: string[];
  totalLabel: string;
  lastNote: string | null;
}

export interface CampaignPanelOptions {
  t: Translate;
  nextUrl: string;
  outcomeUrl: string;
  skipUrl?: string;
  snoozeUrl?: string;
  todayUrl?: string;
  formKey: string | undefined;
  locale?: string;
  /** Dials through the bridge; resolves with the new call's id. */
  dial(number: string): Promise<string | undefined>;
  /** Working a campaign and the panel open or closed, kept across page loads and tabs (uiState.ts). */
  ui?: UiState;
}

export interface CampaignPanel {
  /** The bar's state: the dial button waits while the contact's call is live. */
  render(state: ViewState): void;
}

function money(value: number | string, currency: string | undefined): string {
  if (typeof value === 'string' || !currency) return String(value);
  try {
    return new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** Digits and a leading +: "+1 (212) 229-3326" and "+12122293326" are one number. */
const digits = (n: string) => n.replace(/[^\d+]/g, '');

/**
 * Campaign work through a working day: claim a contact (Magento guarantees no two agents get the
 * same one), dial it, record an outcome (none is preselected; "Call back later" asks when, and
 * the contact comes back only then), or skip / snooze it with a reason. The dial button waits
 * while that contact's call is live. The agent's day (contacts left, calls and results today)
 * comes with every answer. In power-dial mode the next contact is dialled once the outcome is
 * saved. The claim lives in Magento, so a page load resumes it.
 */
export function mountCampaignPanel(container: HTMLElement, ko: Ko, o: CampaignPanelOptions): CampaignPanel {
  const { t } = o;
  const tn = makePlural(t, o.locale);
  const el = document.createElement('div');
  container.appendChild(el);
  addStyle(el, CAMPAIGN_STYLE);
  const ui = o.ui ?? new UiState(null);
  const active = ui.observable(ko, 'campaignActive');
  const lastState = ko.observable<ViewState | null>(null);
  let messageTimer: ReturnType<typeof setTimeout> | undefined;

  const post = async <T>(url: string, parse: (raw: unknown) => ParseResult<T>, params: Record<string, string>): Promise<T> => {
    const r = parse(await adminPost(url, o.formKey, { ...params, dayStart: dayStart() }));
    if (!r.ok) throw Object.assign(new Error(`unexpected answer (${r.reason})`), { code: 'http_invalid' });
    return r.value;
  };
  /** Magento's refusal is a sentence in the agent's language; no answer at all gets ours. */
  const sentence = (err: unknown): string => {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('http_') && (err as Error).message) return (err as Error).message;
    return t('Magento did not answer. Check the connection and try again.');
  };

  const vm = {
    t,
    outcomes: CAMPAIGN_OUTCOMES.map(([value, label]) => ({ value, label: t(label) })),
    snoozeChoices: [
      { value: '1h', label: t('For 1 hour') },
      { value: '3h', label: t('For 3 hours') },
      { value: 'tomorrow', label: t('Until tomorrow morning') },
    ],
    active,
    /** The panel open: while working a campaign unless the agent closed it. */
    open: ui.openObservable(ko, 'campaign', active()),
    toggled(_: unknown, ev: Event) {
      const open = (ev.target as HTMLDetailsElement).open;
      vm.open(open);
      if (open && !vm.day()) void vm.refreshDay();
      return true;
    },
    busy: ko.observable(false),
    /** Success, in green (role=status), cleared after a while. */
    message: ko.observable(''),
    /** A failure, as a sentence (role=alert). */
    error: ko.observable(''),
    day: ko.observable<DayView | null>(null),
    contact: ko.observable<ContactView | null>(null),
    campaignName: ko.observable(''),
    powerDial: false,
    /** The call this panel placed to the contact. */
    callId: ko.observable<string | null>(sessionStorage.getItem(CALL_KEY)),
    /** The dial in flight: its call id links the outcome to the call log. */
    dialing: null as Promise<void> | null,
    outcome: ko.observable<CampaignOutcome | undefined>(undefined),
    note: ko.observable(''),
    callbackAt: ko.observable(''),
    minCallback: () => toLocalInput(new Date()),
    defer: ko.observable<'skip' | 'snooze' | null>(null),
    deferReason: ko.observable(''),
    snoozeFor: ko.observable<SnoozeChoice>('1h'),
    /** The contact's call is on the bar (placed from here or from any tel: link). */
    live: ko.pureComputed((): boolean => {
      const state = lastState();
      const c = vm.contact();
      if (!state || !c) return false;
      return state.calls.some((call) => call.state !== 'ended' && (call.id === vm.callId() || digits(farNumber(call) ?? '') === digits(c.phone)));
    }),
    say(text: string) {
      vm.error('');
      vm.message(text);
      clearTimeout(messageTimer);
      messageTimer = setTimeout(() => vm.message(''), 6_000);
    },
    fail(err: unknown) {
      vm.message('');
      vm.error(sentence(err));
    },
    setDay(today: CampaignToday | undefined) {
      if (today) vm.day(presentDay(today, t, tn));
    },
    async refreshDay(): Promise<void> {
      if (!o.todayUrl) return;
      try {
        vm.setDay((await post(o.todayUrl, (x) => parseMessage(CampaignTodayResponse, x), {})).today);
      } catch {
        // The counters wait for the next answer; nothing the agent must act on.
      }
    },
    clearForms() {
      vm.note('');
      vm.callbackAt('');
      vm.outcome(undefined);
      vm.defer(null);
      vm.deferReason('');
    },
    async next(): Promise<void> {
      vm.busy(true);
      vm.error('');
      try {
        const r = await post(o.nextUrl, (x) => parseMessage(CampaignNextResponse, x), {});
        vm.setDay(r.today);
        const c = r.contact;
        vm.active(true);
        vm.open(true);
        if (!c) {
          vm.contact(null);
          vm.say(r.message ?? t('No contact to call now'));
          return;
        }
        vm.campaignName(r.campaign?.name ?? '');
        vm.powerDial = r.campaign?.powerDial === true;
        const currency = c.cart?.currency;
        if (vm.contact()?.contactId !== c.contactId) vm.clearForms();
        vm.contact({
          contactId: c.contactId,
          name: c.name,
          phone: c.phone,
          customerUrl: safeUrl(c.customerUrl),
          attemptsLabel: t('Attempt %1 of %2', c.attempts + 1, c.maxAttempts),
          cartLines: (c.cart?.items ?? []).map((i) => `${i.qty} × ${i.name}${i.rowTotal !== undefined ? ` · ${money(i.rowTotal, currency)}` : ''}`),
          totalLabel: c.cart ? t('Cart: %1', money(c.cart.total, currency)) : '',
          lastNote: c.lastNote ? t('Last note: %1', c.lastNote) : null,
        });
      } catch (err) {
        vm.fail(err);
      } finally {
        vm.busy(false);
      }
    },
    async call(): Promise<void> {
      const c = vm.contact();
      if (!c || vm.live()) return;
      vm.error('');
      vm.dialing = o.dial(c.phone).then(
        (callId) => {
          if (callId) {
            sessionStorage.setItem(CALL_KEY, callId);
            vm.callId(callId);
          }
        },
        (err: unknown) => vm.error((err as Error).message),
      );
      await vm.dialing;
    },
    openDefer(kind: 'skip' | 'snooze') {
      vm.defer(vm.defer() === kind ? null : kind);
      vm.error('');
    },
    async confirmDefer(): Promise<void> {
      const c = vm.contact();
      const kind = vm.defer();
      if (!c || !kind) return;
      const reason = vm.deferReason().trim();
      if (!reason) {
        vm.error(t('Say why.'));
        return;
      }
      const url = kind === 'skip' ? o.skipUrl : o.snoozeUrl;
      if (!url) return;
      vm.busy(true);
      try {
        const params: Record<string, string> = { contactId: String(c.contactId), reason };
        if (kind === 'snooze') params.until = snoozeUntil(vm.snoozeFor()).toISOString();
        const r = await post(url, (x) => parseMessage(CampaignDeferResponse, x), params);
        vm.setDay(r.today);
        vm.contact(null);
        vm.clearForms();
        const back = r.nextAttemptAt ? new Date(r.nextAttemptAt) : null;
        vm.say(
          kind === 'skip' || !back
            ? t('Skipped: the contact goes to the back of the queue.')
            : t('Snoozed until %1.', new Intl.DateTimeFormat(o.locale?.replace('_', '-') || undefined, inDisplayZone({ dateStyle: 'medium', timeStyle: 'short' })).format(back)),
        );
      } catch (err) {
        vm.fail(err);
      } finally {
        vm.busy(false);
      }
    },
    async saveOutcome(): Promise<void> {
      const c = vm.contact();
      const outcome = vm.outcome();
      if (!c || !outcome) return;
      const params: Record<string, string> = { contactId: String(c.contactId), outcome, note: vm.note() };
      if (outcome === 'callback') {
        const at = localDateTime(vm.callbackAt());
        if (!at) {
          vm.error(t('Choose when to call back.'));
          return;
        }
        params.callbackAt = at.toISOString();
      }
      vm.busy(true);
      try {
        await vm.dialing;
        vm.dialing = null;
        const callId = sessionStorage.getItem(CALL_KEY);
        if (callId) params.callId = callId;
        const r = await post(o.outcomeUrl, (x) => parseMessage(CampaignOutcomeResponse, x), params);
        vm.setDay(r.today);
        sessionStorage.removeItem(CALL_KEY);
        vm.callId(null);
        vm.contact(null);
        vm.clearForms();
        vm.say(t('Outcome saved'));
      } catch (err) {
        vm.fail(err);
        return;
      } finally {
        vm.busy(false);
      }
      // Power dial: the next contact is called as soon as the wrap-up is done.
      if (vm.powerDial) {
        await vm.next();
        if (vm.contact()) await vm.call();
      }
    },
  };
  el.innerHTML = TEMPLATE;
  ko.applyBindings(vm, el);
  // A page load in the middle of a campaign: Magento hands back the contact this agent holds.
  if (vm.active()) void vm.next();
  else if (vm.open()) void vm.refreshDay();
  return {
    render(state) {
      lastState(state);
    },
  };
}
