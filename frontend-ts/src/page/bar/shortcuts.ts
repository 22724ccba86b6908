import type { StringKey, Translate } from '../strings';
import type { StripRow } from './strip';

/**
 * Keyboard shortcuts that reach the bar from anywhere in the admin page. Alt+Shift with a letter:
 * Magento's admin binds none of them, and browsers leave Alt+Shift+P/A/H/D to pages (Firefox
 * uses Alt+Shift for access keys, which the admin does not define). The letter is read from the
 * key typed, falling back to the physical key where Alt turns it into a symbol (macOS Option).
 */
export const SHORTCUTS: ReadonlyArray<{ letter: string; keys: string; label: StringKey }> = [
  { letter: 'P', keys: 'Alt+Shift+P', label: 'Focus the phone bar' },
  { letter: 'A', keys: 'Alt+Shift+A', label: 'Answer' },
  { letter: 'H', keys: 'Alt+Shift+H', label: 'Hang up or decline' },
  { letter: 'D', keys: 'Alt+Shift+D', label: 'Dial a number' },
  { letter: '', keys: 'Esc', label: 'Collapse the bar' },
];

/** What the shortcuts act on: the bar's state and its strip (built whether collapsed or not). */
export interface ShortcutTarget {
  t: Translate;
  softphone: boolean;
  collapsed: { (): boolean; (v: boolean): void };
  settingsOpen: (v: boolean) => void;
  stripRows: () => StripRow[];
  showNotice(text: string | null): void;
}

export function installShortcuts(bar: HTMLElement, x: ShortcutTarget): void {
  const find = <T>(sel: string) => bar.querySelector(sel) as T | null;
  const focus = () => find<HTMLElement>('.bandeau-bar__toggle')?.focus();
  const byLetter: Record<string, () => void> = {
    P: focus,
    A: () => {
      const row = x.stripRows().find((r) => r.answer);
      if (row?.answer) row.answer();
      else if (!x.softphone && x.stripRows().some((r) => r.ringing)) x.showNotice(x.t('Answer on your desk phone.'));
    },
    H: () => {
      // The ringing call is declined first: a call being talked on is never cut by surprise while another rings.
      const rows = x.stripRows();
      const row = rows.find((r) => r.decline) ?? rows.find((r) => r.hangup);
      (row?.decline ?? row?.hangup)?.();
    },
    D: () => {
      x.collapsed(false);
      // Knockout shows the body on this tick; the input is focusable on the next.
      setTimeout(() => find<HTMLInputElement>('.bandeau-bar__dial input')?.focus());
    },
  };
  document.addEventListener(
    'keydown',
    (e) => {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      const letter = /^[a-z]$/i.test(e.key) ? e.key.toUpperCase() : e.code.replace(/^Key/, '');
      const run = byLetter[letter];
      if (!run) return;
      e.preventDefault();
      e.stopPropagation();
      run();
    },
    true,
  );
  bar.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || x.collapsed()) return;
    e.preventDefault();
    x.settingsOpen(false);
    x.collapsed(true);
    focus();
  });
}
