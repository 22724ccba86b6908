import type { AgentStatus, ConnectionState, ViewState } from '../../../bridge/src/protocol/messages';
import { elapsed, missedCount, presentCalls, presentRecent, type CallView, type RecentView } from './barModel';
import type { Ko } from './knockout';
import type { PageCommand } from './sessionLink';
import { problemText, type Translate } from './strings';
import { BAR_STYLE } from './barStyle';
import { addStyle, openBarRoot } from './barRoot';

/**
 * The bar's markup. Every dynamic value goes through knockout's `text`/`attr`/`value`
 * bindings, which escape; nothing from a call or a customer is ever parsed as HTML.
 */
const TEMPLATE = `
<div class="bandeau-bar__head">
  <button type="button" class="bandeau-bar__toggle" data-bind="click: toggle, attr: { 'aria-expanded': String(!collapsed()), title: collapsed() ? t('Show phone bar') : t('Hide phone bar') }">
    <span data-bind="text: t('Phone')"></span>
    <span class="bandeau-bar__badge" data-bind="visible: missed() > 0, text: missed, attr: { title: t('%1 missed calls', missed()) }"></span>
  </button>
  <span class="bandeau-bar__status" role="status" aria-live="polite" data-bind="text: connectionLabel"></span>
  <span class="bandeau-bar__agent" data-bind="text: agentLabel"></span>
  <label class="bandeau-bar__presence" data-bind="visible: hasAgent"><span class="bandeau-bar__sr" data-bind="text: t('Status')"></span>
    <select data-bind="options: statuses, optionsText: 'label', optionsValue: 'value', value: status, event: { change: changeStatus }"></select>
  </label>
</div>
<div class="bandeau-bar__body" data-bind="visible: !collapsed()">
  <p class="bandeau-bar__problem" role="alert" data-bind="visible: problem, text: problem"></p>
  <p class="bandeau-bar__notice" role="alert" data-bind="visible: notice, text: notice"></p>
  <ul class="bandeau-bar__calls" data-bind="foreach: calls">
    <li class="bandeau-bar__call" data-bind="attr: { 'data-call-id': id, 'data-call-state': state, 'data-answered-elsewhere': answeredElsewhere ? 'true' : 'false' }">
      <div class="bandeau-bar__call-head">
        <span class="bandeau-bar__call-label" data-bind="text: label"></span>
        <span class="bandeau-bar__call-state" data-bind="text: stateLabel"></span>
        <span class="bandeau-bar__call-timer" data-bind="text: $parent.timer(startedAt)"></span>
      </div>
      <div class="bandeau-bar__lookup" data-bind="attr: { 'data-lookup': lookup }">
        <p data-bind="visible: lookup === 'pending', text: $parent.t('Looking up the caller…')"></p>
        <p data-bind="visible: lookup === 'failed', text: $parent.t('Caller lookup failed')"></p>
        <!-- ko if: lookup === 'nobody' -->
        <p><span data-bind="text: $parent.t('Unknown caller')"></span>
          <a class="bandeau-bar__link" data-bind="visible: newCustomerUrl, attr: { href: newCustomerUrl }, text: $parent.t('Create customer')"></a></p>
        <!-- /ko -->
        <!-- ko if: lookup === 'many' && !$parent.chosen()[id] -->
        <p data-bind="text: $parent.t('Several customers have this number:')"></p>
        <ul class="bandeau-bar__chooser" data-bind="foreach: cards">
          <li><button type="button" class="bandeau-bar__choice" data-bind="click: function () { $parents[1].choose($parent.id, customerId); }">
            <span data-bind="text: name"></span> <small data-bind="text: email"></small></button></li>
        </ul>
        <!-- /ko -->
        <!-- ko with: $parent.cardFor($data) -->
        <div class="bandeau-bar__card" data-bind="attr: { 'data-customer-id': customerId }">
          <a class="bandeau-bar__card-name" data-bind="text: name, attr: { href: url }"></a>
          <div class="bandeau-bar__card-meta"><span data-bind="text: email"></span> <span data-bind="text: group"></span> <span data-bind="text: lifetimeSales"></span></div>
          <div class="bandeau-bar__card-cart" data-bind="visible: openCart, text: openCart"></div>
          <!-- ko if: lastOrders.length -->
          <ul class="bandeau-bar__orders" data-bind="foreach: lastOrders">
            <li><a data-bind="text: label, attr: { href: url }"></a> <span data-bind="text: status"></span></li>
          </ul>
          <!-- /ko -->
          <div class="bandeau-bar__card-actions">
            <a class="bandeau-bar__link" data-bind="visible: url, attr: { href: url }, text: $parents[1].t('Open customer')"></a>
            <a class="bandeau-bar__link" data-bind="visible: latestOrderUrl, attr: { href: latestOrderUrl }, text: $parents[1].t('Latest order')"></a>
            <a class="bandeau-bar__link" data-bind="visible: createOrderUrl, attr: { href: createOrderUrl }, text: $parents[1].t('Create order')"></a>
          </div>
        </div>
        <!-- /ko -->
      </div>
      <!-- ko ifnot: answeredElsewhere -->
      <div class="bandeau-bar__controls">
        <button type="button" data-action="hangup" data-bind="enable: can.hangup, click: function () { $parent.send({ type: 'call.hangup', callId: id }); }, text: $parent.t('Hang up')"></button>
        <button type="button" data-action="hold" data-bind="enable: can.hold, click: function () { $parent.send({ type: 'call.hold', callId: id, hold: state !== 'held' }); }, text: state === 'held' ? $parent.t('Resume') : $parent.t('Hold')"></button>
        <button type="button" data-action="mute" data-bind="visible: $parent.softphone, click: $parent.toggleMute, text: $parent.muted() ? $parent.t('Unmute') : $parent.t('Mute')"></button>
        <button type="button" data-action="keypad" data-bind="enable: can.keypad, click: function () { $parent.toggleKeypad(id); }, text: $parent.t('Keypad'), attr: { 'aria-expanded': String(can.keypad && $parent.keypadFor() === id) }"></button>
        <form class="bandeau-bar__transfer" data-bind="submit: function () { $parent.transfer(id, 'call.blindTransfer'); }">
          <label><span class="bandeau-bar__sr" data-bind="text: $parent.t('Transfer to')"></span>
            <input type="text" inputmode="tel" autocomplete="off" maxlength="64" data-bind="enable: can.transfer, value: $parent.transferTarget, attr: { placeholder: $parent.t('Transfer to') }"></label>
          <button type="submit" data-action="blind-transfer" data-bind="enable: can.transfer, text: $parent.t('Transfer')"></button>
          <button type="button" data-action="attended-transfer" data-bind="enable: can.transfer, click: function () { $parent.transfer(id, 'call.attendedTransfer'); }, text: $parent.t('Consult transfer')"></button>
        </form>
        <div class="bandeau-bar__keypad" data-bind="visible: can.keypad && $parent.keypadFor() === id, foreach: $parent.keys">
          <button type="button" data-bind="text: $data, click: function () { $parents[1].send({ type: 'call.dtmf', callId: $parent.id, digits: $data }); }"></button>
        </div>
      </div>
      <!-- /ko -->
    </li>
  </ul>
  <p class="bandeau-bar__empty" data-bind="visible: calls().length === 0, text: t('No current call')"></p>
  <form class="bandeau-bar__dial" data-bind="submit: dial">
    <label><span class="bandeau-bar__sr" data-bind="text: t('Number to call')"></span>
      <input type="text" inputmode="tel" autocomplete="off" maxlength="64" data-bind="textInput: dialNumber, attr: { placeholder: t('Number to call') }"></label>
    <button type="submit" data-action="dial" data-bind="text: t('Call'), enable: dialNumber().trim().length > 0"></button>
    <details><summary data-bind="text: t('Keypad')"></summary>
      <div class="bandeau-bar__keypad" data-bind="foreach: keys">
        <button type="button" data-bind="text: $data, click: function () { $parent.dialNumber($parent.dialNumber() + $data); }"></button>
      </div>
    </details>
  </form>
  <details class="bandeau-bar__recent" data-bind="event: { toggle: recentToggled }">
    <summary><span data-bind="text: t('Recent calls')"></span> <span class="bandeau-bar__badge" data-bind="visible: missed() > 0, text: missed"></span></summary>
    <p data-bind="visible: recent().length === 0, text: t('No recent calls')"></p>
    <ul data-bind="foreach: recent">
      <li class="bandeau-bar__recent-call" data-bind="css: { 'bandeau-bar__recent-call--missed': missed }, attr: { 'data-call-id': id }">
        <span data-bind="text: time"></span> <span data-bind="text: name || label"></span> <span data-bind="text: outcome"></span>
        <button type="button" data-action="call-back" data-bind="visible: number, click: function () { $parent.callBack(number); }, text: $parent.t('Call back')"></button>
        <button type="button" data-action="note" data-bind="visible: $parent.canNote, click: function () { $parent.noteFor(id); }, text: $parent.t('Note'), attr: { 'aria-expanded': String($parent.noteFor() === id) }"></button>
        <!-- ko if: $parent.noteFor() === id -->
        <form class="bandeau-bar__note" data-bind="submit: function () { $parent.saveNote(id); }">
          <label><span class="bandeau-bar__sr" data-bind="text: $parent.t('Wrap-up note')"></span>
            <textarea rows="3" maxlength="65535" data-bind="textInput: $parent.noteText, attr: { placeholder: $parent.t('Wrap-up note') }"></textarea></label>
          <button type="submit" data-action="save-note" data-bind="text: $parent.t('Save note'), enable: $parent.noteText().trim().length > 0"></button>
        </form>
        <!-- /ko -->
      </li>
    </ul>
  </details>
</div>`;

