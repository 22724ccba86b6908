/**
 * The transfer list's colleagues on both sides of the wire: the bridge sends the whole list at
 * connect and then only what changed (`colleagues.changed`); the worker merges each change into
 * the list it holds. One order and one merge here, so both hold the same list.
 */
import type { Colleague, ColleaguesChangedMsg } from './messages';

/** At most this many colleagues in a list, and in each message. */
export const COLLEAGUES_MAX = 500;

// One collator, one locale: compare() is many times faster than localeCompare, and the bridge and
// every browser agree on the order (and so on which 500 a large team keeps).
const collator = new Intl.Collator('en');

/** The transfer list's order: by name, then extension. */
export const byName = (a: Colleague, b: Colleague): number => collator.compare(a.name, b.name) || collator.compare(a.extension, b.extension);

const same = (a: Colleague, b: Colleague): boolean => a.name === b.name && a.status === b.status;

/**
 * From what the team was (`before`) to what it is (`after`), each keyed by extension: the messages
 * that tell it (none when nothing changed), each within the messages' bounds.
 */
export function colleaguesDelta(before: ReadonlyMap<string, Colleague>, after: ReadonlyMap<string, Colleague>): ColleaguesChangedMsg[] {
  const changed: Colleague[] = [];
  const gone: string[] = [];
  for (const [ext, c] of after) {
    const was = before.get(ext);
    if (!was || !same(was, c)) changed.push(c);
  }
  for (const ext of before.keys()) if (!after.has(ext)) gone.push(ext);
  const out: ColleaguesChangedMsg[] = [];
  for (let i = 0; i < changed.length || i < gone.length; i += COLLEAGUES_MAX) {
    out.push({ type: 'colleagues.changed', colleagues: changed.slice(i, i + COLLEAGUES_MAX), gone: gone.slice(i, i + COLLEAGUES_MAX) });
  }
  return out;
}

/**
 * `list` after a change: entries replaced or added by extension, the gone ones removed, the
 * agent's own extension left out, in the bridge's order, the first COLLEAGUES_MAX kept.
 */
export function mergeColleagues(list: readonly Colleague[], change: Pick<ColleaguesChangedMsg, 'colleagues' | 'gone'>, own?: string): Colleague[] {
  const byExt = new Map(list.map((c) => [c.extension, c]));
  for (const ext of change.gone) byExt.delete(ext);
  for (const c of change.colleagues) if (c.extension !== own) byExt.set(c.extension, c);
  return [...byExt.values()].sort(byName).slice(0, COLLEAGUES_MAX);
}
