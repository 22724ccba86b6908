import type { AgentStatus, ConnectionState } from '../../../../bridge/src/protocol/messages';
import type { Translate } from '../strings';
import { PRESENCE_STATUSES, statusLabel, statusMeaning } from './presence';
import type { BarContext } from './context';

/**
 * The bar's head: toggle with the missed-call badge, connection state, agent and presence, and
 * the dock and settings buttons (settings.ts). It stays in view while the body scrolls.
 */
export const headTemplate = `
<div class="bandeau-bar__head">
  <button type="button" class="bandeau-bar__toggle" data-bind="click: toggle, attr: { 'aria-expanded': String(!collapsed()), title: collapsed() ? t('Show phone bar') : t('Hide phone bar') }">
    <i class="bandeau-i" data-i="phone" aria-hidden="true"></i> <span data-bind="text: t('Phone')"></span>
    <span class="bandeau-bar__badge" data-bind="visible: missed() > 0, text: missed, attr: { title: tn(missed(), '%1 missed call', '%1 missed calls') }"></span>
  </button>
  <span class="bandeau-bar__status" role="status" aria-live="polite" data-bind="text: connectionLabel, attr: { title: connectionDetail }"></span>
  <span class="bandeau-bar__agent" data-bind="text: agentLabel"></span>
  <label class="bandeau-bar__presence" data-bind="visible: hasAgent"><span class="bandeau-bar__sr" data-bind="text: t('Status')"></span>
    <select data-bind="options: statuses, optionsText: 'label', optionsValue: 'value', value: status, event: { change: changeStatus }, optionsAfterRender: function (el, s) { if (s) el.title = s.title; }"></select>
  </label>
  <button type="button" class="bandeau-bar__icon-btn" data-action="dock" data-bind="click: toggleDock, attr: { title: dockLabel(), 'aria-label': dockLabel() }"><span aria-hidden="true">⇆</span></button>
  <button type="button" class="bandeau-bar__icon-btn" data-action="settings" data-bind="click: toggleSettings, attr: { title: t('Settings'), 'aria-label': t('Settings'), 'aria-expanded': String(settingsOpen()) }"><span aria-hidden="true">⋮</span></button>
</div>`;

export function createHead({ ko, t, o, ui }: BarContext) {
  const vm = {
    // What each status does is said by presence.ts (the note under the head, each option's title).
    statuses: PRESENCE_STATUSES.map((v) => ({ value: v, label: statusLabel(v, t), title: statusMeaning(v, t) ?? '' })),
    collapsed: ui.observable(ko, 'collapsed'),
    connectionLabel: ko.observable(connectionLabel('connecting', t)),
    /** Which bridge (of the configured list) the session uses: a detail, never an error. */
    connectionDetail: ko.observable(''),
    agentLabel: ko.observable(''),
    hasAgent: ko.observable(false),
    status: ko.observable<AgentStatus>('available'),
    missed: ko.observable(0),
    toggle() {
      vm.collapsed(!vm.collapsed());
    },
    changeStatus() {
      o.send({ type: 'agent.setStatus', status: vm.status() });
    },
  };
  return vm;
}

export function connectionDetail(s: ConnectionState, bridgeUrl: string | undefined, t: Translate): string {
  return s === 'connected' && bridgeUrl ? t('Connected to the phone bridge at %1', bridgeUrl) : '';
}

export function connectionLabel(s: ConnectionState, t: Translate): string {
  return s === 'connected' ? t('Connected') : s === 'offline' ? t('Offline') : t('Connecting…');
}
