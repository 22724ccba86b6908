import type { Call, Colleague, ViewState } from '../../../../bridge/src/protocol/messages';
import type { PageCommand } from '../sessionLink';
import type { StringKey } from '../strings';
import { errorSentence } from '../errorSentences';
import type { BarContext } from './context';
import type { CallView } from './model';
import { statusLabel } from './presence';

/**
 * The controls of one call the agent has (not shown for a call another agent took). Each command
 * shows that it is on its way (its button and the others of the call wait, a line says what is
 * happening), then the result: the call's new state as the PBX reports it, or a plain sentence
 * when it failed. Nothing works while the bar is offline.
 *
 * During a consult transfer both legs show: the party on hold and the colleague consulted
 * (ringing, then talking); Complete hands the call over (the agent's own leg hangs up, which is
 * how Asterisk completes it), Cancel hangs up the consulted leg and goes back to the held party.
 */
export const callControlsTemplate = `
      <!-- ko ifnot: answeredElsewhere -->
      <!-- ko with: $parent.legsOf($data) -->
      <div class="bandeau-bar__legs" role="group" data-bind="attr: { 'aria-label': $parents[1].t('Consult transfer') }">
        <div class="bandeau-bar__leg" data-leg="held"><span class="bandeau-bar__leg-who" data-bind="text: held"></span> <span class="bandeau-bar__leg-state" data-bind="text: $parents[1].t('On hold')"></span></div>
        <div class="bandeau-bar__leg" data-leg="consulted" data-bind="attr: { 'data-answered': String(answered) }"><span class="bandeau-bar__leg-who" data-bind="text: consulted"></span> <span class="bandeau-bar__leg-state" data-bind="text: answered ? $parents[1].t('Talking') : $parents[1].t('Ringing')"></span></div>
      </div>
      <!-- /ko -->
      <div class="bandeau-bar__controls" data-bind="attr: { 'aria-busy': String(!!$parent.pendingFor(id)) }">
        <!-- ko if: declinable && offers.decline --><button type="button" class="bandeau-btn--danger" data-action="decline" data-bind="enable: $parent.able(true, id), click: function () { $parent.run(id, { type: 'call.decline', callId: id }); }, text: $parent.t('Decline')"></button><!-- /ko -->
        <!-- ko if: state === 'transferring' && offers.attendedTransfer -->
        <button type="button" class="action-primary" data-action="hangup" data-transfer="complete" data-bind="enable: $parent.able(can.hangup, id), click: function () { $parent.run(id, { type: 'call.completeTransfer', callId: id }); }, text: $parent.t('Complete transfer')"></button>
        <button type="button" data-action="cancel-transfer" data-bind="enable: $parent.able(true, id), click: function () { $parent.run(id, { type: 'call.cancelTransfer', callId: id }); }, text: $parent.t('Cancel transfer')"></button>
        <!-- /ko -->
        <!-- ko ifnot: state === 'transferring' -->
        <button type="button" class="bandeau-btn--danger" data-action="hangup" data-bind="visible: !declinable && offers.hangup, enable: $parent.able(can.hangup, id), click: function () { $parent.run(id, { type: 'call.hangup', callId: id }); }, text: $parent.t('Hang up')"></button>
        <!-- /ko -->
        <button type="button" data-action="hold" data-bind="visible: offers.hold, enable: $parent.able(can.hold, id), click: function () { $parent.run(id, { type: 'call.hold', callId: id, hold: state !== 'held' }); }, text: state === 'held' ? $parent.t('Resume') : $parent.t('Hold')"></button>
        <button type="button" data-action="mute" data-bind="visible: $parent.softphone, click: $parent.toggleMute, text: $parent.muted() ? $parent.t('Unmute') : $parent.t('Mute')"></button>
        <button type="button" data-action="keypad" data-bind="visible: offers.keypad, enable: $parent.able(can.keypad, id), click: function () { $parent.toggleKeypad(id); }, text: $parent.t('Keypad'), attr: { 'aria-expanded': String(can.keypad && $parent.keypadFor() === id) }"></button>
        <form class="bandeau-bar__transfer" data-bind="visible: offers.transfer, submit: function () { $parent.transfer(id, offers.blindTransfer ? 'call.blindTransfer' : 'call.attendedTransfer'); }">
          <label><span class="bandeau-bar__sr" data-bind="text: $parent.t('Transfer to')"></span>
            <input type="text" inputmode="tel" autocomplete="off" maxlength="64" data-bind="enable: $parent.able(can.transfer, id), textInput: $parent.transferTarget, attr: { placeholder: $parent.t('Transfer to') }"></label>
          <label data-bind="visible: $parent.colleagueOptions().length > 0"><span class="bandeau-bar__sr" data-bind="text: $parent.t('Transfer to a colleague…')"></span>
            <select data-action="transfer-colleague" data-bind="enable: $parent.able(can.transfer, id), options: $parent.colleagueOptions, optionsText: 'label', optionsValue: 'value', optionsCaption: $parent.t('Transfer to a colleague…'), value: $parent.colleaguePick, optionsAfterRender: $parent.colleagueOption"></select></label>
          <button type="submit" data-action="blind-transfer" data-bind="visible: offers.blindTransfer, enable: $parent.able(can.transfer, id), text: $parent.t('Transfer')"></button>
          <button type="button" data-action="attended-transfer" data-bind="visible: offers.attendedTransfer, enable: $parent.able(can.transfer, id), click: function () { $parent.transfer(id, 'call.attendedTransfer'); }, text: $parent.t('Consult transfer')"></button>
        </form>
        <div class="bandeau-bar__keypad" data-bind="visible: can.keypad && $parent.keypadFor() === id, foreach: $parent.keys">
          <button type="button" data-bind="text: $data, enable: $parents[1].able(true, $parent.id), click: function () { $parents[1].run($parent.id, { type: 'call.dtmf', callId: $parent.id, digits: $data }); }"></button>
        </div>
      </div>
      <p class="bandeau-bar__pending" role="status" data-bind="visible: $parent.pendingFor(id), text: $parent.pendingFor(id)"></p>
      <p class="bandeau-bar__call-error" role="alert" data-bind="visible: $parent.errorFor(id), text: $parent.errorFor(id)"></p>
      <!-- /ko -->`;

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** A call command, as the controls send it. */
type CallCmd = Extract<PageCommand, { callId: string }>;

