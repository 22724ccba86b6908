import { elapsed, type CallView } from './model';
import type { BarContext } from './context';
import { keepUnchanged } from './stableViews';
import { customerCardTemplate } from './customerCard';
import { callControlsTemplate } from './callControls';

/** The current calls: each with its state and timer, the caller's card and the controls. */
export const callListTemplate = `
  <ul class="bandeau-bar__calls" data-bind="foreach: calls">
    <li class="bandeau-bar__call" data-bind="attr: { 'data-call-id': id, 'data-call-state': state, 'data-answered-elsewhere': answeredElsewhere ? 'true' : 'false' }">
      <div class="bandeau-bar__call-head">
        <span class="bandeau-bar__call-label" data-bind="text: label"></span>
        <span class="bandeau-bar__call-state" data-bind="text: stateLabel"></span>
        <span class="bandeau-bar__call-timer" data-bind="text: $parent.timer(startedAt)"></span>
      </div>
      <!-- ko if: route && !answeredElsewhere --><p class="bandeau-bar__route" data-bind="text: route, attr: { 'data-route': routeName, title: $parent.t('Why this call came to you') }"></p><!-- /ko -->${customerCardTemplate}${callControlsTemplate}
    </li>
  </ul>
  <p class="bandeau-bar__empty" data-bind="visible: calls().length === 0, text: t('No current call')"></p>`;

export function createCallList({ ko, now, ui }: BarContext) {
  const vm = {
    calls: ko.observableArray<CallView>([]),
    /** Shows the calls, re-rendering only those that changed. */
    show(next: CallView[]): CallView[] {
      const kept = keepUnchanged(vm.calls.peek(), next);
      vm.calls(kept);
      return kept;
    },
    chosen: ui.observable(ko, 'chosen'),
    timer: (startedAt: string) => elapsed(startedAt, now()),
    choose(callId: string, customerId: number) {
      vm.chosen({ ...vm.chosen(), [callId]: customerId });
    },
    /** The card to show for a call: the only match, or the one the agent chose. */
    cardFor(c: CallView) {
      if (c.lookup === 'one') return c.cards[0] ?? null;
      const pick = vm.chosen()[c.id];
      return c.lookup === 'many' && pick !== undefined ? c.cards.find((x) => x.customerId === pick) ?? null : null;
    },
  };
  return vm;
}
