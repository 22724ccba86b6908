import type { CallView } from './model';

/**
 * The new views, with each call whose view did not change kept as the very same object: knockout's
 * foreach then leaves that call's node alone, so the button an agent has focused stays focused and
 * screen readers do not hear the whole list again each time another call changes.
 */
export function keepUnchanged(previous: readonly CallView[], next: CallView[]): CallView[] {
  if (previous.length === 0) return next;
  const before = new Map(previous.map((v) => [v.id, v]));
  return next.map((v) => {
    const old = before.get(v.id);
    return old !== undefined && JSON.stringify(old) === JSON.stringify(v) ? old : v;
  });
}
