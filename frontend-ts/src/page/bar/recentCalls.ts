import type { RecentView } from './model';
import type { BarContext } from './context';

/**
 * Recent calls with the missed-call badge, call-back and "Wrap up" (the wrap-up panel for that call,
 * wrapUp.ts: a note, outcome, tags or follow-up on any recent call). Each call says who
 * (the name kept with the call, else the number in the national format), when, how long, which
 * way (icon, with words for screen readers) and how it ended; a call the PBX asked Bandeau to
 * route says why on one short line of its own ("Order #000000102 not shipped → sales", cut short,
 * whole in the tooltip); "Missed only" filters the list.
 */
export const recentCallsTemplate = `
  <details class="bandeau-bar__recent" data-bind="attr: { open: recentOpen() ? 'open' : null }, event: { toggle: recentToggled }">
    <summary><span data-bind="text: t('Recent calls')"></span> <span class="bandeau-bar__badge" data-bind="visible: missed() > 0, text: missed, attr: { title: tn(missed(), '%1 missed call', '%1 missed calls') }"></span></summary>
    <label class="bandeau-bar__recent-filter" data-bind="visible: recent().length > 0"><input type="checkbox" data-action="missed-only" data-bind="checked: missedOnly"> <span data-bind="text: t('Missed only')"></span></label>
    <p data-bind="visible: recent().length === 0, text: t('No recent calls')"></p>
    <p data-bind="visible: recent().length > 0 && shownRecent().length === 0, text: t('No missed calls')"></p>
    <ul data-bind="foreach: shownRecent">
      <li class="bandeau-bar__recent-call" data-bind="css: { 'bandeau-bar__recent-call--missed': missed }, attr: { 'data-call-id': id, 'data-direction': direction }">
        <i class="bandeau-i bandeau-bar__recent-dir" aria-hidden="true" data-bind="attr: { 'data-i': icon, title: directionLabel }"></i>
        <span class="bandeau-bar__recent-who"><span class="bandeau-bar__sr" data-bind="text: directionLabel"></span> <span data-bind="text: who"></span></span>
        <span class="bandeau-bar__recent-time" data-bind="text: time, attr: { title: date }"></span>
        <span class="bandeau-bar__recent-meta" data-bind="attr: { title: meta }"><span class="bandeau-bar__recent-duration" data-bind="visible: duration, text: duration, attr: { title: $parent.t('Duration %1', duration), 'aria-label': $parent.t('Duration %1', duration) }"></span><span data-bind="text: meta"></span></span>
        <!-- ko if: route --><span class="bandeau-bar__recent-route" data-bind="text: route, attr: { title: route, 'data-route': routeName }"></span><!-- /ko -->
        <span class="bandeau-bar__recent-actions">
        <button type="button" data-action="call-back" data-bind="visible: number, click: function () { $parent.callBack(number); }, attr: { title: $parent.t('Call %1', who), 'aria-label': $parent.t('Call %1', who) }"><span class="bandeau-bar__sr" data-bind="text: $parent.t('Call back')"></span></button>
        <button type="button" data-action="wrap-up" data-bind="visible: $parent.canWrapUp, click: function () { $parent.wrapUpCall(id); }, text: $parent.t('Wrap up')"></button>
        </span>
      </li>
    </ul>
  </details>`;

/** `missed` (the badge count) lives in the head; recent calls read it from the merged view model. */
export function createRecentCalls({ ko, o, ui }: BarContext, missed: () => number) {
  const vm = {
    recent: ko.observableArray<RecentView>([]),
    /** Only the missed calls (kept across pages like the open sections). */
    missedOnly: ui.openObservable(ko, 'missedOnly'),
    shownRecent: ko.pureComputed((): RecentView[] => (vm.missedOnly() ? vm.recent().filter((r) => r.missed) : vm.recent())),
    recentOpen: ui.openObservable(ko, 'recent'),
    callBack(number: string) {
      o.send({ type: 'call.dial', number });
    },
    recentToggled(_: unknown, ev: Event) {
      const open = (ev.target as HTMLDetailsElement).open;
      vm.recentOpen(open);
      if (open && missed() > 0) o.send({ type: 'agent.recentSeen' });
      return true;
    },
  };
  return vm;
}
