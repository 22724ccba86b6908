import type * as KnockoutNs from 'knockout';
import type { Observable } from 'knockout';
import { storageOf, type KeyValueStorage } from '../storageScope';

// Knockout's type straight from its package: '../knockout' (the loader) needs the DOM library.
type Ko = typeof KnockoutNs;

/**
 * The bar's own UI state, kept across page loads and shared by the tabs of one admin session:
 * collapsed or not, which sections are open, the customer chosen for each call in the chooser,
 * the dial box text, the campaign panel.
 *
 * Where: localStorage under a key scoped to the admin session (storageScope.ts). Not the worker:
 * Firefox ends the SharedWorker on every page load and Safari may have none, and the bar needs
 * the state synchronously when it mounts, before any message could come back. Not sessionStorage:
 * a new tab would start blank. Other tabs follow changes through the `storage` event.
 */
export interface UiStateFields {
  collapsed: boolean;
  /** Open sections by name ('recent', 'dialKeypad', 'campaign', ...). */
  open: Record<string, boolean>;
  /** The customer the agent chose for a call whose number several customers share, by call id. */
  chosen: Record<string, number>;
  dialText: string;
  /** The agent is working a campaign (the panel resumes its contact on the next page). */
  campaignActive: boolean;
}

export const UI_STATE_PREFIX = 'bandeau:ui:';
const MAX_CHOSEN = 50;
const MAX_TEXT = 64;

const DEFAULTS: UiStateFields = { collapsed: false, open: {}, chosen: {}, dialText: '', campaignActive: false };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whatever was stored, as valid fields (anything else falls back to the default). */
export function parseUiState(raw: unknown): UiStateFields {
  const r = isRecord(raw) ? raw : {};
  const open: Record<string, boolean> = {};
  if (isRecord(r.open)) for (const [k, v] of Object.entries(r.open)) if (typeof v === 'boolean' && k.length <= 64) open[k] = v;
  const chosen: Record<string, number> = {};
  if (isRecord(r.chosen)) {
    const entries = Object.entries(r.chosen).filter((e): e is [string, number] => Number.isInteger(e[1]) && e[0].length <= 128);
    for (const [k, v] of entries.slice(-MAX_CHOSEN)) chosen[k] = v;
  }
  return {
    collapsed: typeof r.collapsed === 'boolean' ? r.collapsed : DEFAULTS.collapsed,
    open,
    chosen,
    dialText: typeof r.dialText === 'string' ? r.dialText.slice(0, MAX_TEXT) : DEFAULTS.dialText,
    campaignActive: typeof r.campaignActive === 'boolean' ? r.campaignActive : DEFAULTS.campaignActive,
  };
}

type Listener = () => void;

export class UiState {
  private fields: UiStateFields;
  private readonly listeners = new Set<Listener>();

  /** `scope` null: kept in memory only (tests, a browser refusing storage). */
  constructor(
    private readonly scope: string | null,
    private readonly storage: KeyValueStorage | null = scope === null ? null : storageOf('localStorage'),
  ) {
    this.fields = this.read();
    // Other tabs' changes (the `storage` event fires in every other tab of the origin).
    const events = globalThis as unknown as { addEventListener?: (type: 'storage', l: (e: { key: string | null }) => void) => void };
    if (this.storage && typeof events.addEventListener === 'function') {
      events.addEventListener('storage', (e) => {
        if (e.key !== this.key) return;
        this.fields = this.read();
        for (const l of this.listeners) l();
      });
    }
  }

  private get key(): string {
    return UI_STATE_PREFIX + (this.scope ?? '');
  }

  private read(): UiStateFields {
    if (!this.storage) return parseUiState(null);
    try {
      return parseUiState(JSON.parse(this.storage.getItem(this.key) ?? 'null'));
    } catch {
      return parseUiState(null);
    }
  }

  get<K extends keyof UiStateFields>(k: K): UiStateFields[K] {
    return this.fields[k];
  }

  set<K extends keyof UiStateFields>(k: K, v: UiStateFields[K]): void {
    this.fields = parseUiState({ ...this.fields, [k]: v });
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.fields));
    } catch {
      // Quota or storage refused: the state holds for this page only.
    }
  }

  /** Whether section `name` is open (`fallback` when the agent never toggled it). */
  isOpen(name: string, fallback = false): boolean {
    return this.fields.open[name] ?? fallback;
  }

  setOpen(name: string, open: boolean): void {
    this.set('open', { ...this.fields.open, [name]: open });
  }

  /** Called when another tab changed the state. */
  onChange(l: Listener): void {
    this.listeners.add(l);
  }

  /**
   * A knockout observable of one field: starts from the stored value, writes every change back,
   * and follows other tabs.
   */
  observable<K extends keyof UiStateFields>(ko: Ko, k: K): Observable<UiStateFields[K]> {
    const obs = ko.observable(this.get(k));
    let applying = false;
    obs.subscribe((v) => {
      if (!applying) this.set(k, v);
    });
    this.onChange(() => {
      const v = this.get(k);
      if (JSON.stringify(v) === JSON.stringify(obs())) return;
      applying = true;
      obs(v);
      applying = false;
    });
    return obs;
  }

  /** An observable open/closed flag of one section. */
  openObservable(ko: Ko, name: string, fallback = false): Observable<boolean> {
    const obs = ko.observable(this.isOpen(name, fallback));
    let applying = false;
    obs.subscribe((v) => {
      if (!applying) this.setOpen(name, v);
    });
    this.onChange(() => {
      const v = this.isOpen(name, fallback);
      if (v === obs()) return;
      applying = true;
      obs(v);
      applying = false;
    });
    return obs;
  }
}
