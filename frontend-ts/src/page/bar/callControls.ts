import type { BarContext } from './context';

/** The controls of one call the agent has (not shown for a call another agent took). */
export const callControlsTemplate = `
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
      <!-- /ko -->`;

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function createCallControls({ ko, o }: BarContext) {
  const vm = {
    softphone: o.softphone,
    keys: KEYS,
    keypadFor: ko.observable<string | null>(null),
    transferTarget: ko.observable(''),
    muted: ko.observable(false),
    send: (c: Parameters<BarContext['o']['send']>[0]) => o.send(c),
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
  };
  return vm;
}
