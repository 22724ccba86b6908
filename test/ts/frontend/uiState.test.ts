import ko from 'knockout';
import { UiState, UI_STATE_PREFIX, parseUiState } from '../../../frontend-ts/src/page/bar/uiState';
import { dropOtherScopes, storageScope, type KeyValueStorage } from '../../../frontend-ts/src/page/storageScope';

/** The bar's UI state kept across page loads (issue 13, point 2), against an in-memory Storage. */
class MemoryStorage implements KeyValueStorage {
  private readonly m = new Map<string, string>();
  get length(): number {
    return this.m.size;
  }
  clear(): void {
    this.m.clear();
  }
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  key(i: number): string | null {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string): void {
    this.m.delete(k);
  }
  setItem(k: string, v: string): void {
    this.m.set(k, String(v));
  }
}

describe('UiState', () => {
  it('keeps what one page set for the next page of the same admin session', () => {
    const storage = new MemoryStorage();
    const scope = storageScope('form-key-1');
    const first = new UiState(scope, storage);
    first.set('collapsed', true);
    first.set('dialText', '+33 6 12');
    first.set('chosen', { 'call-1': 92 });
    first.setOpen('recent', true);
    const next = new UiState(scope, storage);
    expect(next.get('collapsed')).toBe(true);
    expect(next.get('dialText')).toBe('+33 6 12');
    expect(next.get('chosen')).toEqual({ 'call-1': 92 });
    expect(next.isOpen('recent')).toBe(true);
    expect(next.isOpen('dialKeypad')).toBe(false);
    expect(next.isOpen('campaign', true)).toBe(true);
  });

  it('starts blank for another admin session, and a page drops the other sessions\' entries', () => {
    const storage = new MemoryStorage();
    new UiState(storageScope('old-session'), storage).set('dialText', '0612');
    const scope = storageScope('new-session');
    expect(scope).not.toBe(storageScope('old-session'));
    expect(new UiState(scope, storage).get('dialText')).toBe('');
    dropOtherScopes(storage, UI_STATE_PREFIX, scope);
    expect(storage.length).toBe(0);
    // The form key itself (a CSRF token) is never written.
    new UiState(scope, storage).set('collapsed', true);
    expect(storage.key(0)).not.toContain('new-session');
  });

  it('turns whatever was stored into valid fields', () => {
    expect(parseUiState('garbage')).toEqual({ collapsed: false, open: {}, chosen: {}, dialText: '', campaignActive: false });
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`c${i}`, i]));
    const parsed = parseUiState({ collapsed: 'yes', open: { recent: true, bad: 'x' }, chosen: { ...many, evil: '1' }, dialText: 'x'.repeat(500) });
    expect(parsed.collapsed).toBe(false);
    expect(parsed.open).toEqual({ recent: true });
    expect(Object.keys(parsed.chosen)).toHaveLength(50);
    expect(parsed.chosen.c79).toBe(79);
    expect(parsed.dialText).toHaveLength(64);
    const storage = new MemoryStorage();
    storage.setItem(UI_STATE_PREFIX + 'x', '{not json');
    expect(new UiState('x', storage).get('collapsed')).toBe(false);
  });

  it('gives knockout observables that write back', () => {
    const storage = new MemoryStorage();
    const ui = new UiState('s', storage);
    const collapsed = ui.observable(ko, 'collapsed');
    const recent = ui.openObservable(ko, 'recent');
    collapsed(true);
    recent(true);
    const next = new UiState('s', storage);
    expect(next.get('collapsed')).toBe(true);
    expect(next.isOpen('recent')).toBe(true);
  });

  it('holds the state in memory when storage is refused', () => {
    const ui = new UiState(null);
    ui.set('dialText', '7002');
    expect(ui.get('dialText')).toBe('7002');
  });
});
