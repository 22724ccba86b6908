import type { SoftCall, SoftphoneCommand, SoftphoneView } from '../../../../bridge/src/protocol/messages';
import { addStyle } from '../bar/root';
import type { Ko } from '../knockout';
import { type StringKey, type Translate } from '../strings';
import { shownRegistration, softphoneProblem } from '../../popout/popoutFailure';

/**
 * The softphone part of the phone bar: registration, the SIP calls with answer / decline /
 * hang up / mute / hold / keypad, and "Pop out phone". Every value goes through knockout's
 * escaping bindings.
 */
const TEMPLATE = `
<div class="bandeau-soft__head">
  <span class="bandeau-soft__reg" data-bind="text: registrationLabel, attr: { 'data-registration': registration }"></span>
  <button type="button" data-action="sp-popout" data-bind="visible: canPopOut, click: popOut, text: t('Pop out phone')"></button>
</div>
<p class="bandeau-bar__problem" role="alert" data-bind="visible: problem, text: problem"></p>
<ul class="bandeau-soft__calls" data-bind="foreach: calls">
  <li class="bandeau-bar__call" data-bind="attr: { 'data-softcall-id': id, 'data-softcall-state': state, 'data-softcall-media': media }">
    <div class="bandeau-bar__call-head"><span data-bind="text: label"></span> <span data-bind="text: stateLabel"></span></div>
    <p class="bandeau-soft__media" data-bind="visible: mediaLabel, text: mediaLabel"></p>
    <div class="bandeau-bar__controls">
      <button type="button" data-action="sp-answer" data-bind="visible: canAnswer, click: function () { $parent.send({ type: 'softphone.answer', callId: id }); }, text: $parent.t('Answer')"></button>
      <button type="button" data-action="sp-decline" data-bind="visible: canAnswer, click: function () { $parent.send({ type: 'softphone.decline', callId: id }); }, text: $parent.t('Decline')"></button>
      <button type="button" data-action="sp-hangup" data-bind="visible: !canAnswer, click: function () { $parent.send({ type: 'softphone.hangup', callId: id }); }, text: $parent.t('Hang up')"></button>
      <button type="button" data-action="sp-mute" data-bind="visible: live, click: function () { $parent.send({ type: 'softphone.mute', callId: id, muted: !muted }); }, text: muted ? $parent.t('Unmute') : $parent.t('Mute')"></button>
      <button type="button" data-action="sp-hold" data-bind="visible: live, click: function () { $parent.send({ type: 'softphone.hold', callId: id, hold: state !== 'held' }); }, text: state === 'held' ? $parent.t('Resume') : $parent.t('Hold')"></button>
      <button type="button" data-action="sp-keypad" data-bind="visible: live, click: function () { $parent.keypadFor($parent.keypadFor() === id ? null : id); }, text: $parent.t('Keypad')"></button>
    </div>
    <div class="bandeau-bar__keypad" data-bind="visible: $parent.keypadFor() === id, foreach: $parent.keys">
      <button type="button" data-bind="text: $data, click: function () { $parents[1].send({ type: 'softphone.dtmf', callId: $parent.id, digits: $data }); }"></button>
    </div>
  </li>
</ul>`;

const STYLE = `.bandeau-soft{border-bottom:1px solid #e3e3e3;padding:0 0 6px;margin-bottom:6px}
.bandeau-soft__head{display:flex;justify-content:space-between;align-items:center;gap:6px}
.bandeau-soft__reg[data-registration=registered]::before{content:'● ';color:#79a22e}
.bandeau-soft__reg[data-registration=failed]::before{content:'● ';color:#e22626}
.bandeau-soft__calls{list-style:none;margin:0;padding:0}
.bandeau-soft__media{margin:2px 0;color:#6b6b6b;font-size:12px}
.bandeau-bar--popout{position:static;width:auto;max-height:none;border:0;box-shadow:none}`;

interface SoftCallView {
  id: string;
  state: SoftCall['state'];
  media: SoftCall['media'];
  label: string;
  stateLabel: string;
  mediaLabel: string;
  muted: boolean;
  canAnswer: boolean;
  live: boolean;
}

const REGISTRATION: Record<SoftphoneView['registration'], StringKey> = {
  off: 'Softphone off',
  connecting: 'Softphone connecting…',
  registered: 'Softphone ready',
  failed: 'Softphone unavailable',
  released: 'Softphone off',
};
const STATE: Record<SoftCall['state'], StringKey> = { ringing: 'Ringing', dialing: 'Calling…', connected: 'In call', held: 'On hold', ended: 'Ended' };

export interface SoftphoneStrip {
  render(view: SoftphoneView | undefined): void;
}

export function mountSoftphoneStrip(
  host: HTMLElement,
  ko: Ko,
  o: { t: Translate; send(c: SoftphoneCommand): void; popOut: (() => void) | null; isPopout: boolean },
): SoftphoneStrip {
  const { t } = o;
  const el = document.createElement('div');
  el.className = 'bandeau-soft';
  el.setAttribute('data-bandeau-softphone', '');
  host.prepend(el);
  addStyle(el, STYLE);
  const vm = {
    t,
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'],
    registration: ko.observable<SoftphoneView['registration']>('off'),
    registrationLabel: ko.observable(t('Softphone off')),
    problem: ko.observable<string | null>(null),
    canPopOut: ko.observable(false),
    calls: ko.observableArray<SoftCallView>([]),
    keypadFor: ko.observable<string | null>(null),
    send: (c: SoftphoneCommand) => o.send(c),
    popOut: () => o.popOut?.(),
  };
  el.innerHTML = TEMPLATE;
  ko.applyBindings(vm, el);
  return {
    render(view) {
      el.hidden = !view;
      if (!view) return;
      const registration = shownRegistration(view);
      vm.registration(registration);
      vm.registrationLabel(t(REGISTRATION[registration]));
      vm.problem(softphoneProblem(view, t));
      vm.canPopOut(o.popOut !== null && !o.isPopout && !view.popout);
      vm.calls(
        view.calls.map((c) => ({
          id: c.id,
          state: c.state,
          media: c.media,
          label: c.direction === 'inbound' ? t('Inbound call from %1', c.remote) : t('Outbound call to %1', c.remote),
          stateLabel: t(STATE[c.state]),
          mediaLabel: mediaLabel(c, o.isPopout, t),
          muted: c.muted,
          canAnswer: c.direction === 'inbound' && c.state === 'ringing',
          live: c.state === 'connected' || c.state === 'held',
        })),
      );
    },
  };
}

function mediaLabel(c: SoftCall, isPopout: boolean, t: Translate): string {
  if (c.state !== 'connected' && c.state !== 'held') return '';
  if (c.media === 'resuming' || c.media === 'none') return t('Restoring audio…');
  if (c.media === 'parked') return t('Caller on hold until a page is open');
  if (c.media === 'popout' && !isPopout) return t('Audio in the phone window');
  return '';
}
