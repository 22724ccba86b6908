import type { AgentStatus, ViewState } from '../../../../bridge/src/protocol/messages';
import type { StringKey, Translate } from '../strings';
import type { BarContext } from './context';

/**
 * Presence as the agent chooses it, and what each status does, said plainly: the bridge pauses
 * the agent's queue memberships on the PBX for busy, away and do-not-disturb (QueuePause); direct
 * calls still ring the phone (the PBX's own do-not-disturb is the phone's business); and the bar
 * stays quiet for them (no ring tone, notification or tab title: see ringsAloud).
 */
export const PRESENCE_STATUSES = ['available', 'busy', 'away', 'dnd'] as const satisfies readonly AgentStatus[];

const LABEL: Record<AgentStatus, StringKey> = { available: 'Available', busy: 'Busy', away: 'Away', dnd: 'Do not disturb', offline: 'Offline' };
const MEANING: Record<AgentStatus, StringKey | null> = {
  available: 'Available: queue calls and direct calls ring and pop up here.',
  busy: 'Busy: queue calls are paused; direct calls still ring your phone and show here without popping up.',
  away: 'Away: queue calls are paused; direct calls still ring your phone and show here without popping up.',
  dnd: 'Do not disturb: queue calls are paused and the bar stays silent; direct calls still ring your phone unless do-not-disturb is set on it.',
  offline: null,
};

export function statusLabel(s: AgentStatus, t: Translate): string {
  return t(LABEL[s]);
}

export function statusMeaning(s: AgentStatus, t: Translate): string | null {
  const key = MEANING[s];
  return key ? t(key) : null;
}

/** Whether a call ringing for the agent may ring, notify and retitle the tab (only when available). */
export function ringsAloud(status: AgentStatus | undefined): boolean {
  return status === undefined || status === 'available';
}

/** The line under the head that says what the current status does (not shown when available). */
export const presenceTemplate = `
  <p class="bandeau-bar__presence-note" data-bind="visible: presenceNote, text: presenceNote, attr: { 'data-status': presenceStatus }"></p>`;

export function createPresence({ ko, t }: BarContext) {
  const vm = {
    presenceNote: ko.observable<string | null>(null),
    presenceStatus: ko.observable<AgentStatus | ''>(''),
    /** Options of the status select: the four statuses an agent chooses. */
    presenceOptions: PRESENCE_STATUSES.map((v) => ({ value: v, label: statusLabel(v, t), title: statusMeaning(v, t) ?? '' })),
    updatePresence(state: ViewState) {
      const s = state.agent?.status;
      vm.presenceStatus(s ?? '');
      vm.presenceNote(s && s !== 'available' ? statusMeaning(s, t) : null);
    },
  };
  return vm;
}
