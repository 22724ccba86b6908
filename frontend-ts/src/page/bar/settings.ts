import type { BarContext } from './context';
import { loadPrefs, onPrefsChanged, savePrefs, type BarPrefs } from './prefs';
import { SHORTCUTS } from './shortcuts';

/**
 * The bar's own settings, opened from the head: browser notifications of calls (permission asked
 * from this click, never before), the ring tone in desk-phone mode, and the keyboard shortcuts.
 * Also where the bar docks (the head's dock button), kept with the other preferences.
 */
export const settingsTemplate = `
  <div class="bandeau-settings" data-bandeau-settings data-bind="visible: settingsOpen">
    <label data-bind="visible: canNotify"><input type="checkbox" data-action="notify" data-bind="checked: notifyOn, click: toggleNotify"> <span data-bind="text: t('Notify me of calls')"></span></label>
    <p class="bandeau-settings__hint" data-bind="visible: notifyHint, text: notifyHint"></p>
    <label data-bind="visible: canRing"><input type="checkbox" data-action="ring-sound" data-bind="checked: ringSound"> <span data-bind="text: t('Ring in the browser')"></span></label>
    <p class="bandeau-settings__title" data-bind="text: t('Keyboard shortcuts')"></p>
    <dl class="bandeau-keys" data-bind="foreach: shortcutHelp"><dt><kbd data-bind="text: keys"></kbd></dt><dd data-bind="text: label"></dd></dl>
  </div>`;

export function createSettings({ ko, t, o }: BarContext, collapsed: { (): boolean; (v: boolean): void }) {
  const prefs = loadPrefs();
  const canNotify = typeof Notification !== 'undefined';
  const vm = {
    settingsOpen: ko.observable(false),
    dock: ko.observable<BarPrefs['dock']>(prefs.dock),
    canNotify,
    notifyOn: ko.observable(prefs.notify && canNotify && Notification.permission === 'granted'),
    notifyHint: ko.observable<string | null>(null),
    /** Desk-phone mode only: the softphone rings by itself. */
    canRing: !o.softphone,
    ringSound: ko.observable(prefs.ringSound),
    shortcutHelp: SHORTCUTS.map((s) => ({ keys: s.keys, label: t(s.label) })),
    prefs: (): BarPrefs => ({ dock: vm.dock(), notify: vm.notifyOn(), ringSound: vm.ringSound() }),
    dockLabel: () => (vm.dock() === 'right' ? t('Dock left') : t('Dock right')),
    toggleDock() {
      vm.dock(vm.dock() === 'right' ? 'left' : 'right');
    },
    toggleSettings() {
      const open = !vm.settingsOpen();
      vm.settingsOpen(open);
      if (open) collapsed(false);
    },
    /** The permission is asked from this click: browsers refuse (or hide) a request made without one. */
    toggleNotify(_: unknown, ev: Event): boolean {
      const on = (ev.target as HTMLInputElement).checked;
      vm.notifyHint(null);
      if (!on || Notification.permission === 'granted') return true;
      if (Notification.permission === 'denied') {
        vm.notifyHint(t('Notifications are blocked for this site in the browser settings.'));
        setTimeout(() => vm.notifyOn(false));
        return true;
      }
      void Notification.requestPermission().then((p) => {
        vm.notifyOn(p === 'granted');
        if (p === 'denied') vm.notifyHint(t('Notifications are blocked for this site in the browser settings.'));
      });
      return true;
    },
  };
  // Every change is kept for the next pages, and the other open tabs follow it.
  ko.computed(() => savePrefs(vm.prefs()));
  onPrefsChanged((p) => {
    vm.dock(p.dock);
    vm.ringSound(p.ringSound);
    vm.notifyOn(p.notify && canNotify && Notification.permission === 'granted');
  });
  return vm;
}