/** What the line says while a command is on its way. */
function pendingKey(c: CallCmd): StringKey {
  switch (c.type) {
    case 'call.hangup':
      return 'Hanging up…';
    case 'call.decline':
      return 'Declining…';
    case 'call.hold':
      return c.hold ? 'Putting on hold…' : 'Resuming…';
    case 'call.blindTransfer':
    case 'call.attendedTransfer':
      return 'Transferring…';
    case 'call.completeTransfer':
      return 'Completing the transfer…';
    case 'call.cancelTransfer':
      return 'Cancelling the transfer…';
    default:
      return 'Sending…';
  }
}

/** A command on its way: until the bridge answers, then until the PBX moved the call (or a while). */
interface Pending {
  label: string;
  fromState: Call['state'];
  /** DTMF changes no state: done at the bridge's answer. */
  waitsForState: boolean;
  acked: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** How long after the bridge's answer a state change may take before the controls come back anyway. */
const SETTLE_MS = 8_000;
const ERROR_MS = 12_000;

export function createCallControls({ ko, t, o }: BarContext) {
  const pending = ko.observable<Record<string, Pending>>({});
  const errors = ko.observable<Record<string, string>>({});
  const errorTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The calls as the worker has them (consult, names), and the colleagues, from the last render. */
  let raw = new Map<string, Call>();

  function setPending(callId: string, p: Pending | null): void {
    const next = { ...pending() };
    const old = next[callId];
    if (old?.timer) clearTimeout(old.timer);
    if (p) next[callId] = p;
    else delete next[callId];
    pending(next);
  }

  function setError(callId: string, text: string | null): void {
    const next = { ...errors() };
    clearTimeout(errorTimers.get(callId));
    errorTimers.delete(callId);
    if (text) {
      next[callId] = text;
      errorTimers.set(
        callId,
        setTimeout(() => setError(callId, null), ERROR_MS),
      );
    } else delete next[callId];
    errors(next);
  }

  const vm = {
    softphone: o.softphone,
    keys: KEYS,
    keypadFor: ko.observable<string | null>(null),
    transferTarget: ko.observable(''),
    colleaguePick: ko.observable<string | undefined>(undefined),
    colleagueOptions: ko.observableArray<{ value: string; label: string; status: Colleague['status'] }>([]),
    colleagues: ko.observableArray<Colleague>([]),
    muted: ko.observable(false),
    /** The bridge is connected: commands can go. */
    online: ko.observable(false),
    send: (c: Parameters<BarContext['o']['send']>[0]) => o.send(c),
    /** A control may be used: it makes sense in the call's state, the bar is online, nothing is on its way for the call. */
    able(can: boolean, callId: string): boolean {
      return can && vm.online() && pending()[callId] === undefined;
    },
    pendingFor(callId: string): string | null {
      return pending()[callId]?.label ?? null;
    },
    errorFor(callId: string): string | null {
      return errors()[callId] ?? null;
    },
    /** Sends a call command and shows it pending, then its result (the state from the PBX) or a sentence. */
    run(callId: string, command: CallCmd) {
      if (!vm.online() || pending()[callId]) return;
      setError(callId, null);
      if (!o.request) {
        o.send(command);
        return;
      }
      const from = raw.get(callId)?.state ?? 'answered';
      const entry: Pending = { label: t(pendingKey(command)), fromState: from, waitsForState: command.type !== 'call.dtmf', acked: false };
      setPending(callId, entry);
      o.request(command).then(
        () => {
          if (pending()[callId] !== entry) return;
          if (!entry.waitsForState || !raw.has(callId) || raw.get(callId)?.state !== entry.fromState) return setPending(callId, null);
          entry.acked = true;
          // The PBX's events normally follow at once; the controls come back anyway after a while.
          entry.timer = setTimeout(() => pending()[callId] === entry && setPending(callId, null), SETTLE_MS);
        },
        (err: { code?: string; reason?: string }) => {
          if (pending()[callId] === entry) setPending(callId, null);
          setError(callId, errorSentence(err, t));
        },
      );
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
      vm.run(callId, { type, callId, target });
      vm.transferTarget('');
      vm.colleaguePick(undefined);
    },
    /** An offline colleague cannot take a call: their option is there, disabled. */
    colleagueOption(option: HTMLOptionElement, item: { status: Colleague['status'] } | undefined) {
      if (item?.status === 'offline') option.disabled = true;
    },
    /** Both legs of a consultation, for a call in the transferring state. */
    legsOf(c: CallView): { held: string; consulted: string; answered: boolean } | null {
      if (c.state !== 'transferring') return null;
      const consult = raw.get(c.id)?.consult;
      if (!consult) return null;
      const mate = vm.colleagues().find((x) => x.extension === consult.target);
      const name = mate?.name ?? raw.get(c.id)?.names?.[consult.target];
      return { held: c.who, consulted: t('Consulting %1', name ? `${name} (${consult.target})` : consult.target), answered: consult.answered };
    },
    /** Called on every render: the calls, the connection and the colleagues as the session has them. */
    updateControls(state: ViewState) {
      raw = new Map(state.calls.map((c) => [c.id, c]));
      vm.online(state.connection === 'connected');
      // A pending command whose call moved (or went) is done: the new state is the result.
      for (const [callId, p] of Object.entries(pending())) {
        const now = raw.get(callId);
        if (!now || (p.waitsForState && now.state !== p.fromState)) setPending(callId, null);
      }
      for (const callId of Object.keys(errors())) if (!raw.has(callId)) setError(callId, null);
      const mates = (state.colleagues ?? []).filter((c) => c.extension !== state.agent?.extension);
      vm.colleagues(mates);
      vm.colleagueOptions(mates.map((m) => ({ value: m.extension, label: `${m.name} (${m.extension}) · ${statusLabel(m.status, t)}`, status: m.status })));
    },
  };
  vm.colleaguePick.subscribe((ext) => {
    if (ext) vm.transferTarget(ext);
  });
  return vm;
}
