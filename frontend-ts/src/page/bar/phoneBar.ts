import type { ViewState } from '../../../../bridge/src/protocol/messages';
import { missedCount, presentCalls, presentRecent } from './model';
import type { Ko } from '../knockout';
import { problemText } from '../strings';
import { BAR_STYLE } from './style';
import { addStyle, openBarRoot } from './root';
import type { BarContext, BarOptions } from './context';
import { connectionDetail, connectionLabel, createHead, headTemplate } from './head';
import { callListTemplate, createCallList } from './callList';
import { createCallControls } from './callControls';
import { createPresence, presenceTemplate, ringsAloud } from './presence';
import { createStrip, stripTemplate } from './strip';
import { createSettings, settingsTemplate } from './settings';
import { RingAlerts } from './ringAlerts';
import { installShortcuts } from './shortcuts';
import { createDialBox, dialBoxTemplate } from './dialBox';
import { createRecentCalls, recentCallsTemplate } from './recentCalls';
import { UiState } from './uiState';
import { makePlural } from '../plural';
import { createCallerNames } from './callerNames';
import { PEOPLE_STYLE } from './peopleStyle';
import { CONTROLS_STYLE } from './controlsStyle';
import { createWrapUp, wrapUpTemplate } from './wrapUp';
import { LAST_CALLS_STYLE } from './lastCalls';
import { keepPageRoom } from './pageRoom';

export type { BarOptions } from './context';

/**
 * The bar's markup, one section after the other. Every dynamic value goes through knockout's
 * `text`/`attr`/`value` bindings, which escape; nothing from a call or a customer is ever parsed
 * as HTML.
 */
const TEMPLATE = `${headTemplate}${stripTemplate}
<div class="bandeau-bar__body" data-bind="visible: !collapsed()">${settingsTemplate}
  <p class="bandeau-bar__problem" role="alert" data-bind="visible: problem, text: problem"></p>
  <p class="bandeau-bar__notice" role="alert" data-bind="visible: notice, text: notice"></p>${presenceTemplate}${callListTemplate}${wrapUpTemplate}${dialBoxTemplate}${recentCallsTemplate}
</div>`;

export interface PhoneBar {
  /** The bar's element, inside the shadow root (see root.ts). */
  element: HTMLElement;
  /** Where the campaign panel and the softphone strip go; null without knockout. */
  body: HTMLElement | null;
  render(state: ViewState): void;
  notice(text: string | null): void;
}

/**
 * Mounts the phone bar in a shadow root on `host`, out of reach of Magento's global knockout
 * bindings (root.ts says why). Without knockout the state attribute still works.
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
  addStyle(bar, PEOPLE_STYLE);
  addStyle(bar, CONTROLS_STYLE);
  addStyle(bar, LAST_CALLS_STYLE);
  keepPageRoom(bar);

  if (!ko) {
    const status = document.createElement('span');
    bar.appendChild(status);
    return {
      element: bar,
      body: null,
      render(state) {
        bar.setAttribute('data-bandeau-state', state.connection);
        status.textContent = connectionLabel(state.connection, t);
      },
      notice() {},
    };
  }

  const now = ko.observable(Date.now());
  setInterval(() => now(Date.now()), 1_000);
  const notice = ko.observable<string | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  function showNotice(text: string | null): void {
    notice(text);
    clearTimeout(noticeTimer);
    if (text) noticeTimer = setTimeout(() => notice(null), 8_000);
  }
  const tn = makePlural(t, o.locale);
  const ctx: BarContext = { ko, t, tn, o, now, showNotice, ui: o.ui ?? new UiState(null) };
  const head = createHead(ctx);
  const callList = createCallList(ctx);
  const controls = createCallControls(ctx);
  const presence = createPresence(ctx);
  const dialBox = createDialBox(ctx);
  const recent = createRecentCalls(ctx, head.missed);
  const strip = createStrip(ctx);
  const settings = createSettings(ctx, head.collapsed);
  const wrapUp = createWrapUp(ctx, o.storageScope ?? null);
  const problem = ko.observable<string | null>(null);
  const vm = { t, tn, problem, notice, ...head, ...callList, ...controls, ...presence, ...dialBox, ...recent, ...strip, ...settings, ...wrapUp };
  bar.innerHTML = TEMPLATE;
  ko.applyBindings(vm, bar);
  wrapUp.wrapAttach(bar);
  ko.computed(() => {
    bar.setAttribute('data-bandeau-dock', settings.dock());
    bar.setAttribute('data-bandeau-collapsed', String(head.collapsed()));
  });
  const focusBar = () => bar.querySelector<HTMLElement>('.bandeau-bar__toggle')?.focus();
  const alerts = new RingAlerts({ t, desk: !o.softphone, prefs: settings.prefs, onNotificationClick: focusBar, onTone: (on) => bar.setAttribute('data-bandeau-ring-tone', on ? 'on' : 'off') });
  installShortcuts(bar, { t, softphone: o.softphone, collapsed: head.collapsed, settingsOpen: settings.settingsOpen, stripRows: strip.stripRows, showNotice });
  // Names: the caller the agent's lookup found goes to the bridge, which keeps it with the call.
  const callerNames = createCallerNames((c) => o.send(c));
  let last: ViewState | null = null;
  callList.chosen.subscribe((chosen) => last && callerNames(last, chosen));
  return {
    element: bar,
    body: bar.querySelector<HTMLElement>('.bandeau-bar__body'),
    render(state) {
      bar.setAttribute('data-bandeau-state', state.connection);
      head.connectionLabel(connectionLabel(state.connection, t));
      head.connectionDetail(connectionDetail(state.connection, state.bridgeUrl, t));
      problem(state.problem ? problemText(state.problem, t) : null);
      head.hasAgent(state.agent !== null);
      head.agentLabel(state.agent ? `${state.agent.name} · ${t('Extension %1', state.agent.extension)}` : '');
      if (state.agent && state.agent.status !== head.status()) head.status(state.agent.status);
      last = state;
      const people = { tn, chosen: callList.chosen(), now: Date.now(), ...(o.locale ? { locale: o.locale } : {}) };
      dialBox.updateDial(state);
      callerNames(state, people.chosen);
      controls.updateControls(state);
      presence.updatePresence(state);
      const calls = callList.show(presentCalls(state, t, people));
      // Busy, away, do not disturb: calls still show, but nothing rings, notifies or retitles the tab.
      const rings = strip.updateStrip(state, calls);
      alerts.update(ringsAloud(state.agent?.status) ? rings : []);
      recent.recent(presentRecent(state, t, people));
      wrapUp.updateWrapUp(state);
      head.missed(missedCount(state));
    },
    notice: showNotice,
  };
}
