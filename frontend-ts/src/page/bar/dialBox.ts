import type { BarContext } from './context';
import { KEYS } from './callControls';

/** The dial box with its keypad. */
export const dialBoxTemplate = `
  <form class="bandeau-bar__dial" data-bind="submit: dial">
    <label><span class="bandeau-bar__sr" data-bind="text: t('Number to call')"></span>
      <input type="text" inputmode="tel" autocomplete="off" maxlength="64" data-bind="textInput: dialNumber, attr: { placeholder: t('Number to call') }"></label>
    <button type="submit" data-action="dial" data-bind="text: t('Call'), enable: dialNumber().trim().length > 0"></button>
    <details data-bind="attr: { open: dialKeypadOpen() ? 'open' : null }, event: { toggle: dialKeypadToggled }"><summary data-bind="text: t('Keypad')"></summary>
      <div class="bandeau-bar__keypad" data-bind="foreach: dialKeys">
        <button type="button" data-bind="text: $data, click: function () { $parent.dialNumber($parent.dialNumber() + $data); }"></button>
      </div>
    </details>
  </form>`;

export function createDialBox({ ko, o, ui }: BarContext) {
  const vm = {
    dialKeys: KEYS,
    dialNumber: ui.observable(ko, 'dialText'),
    dialKeypadOpen: ui.openObservable(ko, 'dialKeypad'),
    dialKeypadToggled(_: unknown, ev: Event) {
      vm.dialKeypadOpen((ev.target as HTMLDetailsElement).open);
      return true;
    },
    dial() {
      const number = vm.dialNumber().trim();
      if (!number) return;
      o.send({ type: 'call.dial', number });
      vm.dialNumber('');
    },
  };
  return vm;
}
