import type { DirectoryResponse, ViewState } from '../../../../bridge/src/protocol/messages';
import type { BarContext } from './context';
import { KEYS } from './callControls';
import { dialIntent, pageDialRules, refusalSentence, searchable, type PageDialRules } from './dialRules';
import { safeUrl } from './model';

/**
 * The dial box: a number, an extension or a feature code is dialled; a name, an e-mail or an
 * order number searches the directory (Magento) and lists the people found with their numbers,
 * one click to call. An entry the bridge refuses stays in the box with the reason as a sentence.
 */
export const dialBoxTemplate = `
  <form class="bandeau-bar__dial" data-bind="submit: dial">
    <label class="bandeau-bar__dial-field"><span class="bandeau-bar__sr" data-bind="text: t('Number, name, e-mail or order #')"></span>
      <input type="text" autocomplete="off" spellcheck="false" maxlength="64" aria-describedby="bandeau-dial-error bandeau-dial-hint" data-bind="textInput: dialNumber, attr: { placeholder: t('Number, name, e-mail or order #'), 'aria-invalid': dialError() ? 'true' : 'false' }"></label>
    <button type="submit" data-action="dial" data-bind="text: dialPending() ? t('Calling…') : t('Call'), enable: dialNumber().trim().length > 0 && !dialPending() && dialOnline()"></button>
    <p id="bandeau-dial-error" class="bandeau-bar__dial-error" role="alert" data-bind="visible: dialError, text: dialError"></p>
    <p id="bandeau-dial-hint" class="bandeau-bar__dial-hint" aria-live="polite" data-bind="visible: searchHint, text: searchHint"></p>
    <ul class="bandeau-bar__results" data-bind="visible: results().length > 0, foreach: results, attr: { 'aria-label': t('Number, name, e-mail or order #') }">
      <li class="bandeau-bar__result" data-bind="attr: { 'data-customer-id': customerId === null ? '' : String(customerId) }">
        <span class="bandeau-bar__result-who">
          <!-- ko if: url --><a class="bandeau-bar__result-name" data-bind="text: name, attr: { href: url }"></a><!-- /ko -->
          <!-- ko ifnot: url --><span class="bandeau-bar__result-name" data-bind="text: name"></span><!-- /ko -->
          <small class="bandeau-bar__result-detail" data-bind="text: detail"></small>
        </span>
        <span class="bandeau-bar__result-phones">
          <!-- ko foreach: phones -->
          <button type="button" data-action="call-result" data-bind="text: display, attr: { title: label, 'aria-label': label, 'data-number': number }, enable: !$parents[1].dialPending() && $parents[1].dialOnline(), click: function () { $parents[1].place(number); }"></button>
          <!-- /ko -->
          <small data-bind="visible: phones.length === 0, text: $parent.t('No phone number')"></small>
        </span>
      </li>
    </ul>
    <details data-bind="attr: { open: dialKeypadOpen() ? 'open' : null }, event: { toggle: dialKeypadToggled }"><summary data-bind="text: t('Keypad')"></summary>
      <div class="bandeau-bar__keypad" data-bind="foreach: dialKeys">
        <button type="button" data-bind="text: $data, click: function () { $parent.dialNumber($parent.dialNumber() + $data); }"></button>
      </div>
    </details>
  </form>`;

/** One person found, as the bar shows them. */
export interface ResultView {
  key: string;
  customerId: number | null;
  name: string;
  detail: string;
  url: string | null;
  phones: Array<{ number: string; display: string; label: string }>;
}

const SEARCH_DELAY_MS = 250;