export interface PhoneBar {
  /** The bar's element, inside the shadow root (see barRoot.ts). */
  element: HTMLElement;
  /** Where the campaign panel and the softphone strip go; null without knockout. */
  body: HTMLElement | null;
  render(state: ViewState): void;
  notice(text: string | null): void;
}

export interface BarOptions {
  t: Translate;
  softphone: boolean;
  send(command: PageCommand): void;
  /** Softphone mode: the Mute button mutes the browser's microphone on the call. */
  onMute?: (muted: boolean) => void;
  /** Saves a wrap-up note in Magento; absent when the page has no note URL. */
  saveNote?: (callId: string, note: string) => Promise<void>;
}

/**
 * Mounts the phone bar in a shadow root on `host`, out of reach of Magento's global knockout
 * bindings (barRoot.ts says why). Without knockout the state attribute still works.
 */
export function mountPhoneBar(host: HTMLElement, ko: Ko | null, o: BarOptions): PhoneBar {
  const { t } = o;
  const root = openBarRoot(host);
  const bar = document.createElement('section');
  bar.setAttribute('data-bandeau-bar', '');
  bar.setAttribute('data-bandeau-state', 'connecting');
  bar.setAttribute('aria-label', t('Phone'));
  bar.className = 'bandeau-bar';
  root.appendChild(bar);
  addStyle(bar, BAR_STYLE);

  const setState = (s: ConnectionState) => bar.setAttribute('data-bandeau-state', s);
  if (!ko) {
    const status = document.createElement('span');
    bar.appendChild(status);
    return {
      element: bar,
      body: null,
      render(state) {
        setState(state.connection);
        status.textContent = connectionLabel(state.connection, t);
      },
      notice() {},
    };
  }

  const now = ko.observable(Date.now());
  setInterval(() => now(Date.now()), 1_000);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const vm = {
    t,
    softphone: o.softphone,
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'],
    statuses: (['available', 'busy', 'away', 'offline'] as const).map((v) => ({ value: v, label: t(v === 'available' ? 'Available' : v === 'busy' ? 'Busy' : v === 'away' ? 'Away' : 'Offline') })),
    collapsed: ko.observable(false),
    connectionLabel: ko.observable(connectionLabel('connecting', t)),
    agentLabel: ko.observable(''),
    hasAgent: ko.observable(false),
    status: ko.observable<AgentStatus>('available'),
    problem: ko.observable<string | null>(null),
    notice: ko.observable<string | null>(null),
    calls: ko.observableArray<CallView>([]),
    recent: ko.observableArray<RecentView>([]),
    missed: ko.observable(0),
    chosen: ko.observable<Record<string, number>>({}),
    keypadFor: ko.observable<string | null>(null),
    transferTarget: ko.observable(''),
    dialNumber: ko.observable(''),
    muted: ko.observable(false),
    canNote: o.saveNote !== undefined,
    noteFor: ko.observable<string | null>(null),
    noteText: ko.observable(''),
    saveNote(callId: string) {
      const text = vm.noteText().trim();
      if (!text || !o.saveNote) return;
      o.saveNote(callId, text).then(
        () => {
          vm.noteFor(null);
          vm.noteText('');
          showNotice(t('Note saved'));
        },
        (err: unknown) => showNotice(t('The note could not be saved: %1', (err as Error).message)),
      );
    },
    toggle() {
      vm.collapsed(!vm.collapsed());
    },
    timer: (startedAt: string) => elapsed(startedAt, now()),
    send: (c: PageCommand) => o.send(c),
    changeStatus() {
      o.send({ type: 'agent.setStatus', status: vm.status() });
    },
    choose(callId: string, customerId: number) {
      vm.chosen({ ...vm.chosen(), [callId]: customerId });
    },
    /** The card to show for a call: the only match, or the one the agent chose. */
    cardFor(c: CallView) {
      if (c.lookup === 'one') return c.cards[0] ?? null;
      const pick = vm.chosen()[c.id];
      return c.lookup === 'many' && pick !== undefined ? c.cards.find((x) => x.customerId === pick) ?? null : null;
    },
    toggleKeypad(callId: string) {
      vm.keypadFor(vm.keypadFor() === callId ? null : callId);
    },
    toggleMute() {
      vm.muted(!vm.muted());
      o.onMute?.(vm.muted());
    },
    transfer(callId: string, type: 'call.blindTransfer' | 'call.attendedTransfer') {
      const target = vm.transferTarget().trim();
      if (!target) return;
      o.send({ type, callId, target });
      vm.transferTarget('');
    },
    dial() {
      const number = vm.dialNumber().trim();
      if (!number) return;
      o.send({ type: 'call.dial', number });
      vm.dialNumber('');
    },
    callBack(number: string) {
      o.send({ type: 'call.dial', number });
    },
    recentToggled(_: unknown, ev: Event) {
      if ((ev.target as HTMLDetailsElement).open && vm.missed() > 0) o.send({ type: 'agent.recentSeen' });
      return true;
    },
  };
  function showNotice(text: string | null): void {
    vm.notice(text);
    clearTimeout(noticeTimer);
    if (text) noticeTimer = setTimeout(() => vm.notice(null), 8_000);
  }
  bar.innerHTML = TEMPLATE;
  ko.applyBindings(vm, bar);
  return {
    element: bar,
    body: bar.querySelector<HTMLElement>('.bandeau-bar__body'),
    render(state) {
      setState(state.connection);
      vm.connectionLabel(connectionLabel(state.connection, t));
      vm.problem(state.problem ? problemText(state.problem, t) : null);
      vm.hasAgent(state.agent !== null);
      vm.agentLabel(state.agent ? `${state.agent.name} · ${t('Extension %1', state.agent.extension)}` : '');
      if (state.agent && state.agent.status !== vm.status()) vm.status(state.agent.status);
      vm.calls(presentCalls(state, t));
      vm.recent(presentRecent(state, t));
      vm.missed(missedCount(state));
    },
    notice: showNotice,
  };
}

function connectionLabel(s: ConnectionState, t: Translate): string {
  return s === 'connected' ? t('Connected') : s === 'offline' ? t('Offline') : t('Connecting…');
}
