/**
 * What the bar keeps in the browser's storage (its UI state, the last picture of the bar) is
 * scoped to one Magento admin session, named by a hash of the session's form key: Magento makes
 * a new form key at each login, so another admin user, or the same one after logging in again,
 * never sees the previous session's choices or calls, and the page knows its scope before any
 * state arrives (the agent's identity only comes with the bridge's snapshot). Entries of other
 * scopes are removed when a page starts: a shared computer keeps only the current session's.
 */
export function storageScope(formKey: string | undefined): string {
  // FNV-1a: short and stable; the form key itself (a CSRF token) is not written to storage.
  let h = 0x811c9dc5;
  for (const ch of formKey ?? '') {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The part of the Web Storage API the bar uses (also what unit tests fake). */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The storage, or null where the browser refuses it (privacy settings, sandboxed frames). */
export function storageOf(kind: 'localStorage' | 'sessionStorage'): KeyValueStorage | null {
  try {
    // Reading window.localStorage itself throws where storage is refused.
    return (globalThis as unknown as Record<string, KeyValueStorage | undefined>)[kind] ?? null;
  } catch {
    return null;
  }
}

/** Removes every `prefix*` entry that is not `prefix + scope`. */
export function dropOtherScopes(storage: KeyValueStorage | null, prefix: string, scope: string): void {
  if (!storage) return;
  try {
    const keep = prefix + scope;
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k && k.startsWith(prefix) && k !== keep) stale.push(k);
    }
    for (const k of stale) storage.removeItem(k);
  } catch {
    // Storage refused: nothing was kept either.
  }
}

/**
 * Diagnostics and the navigation benchmark: `sessionStorage['bandeau:restore'] = 'off'` turns the
 * first-paint restore off in this tab (the bar then paints "Connecting…" until the session answers,
 * as it did before).
 */
export function restoreDisabled(): boolean {
  try {
    return storageOf('sessionStorage')?.getItem('bandeau:restore') === 'off';
  } catch {
    return false;
  }
}
