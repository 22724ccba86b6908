import type { Call, ConnectionState, ViewState } from '../../../bridge/src/protocol/messages';
import type { Ko } from './knockout';
import type { Translate } from './strings';

/** Markup of the bar; every dynamic value goes through knockout's `text`/`attr` bindings (escaped). */
const TEMPLATE = `
<div class="bandeau-bar__head">
  <button type="button" class="bandeau-bar__toggle" data-bind="click: toggle, attr: { 'aria-expanded': String(!collapsed()), title: collapsed() ? t('Show phone bar') : t('Hide phone bar') }">
    <span class="bandeau-bar__title" data-bind="text: t('Phone')"></span>
  </button>
  <span class="bandeau-bar__status" role="status" aria-live="polite" data-bind="text: connectionLabel"></span>
  <span class="bandeau-bar__agent" data-bind="text: agentLabel"></span>
</div>
<div class="bandeau-bar__body" data-bind="visible: !collapsed()">
  <p class="bandeau-bar__problem" data-bind="visible: problem, text: problem"></p>
  <ul class="bandeau-bar__calls" data-bind="foreach: calls">
    <li class="bandeau-bar__call" data-bind="attr: { 'data-call-id': id, 'data-call-state': state }">
      <span class="bandeau-bar__call-label" data-bind="text: label"></span>
      <span class="bandeau-bar__call-state" data-bind="text: stateLabel"></span>
      <span class="bandeau-bar__call-timer" data-bind="text: $parent.elapsed(startedAt)"></span>
    </li>
  </ul>
  <p class="bandeau-bar__empty" data-bind="visible: calls().length === 0, text: t('No current call')"></p>
</div>`;

const STYLE = `
[data-bandeau-bar]{position:fixed;right:16px;bottom:0;z-index:1000;min-width:260px;max-width:360px;background:#fff;border:1px solid #adadad;border-bottom:0;border-radius:4px 4px 0 0;box-shadow:0 0 8px rgba(0,0,0,.2);font:13px/1.4 'Open Sans','Helvetica Neue',Arial,sans-serif;color:#303030}
.bandeau-bar__head{display:flex;gap:8px;align-items:center;padding:6px 10px;background:#514943;color:#fff}
.bandeau-bar__toggle{background:none;border:0;color:inherit;font-weight:600;cursor:pointer;padding:0}
.bandeau-bar__body{padding:8px 10px}
.bandeau-bar__calls{list-style:none;margin:0;padding:0}
.bandeau-bar__call{display:flex;gap:8px;justify-content:space-between}
.bandeau-bar__problem{color:#e22626;margin:0 0 6px}
[data-bandeau-state=connected] .bandeau-bar__status::before{content:'● ';color:#79a22e}
[data-bandeau-state=offline] .bandeau-bar__status::before{content:'● ';color:#e22626}
[data-bandeau-state=connecting] .bandeau-bar__status::before{content:'● ';color:#eb5202}`;

interface CallRow {
  id: string;
  state: string;
  label: string;
  stateLabel: string;
  startedAt: string;
}

export interface PhoneBar {
  render(state: ViewState): void;
}

export function callLabel(call: Call, t: Translate): string {
  if (call.direction === 'inbound') return t('Inbound call from %1', call.from || '?');
  if (call.direction === 'outbound') return t('Outbound call to %1', call.to || '?');
  return t('Internal call with %1', call.from || call.to || '?');
}

const STATE_LABEL: Record<Call['state'], Parameters<Translate>[0]> = {
  ringing: 'Ringing',
  answered: 'In call',
  held: 'On hold',
  transferred: 'Transferred',
  ended: 'Ended',
};

/** Mounts the phone bar in `host`. Without knockout the state attribute still works. */
export function mountPhoneBar(host: HTMLElement, ko: Ko | null, t: Translate): PhoneBar {
  const bar = document.createElement('div');
  bar.setAttribute('data-bandeau-bar', '');
  bar.setAttribute('data-bandeau-state', 'connecting');
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', t('Phone'));
  host.appendChild(bar);
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.appendChild(style);

  const setState = (s: ConnectionState) => bar.setAttribute('data-bandeau-state', s);
  if (!ko) {
    const status = document.createElement('span');
    bar.appendChild(status);
    return {
      render(state) {
        setState(state.connection);
        status.textContent = connectionLabel(state.connection, t);
      },
    };
  }

  const now = ko.observable(Date.now());
  setInterval(() => now(Date.now()), 1_000);
  const vm = {
    t,
    collapsed: ko.observable(false),
    connectionLabel: ko.observable(connectionLabel('connecting', t)),
    agentLabel: ko.observable(''),
    problem: ko.observable<string | null>(null),
    calls: ko.observableArray<CallRow>([]),
    toggle() {
      vm.collapsed(!vm.collapsed());
    },
    elapsed(startedAt: string): string {
      const s = Math.max(0, Math.floor((now() - Date.parse(startedAt)) / 1000));
      return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    },
  };
  bar.innerHTML = TEMPLATE;
  ko.applyBindings(vm, bar);
  return {
    render(state) {
      setState(state.connection);
      vm.connectionLabel(connectionLabel(state.connection, t));
      vm.problem(state.problem);
      vm.agentLabel(state.agent ? `${state.agent.name} · ${t('Extension %1', state.agent.extension)}` : '');
      vm.calls(state.calls.map((c) => ({ id: c.id, state: c.state, label: callLabel(c, t), stateLabel: t(STATE_LABEL[c.state]), startedAt: c.startedAt })));
    },
  };
}

function connectionLabel(s: ConnectionState, t: Translate): string {
  return s === 'connected' ? t('Connected') : s === 'offline' ? t('Offline') : t('Connecting…');
}