export function createDialBox({ ko, o, t, ui }: BarContext) {
  let rules: PageDialRules = pageDialRules(undefined);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;
  const searchState = ko.observable<'idle' | 'searching' | 'done' | 'failed'>('idle');
  const searchedFor = ko.observable('');
  const searchProblem = ko.observable('');

  const vm = {
    dialKeys: KEYS,
    dialNumber: ui.observable(ko, 'dialText'),
    dialKeypadOpen: ui.openObservable(ko, 'dialKeypad'),
    dialError: ko.observable<string | null>(null),
    /** Calls can be placed: connected to the bridge (softphone mode dials from the browser). */
    dialOnline: ko.observable(o.softphone),
    dialPending: ko.observable(false),
    results: ko.observableArray<ResultView>([]),
    searchHint: ko.pureComputed((): string | null => {
      const s = searchState();
      if (s === 'searching' && vm.results().length === 0) return t('Searching…');
      if (s === 'failed') return t('The search failed: %1', searchProblem());
      if (s === 'done' && vm.results().length === 0 && dialIntent(searchedFor(), rules) === 'search') return t('Nobody found for %1.', searchedFor());
      return null;
    }),
    dialKeypadToggled(_: unknown, ev: Event) {
      vm.dialKeypadOpen((ev.target as HTMLDetailsElement).open);
      return true;
    },
    /** The bridge's dial rules for this agent (from the snapshot) tell a number from a search. */
    updateDial(state: ViewState) {
      rules = pageDialRules(state.agent?.dial);
      vm.dialOnline(o.softphone || state.connection === 'connected');
    },
    dial() {
      const text = vm.dialNumber().trim();
      const intent = dialIntent(text, rules);
      if (intent === 'empty' || vm.dialPending()) return;
      if (intent === 'search') {
        // A name is not dialled: the people found are, from the list.
        vm.dialError(vm.results().length > 0 || searchState() === 'searching' ? t('Pick a person below to call them, or type a number.') : t('Type a number, an extension or a feature code.'));
        return;
      }
      vm.place(text);
    },
    /** Dials a number (typed, or a result's): the box is emptied once the bridge accepted it. */
    place(number: string) {
      if (!o.placeCall) {
        o.send({ type: 'call.dial', number });
        clear();
        return;
      }
      vm.dialPending(true);
      vm.dialError(null);
      o.placeCall(number).then(
        () => {
          vm.dialPending(false);
          clear();
        },
        (err: { code?: string; reason?: string; message?: string }) => {
          vm.dialPending(false);
          vm.dialError(refusalSentence(err, t));
        },
      );
    },
  };

  function clear(): void {
    vm.dialNumber('');
    vm.results([]);
    searchState('idle');
  }

  function scheduleSearch(text: string): void {
    clearTimeout(searchTimer);
    const q = text.trim();
    const seq = ++searchSeq;
    if (!o.searchDirectory || !searchable(q, dialIntent(q, rules))) {
      vm.results([]);
      searchState('idle');
      return;
    }
    searchState('searching');
    searchTimer = setTimeout(() => {
      o.searchDirectory!(q).then(
        (r) => {
          if (seq !== searchSeq) return;
          searchedFor(q);
          vm.results(r.results.map((p, i) => resultView(p, i)));
          searchState('done');
        },
        (err: Error) => {
          if (seq !== searchSeq) return;
          searchedFor(q);
          vm.results([]);
          searchProblem(err.message);
          searchState('failed');
        },
      );
    }, SEARCH_DELAY_MS);
  }

  function resultView(p: DirectoryResponse['results'][number], i: number): ResultView {
    const detail = [p.orderIncrementId ? t('Order #%1', p.orderIncrementId) : '', p.email ?? ''].filter(Boolean).join(' · ');
    return {
      key: `${p.customerId ?? 'o'}-${p.orderIncrementId ?? ''}-${i}`,
      customerId: p.customerId,
      name: p.name,
      detail,
      url: safeUrl(p.url),
      phones: p.phones.map((ph) => ({ number: ph.number, display: ph.display, label: t('Call %1 on %2', p.name, ph.display) })),
    };
  }

  vm.dialNumber.subscribe((text) => {
    vm.dialError(null);
    scheduleSearch(text);
  });
  // A search typed on the previous page (the text is kept across loads) is run again.
  if (vm.dialNumber().trim()) scheduleSearch(vm.dialNumber());
  return vm;
}
