import type { SoftCall, ViewState } from '../../../../bridge/src/protocol/messages';
import type { BarContext } from './context';
import type { CallView } from './model';
import type { IconName } from './icons';

/**
 * The collapsed bar's strip: each live call of the agent on one line (who, state, timer) with
 * what can be done from there (Answer where the browser is the phone, Decline while it rings,
 * Hang up once it is taken), so a call is never hidden behind a collapsed bar. Also the bar's
 * announcer: a live region that stays rendered while the body is hidden (a `display: none`
 * region is not announced), saying "Incoming call from …" when a call starts ringing.
 */
export const stripTemplate = `
<div class="bandeau-bar__sr" data-bandeau-announce aria-live="assertive" aria-atomic="true" data-bind="text: announcement"></div>
<ul class="bandeau-strip" data-bind="visible: collapsed() && stripRows().length > 0, foreach: stripRows">
  <li class="bandeau-strip__call" data-bind="attr: { 'data-strip-key': key, 'data-ringing': ringing ? 'true' : 'false' }">
    <i class="bandeau-i" aria-hidden="true" data-bind="attr: { 'data-i': icon }"></i>
    <span class="bandeau-strip__caller" data-bind="text: caller, attr: { title: caller }"></span>
    <span class="bandeau-strip__state" data-bind="text: state"></span>
    <span class="bandeau-strip__timer" data-bind="text: $parent.timer(startedAt)"></span>
    <!-- ko if: route --><span class="bandeau-strip__route" data-bind="text: route, attr: { title: route }"></span><!-- /ko -->
    <!-- ko if: answer --><button type="button" class="action-primary bandeau-btn--answer" data-action="answer" data-bind="click: answer, text: $parent.t('Answer')"></button><!-- /ko -->
    <!-- ko if: decline --><button type="button" class="bandeau-btn--danger" data-action="decline" data-bind="click: decline, text: $parent.t('Decline')"></button><!-- /ko -->
    <!-- ko if: hangup --><button type="button" class="bandeau-btn--danger" data-action="hangup" data-bind="click: hangup, text: $parent.t('Hang up')"></button><!-- /ko -->
  </li>
</ul>`;

export interface StripRow {
  key: string;
  /** The caller's (or callee's) name when known, else the number as the agent reads it. */
  caller: string;
  icon: IconName;
  state: string;
  ringing: boolean;
  startedAt: string;
  /** While it rings: why the PBX sent the call here (routeReason.ts), on a line of its own. */
  route: string | null;
  answer: (() => void) | null;
  decline: (() => void) | null;
  hangup: (() => void) | null;
}

/** A call ringing for this agent that they did not place: what rings, notifies and announces. */
export interface Ring {
  key: string;
  caller: string;
}

export function createStrip({ ko, t, o }: BarContext) {
  const vm = {
    stripRows: ko.observableArray<StripRow>([]),
    announcement: ko.observable(''),
  };
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  const soft = (type: 'softphone.answer' | 'softphone.decline' | 'softphone.hangup', callId: string) => () => o.softphoneCommand?.({ type, callId });

  function softRows(state: ViewState, calls: SoftCall[], views: CallView[]): StripRow[] {
    return calls
      .filter((c) => c.state !== 'ended')
      .map((c) => {
        const ringing = c.direction === 'inbound' && c.state === 'ringing';
        const card = state.lookups[c.remote]?.result?.customers;
        return {
          key: `soft:${c.id}`,
          caller: card?.length === 1 && card[0] ? card[0].name : c.remote,
          icon: c.direction === 'inbound' ? 'inbound' : 'outbound',
          state: t(c.state === 'ringing' ? 'Ringing' : c.state === 'dialing' ? 'Calling…' : c.state === 'held' ? 'On hold' : 'In call'),
          ringing,
          startedAt: c.startedAt,
          // The PBX's view of the same ringing call (same caller number) says why it came here.
          route: ringing ? (views.find((v) => v.declinable && v.route && v.number === c.remote)?.route ?? null) : null,
          answer: ringing ? soft('softphone.answer', c.id) : null,
          decline: ringing ? soft('softphone.decline', c.id) : null,
          hangup: ringing ? null : soft('softphone.hangup', c.id),
        };
      });
  }

  return {
    ...vm,
    /**
     * Rebuilds the strip from the state and the presented calls; returns what rings. Softphone
     * mode lists the browser's own calls (they can be answered here); otherwise the PBX's calls
     * of this agent, without the ones a colleague took.
     */
    updateStrip(state: ViewState, views: CallView[]): Ring[] {
      const softCalls = o.softphone ? (state.softphone?.calls ?? []) : [];
      let rows: StripRow[];
      if (softCalls.length > 0) {
        rows = softRows(state, softCalls, views);
      } else {
        rows = views
          .filter((v) => !v.answeredElsewhere && v.state !== 'ended')
          .map((v) => {
            const ringingIn = v.declinable;
            const call = state.calls.find((c) => c.id === v.id);
            return {
              key: v.id,
              caller: v.who,
              icon: call?.direction === 'outbound' || (call?.direction === 'internal' && call.from === state.agent?.extension) ? 'outbound' : 'inbound',
              state: v.stateLabel,
              ringing: ringingIn,
              startedAt: v.startedAt,
              route: ringingIn ? v.route : null,
              answer: null,
              decline: ringingIn && v.offers.decline ? () => o.send({ type: 'call.decline', callId: v.id }) : null,
              hangup: !ringingIn && v.can.hangup && v.offers.hangup ? () => o.send({ type: 'call.hangup', callId: v.id }) : null,
            };
          });
      }
      const before = new Set(vm.stripRows().filter((r) => r.ringing).map((r) => r.key));
      vm.stripRows(rows);
      const rings = rows.filter((r) => r.ringing).map((r) => ({ key: r.key, caller: r.caller }));
      const fresh = rings.find((r) => !before.has(r.key));
      if (fresh) {
        vm.announcement(t('Incoming call from %1', fresh.caller));
        clearTimeout(announceTimer);
        announceTimer = setTimeout(() => vm.announcement(''), 10_000);
      }
      return rings;
    },
  };
}
