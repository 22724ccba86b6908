import { CampaignNextResponse, CampaignOutcomeResponse, parseMessage, type CampaignOutcome } from '../../../bridge/src/protocol/messages';
import { adminPost } from './adminPost';
import { safeUrl } from './bar/model';
import type { Ko } from './knockout';
import type { StringKey, Translate } from './strings';
import { UiState } from './bar/uiState';

/** Markup of the campaign section; values only through text/attr/value bindings. */
const TEMPLATE = `
<details class="bandeau-campaign" data-bind="attr: { open: open() ? 'open' : null }, event: { toggle: toggled }">
  <summary data-bind="text: t('Campaign')"></summary>
  <p class="bandeau-campaign__message" role="status" data-bind="visible: message, text: message"></p>
  <button type="button" data-action="campaign-next" data-bind="visible: !contact() && !busy(), click: next, text: t('Next call')"></button>
  <!-- ko with: contact -->
  <div class="bandeau-campaign__contact" data-bind="attr: { 'data-contact-id': contactId }">
    <div><strong data-bind="text: $parent.campaignName"></strong></div>
    <a class="bandeau-campaign__name" data-bind="text: name, attr: { href: customerUrl }"></a>
    <div class="bandeau-campaign__phone" data-bind="text: phone"></div>
    <div data-bind="text: attemptsLabel"></div>
    <ul class="bandeau-campaign__cart" data-bind="foreach: cartLines"><li data-bind="text: $data"></li></ul>
    <div class="bandeau-campaign__total" data-bind="text: totalLabel"></div>
    <div data-bind="visible: lastNote, text: lastNote"></div>
    <button type="button" data-action="campaign-call" data-bind="click: $parent.call, text: $parent.t('Call %1', phone), enable: !$parent.busy()"></button>
    <form class="bandeau-campaign__outcome" data-bind="submit: $parent.saveOutcome">
      <label><span data-bind="text: $parent.t('Outcome')"></span>
        <select data-bind="options: $parent.outcomes, optionsText: 'label', optionsValue: 'value', value: $parent.outcome"></select></label>
      <label data-bind="visible: $parent.outcome() === 'callback'"><span data-bind="text: $parent.t('Call back at')"></span>
        <input type="datetime-local" data-bind="value: $parent.callbackAt"></label>
      <label><span class="bandeau-bar__sr" data-bind="text: $parent.t('Note')"></span>
        <textarea rows="2" maxlength="65535" data-bind="textInput: $parent.note, attr: { placeholder: $parent.t('Note') }"></textarea></label>
      <button type="submit" data-action="campaign-save" data-bind="text: $parent.t('Save outcome'), enable: !$parent.busy()"></button>
    </form>
  </div>
  <!-- /ko -->
</details>`;

const OUTCOMES: Array<[CampaignOutcome, StringKey]> = [
  ['reached_ordered', 'Reached, ordered'],
  ['will_order', 'Will order'],
  ['not_interested', 'Not interested'],
  ['callback', 'Call back later'],
  ['no_answer', 'No answer'],
  ['wrong_number', 'Wrong number'],
];

const CALL_KEY = 'bandeau.campaign.callId';

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
  formKey: string | undefined;
  /** Dials through the bridge; resolves with the new call's id. */
  dial(number: string): Promise<string | undefined>;
  /** Working a campaign and the panel open or closed, kept across page loads and tabs (uiState.ts). */
  ui?: UiState;
}

function money(value: number | string, currency: string | undefined): string {
  if (typeof value === 'string' || !currency) return String(value);
  try {
    return new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/**
 * "Next call" for agents working a campaign: claim a contact (Magento guarantees no two agents
 * get the same one), dial it, record the outcome; in power-dial mode the next contact is dialled
 * as soon as the outcome is saved. The claim lives in Magento, so a page load resumes it.
 */
export function mountCampaignPanel(container: HTMLElement, ko: Ko, o: CampaignPanelOptions): void {
  const { t } = o;
  const el = document.createElement('div');
  container.appendChild(el);
  const ui = o.ui ?? new UiState(null);
  const active = ui.observable(ko, 'campaignActive');
  const vm = {
    t,
    outcomes: OUTCOMES.map(([value, label]) => ({ value, label: t(label) })),
    active,
    /** The panel open: while working a campaign unless the agent closed it. */
    open: ui.openObservable(ko, 'campaign', active()),
    toggled(_: unknown, ev: Event) {
      vm.open((ev.target as HTMLDetailsElement).open);
      return true;
    },
    busy: ko.observable(false),
    message: ko.observable<string | null>(null),
    contact: ko.observable<ContactView | null>(null),
    campaignName: ko.observable(''),
    powerDial: false,
    /** The dial in flight: its call id links the outcome to the call log. */
    dialing: null as Promise<void> | null,
    outcome: ko.observable<CampaignOutcome>('no_answer'),
    note: ko.observable(''),
    callbackAt: ko.observable(''),
    async next(): Promise<void> {
      vm.busy(true);
      vm.message(null);
      try {
        const r = parseMessage(CampaignNextResponse, await adminPost(o.nextUrl, o.formKey, {}));
        if (!r.ok) throw new Error(`unexpected answer (${r.reason})`);
        const c = r.value.contact;
        vm.active(true);
        vm.open(true);
        if (!c) {
          vm.contact(null);
          vm.message(r.value.message ?? t('No contact to call now'));
          return;
        }
        vm.campaignName(r.value.campaign?.name ?? '');
        vm.powerDial = r.value.campaign?.powerDial === true;
        const currency = c.cart?.currency;
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
        vm.message((err as Error).message);
      } finally {
        vm.busy(false);
      }
    },
    async call(): Promise<void> {
      const c = vm.contact();
      if (!c) return;
      vm.dialing = o.dial(c.phone).then(
        (callId) => {
          if (callId) sessionStorage.setItem(CALL_KEY, callId);
        },
        (err: unknown) => {
          vm.message((err as Error).message);
        },
      );
      await vm.dialing;
    },
    async saveOutcome(): Promise<void> {
      const c = vm.contact();
      if (!c) return;
      vm.busy(true);
      try {
        await vm.dialing;
        vm.dialing = null;
        const params: Record<string, string> = { contactId: String(c.contactId), outcome: vm.outcome(), note: vm.note() };
        const callId = sessionStorage.getItem(CALL_KEY);
        if (callId) params.callId = callId;
        if (vm.outcome() === 'callback' && vm.callbackAt()) params.callbackAt = new Date(vm.callbackAt()).toISOString();
        const r = parseMessage(CampaignOutcomeResponse, await adminPost(o.outcomeUrl, o.formKey, params));
        if (!r.ok) throw new Error(`unexpected answer (${r.reason})`);
        sessionStorage.removeItem(CALL_KEY);
        vm.contact(null);
        vm.note('');
        vm.callbackAt('');
        vm.outcome('no_answer');
        vm.message(t('Outcome saved'));
      } catch (err) {
        vm.message((err as Error).message);
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
}
