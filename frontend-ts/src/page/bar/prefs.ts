/**
 * The agent's preferences for this browser: where the bar docks, whether calls notify and ring.
 * They belong to the device, not to one admin session (the UI state of a session is uiState's),
 * so they live under one localStorage key; a browser that refuses storage keeps the defaults.
 */
export interface BarPrefs {
  dock: 'right' | 'left';
  notify: boolean;
  ringSound: boolean;
}

const KEY = 'bandeau:prefs';
const DEFAULTS: BarPrefs = { dock: 'right', notify: false, ringSound: true };

export function loadPrefs(): BarPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof BarPrefs, unknown>>;
    return {
      dock: raw.dock === 'left' ? 'left' : 'right',
      notify: raw.notify === true,
      ringSound: raw.ringSound !== false,
    };
  } catch {
    // Storage refused (privacy settings, sandboxed frame) or a value that is not ours.
    return { ...DEFAULTS };
  }
}

export function savePrefs(p: BarPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage full or refused: the choice holds for this page only.
  }
}

/** Another tab changed the preferences. */
export function onPrefsChanged(listener: (p: BarPrefs) => void): void {
  addEventListener('storage', (e) => {
    if (e.key === KEY) listener(loadPrefs());
  });
}
