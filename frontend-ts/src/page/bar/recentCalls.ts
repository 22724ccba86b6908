import type { RecentView } from './model';
import type { BarContext } from './context';

/** Recent calls with the missed-call badge, call-back and the wrap-up note. */
export const recentCallsTemplate = `
  <details class="bandeau-bar__recent" data-bind="attr: { open: recentOpen() ? 'open' : null }, event: { toggle: recentToggled }">
    <summary><span data-bind="text: t('Recent calls')"></span> <span class="bandeau-bar__badge" data-bind="visible: missed() > 0, text: missed"></span></summary>
    <p data-bind="visible: recent().length === 0, text: t('No recent calls')"></p>
    <ul data-bind="foreach: recent">
      <li class="bandeau-bar__recent-call" data-bind="css: { 'bandeau-bar__recent-call--missed': missed }, attr: { 'data-call-id': id }">
        <span data-bind="text: time"></span> <span data-bind="text: name || label"></span> <span data-bind="text: outcome"></span>
        <button type="button" data-action="call-back" data-bind="visible: number, click: function () { $parent.callBack(number); }, text: $parent.t('Call back')"></button>
        <button type="button" data-action="note" data-bind="visible: $parent.canNote, click: function () { $parent.noteFor(id); }, text: $parent.t('Note'), attr: { 'aria-expanded': String($parent.noteFor() === id) }"></button>
        <!-- ko if: $parent.noteFor() === id -->
        <form class="bandeau-bar__note" data-bind="submit: function () { $parent.saveNote(id); }">
          <label><span class="bandeau-bar__sr" data-bind="text: $parent.t('Wrap-up note')"></span>
            <textarea rows="3" maxlength="65535" data-bind="textInput: $parent.noteText, attr: { placeholder: $parent.t('Wrap-up note') }"></textarea></label>
          <button type="submit" data-action="save-note" data-bind="text: $parent.t('Save note'), enable: $parent.noteText().trim().length > 0"></button>
        </form>
        <!-- /ko -->
      </li>
    </ul>
  </details>`;

/** `missed` (the badge count) lives in the head; recent calls read it from the merged view model. */
export function createRecentCalls({ ko, t, o, showNotice, ui }: BarContext, missed: () => number) {
  const vm = {
    recent: ko.observableArray<RecentView>([]),
    recentOpen: ui.openObservable(ko, 'recent'),
    canNote: o.saveNote !== undefined,
    noteFor: ko.observable<string | null>(null),
    noteText: ko.observable(''),
    saveNote(callId: string) {
      const text = vm.noteText().trim();
      if (!text || !o.saveNote) return;
      o.saveNote(callId, text).then(
        () => {
          vm.noteFor(null);
          vm.noteText('');
          showNotice(t('Note saved'));
        },
        (err: unknown) => showNotice(t('The note could not be saved: %1', (err as Error).message)),
      );
    },
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
