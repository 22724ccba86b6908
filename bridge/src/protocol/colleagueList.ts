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
 * that tell it (none when nothing changed), each within the messages' bounds. Merged in order
 * (mergeColleagues), they give every agent the list the bridge would send whole: when colleagues
 * leave an agent's first COLLEAGUES_MAX (forgotten, or renamed further down), the ones that move
 * up come too, though nothing changed about them.
 */
export function colleaguesDelta(before: ReadonlyMap<string, Colleague>, after: ReadonlyMap<string, Colleague>): ColleaguesChangedMsg[] {
  const changed: Colleague[] = [];
  // The changed ones again, apart: renamed, and the rest (arrived, or a new status).
  const renamed: Colleague[] = [];
  const rest: Colleague[] = [];
  const gone: string[] = [];
  for (const [ext, c] of after) {
    const was = before.get(ext);
    if (was && same(was, c)) continue;
    changed.push(c);
    (was && was.name !== c.name ? renamed : rest).push(c);
  }
  for (const ext of before.keys()) if (!after.has(ext)) gone.push(ext);
  if (changed.length === 0 && gone.length === 0) return [];
  const up = movedUp(before, after);
  if (gone.length <= COLLEAGUES_MAX && changed.length + up.length <= COLLEAGUES_MAX) return [{ type: 'colleagues.changed', colleagues: [...changed, ...up], gone }];
  // Too much for one message. A list is cut at COLLEAGUES_MAX after each message, so a removal told
  // after an arrival could leave a hole: in steps, each told whole before the next (the forgotten,
  // then the renamed, then arrivals and status changes, which move nobody up).
  const steps = [
    ...chunks(gone, COLLEAGUES_MAX).map((g) => ({ gone: g, changed: [] as Colleague[] })),
    // A rename is a removal too, so it goes with those it brings up (one each, and one more) in one message.
    ...chunks(renamed, Math.floor(COLLEAGUES_MAX / 2) - 1).map((r) => ({ gone: [] as string[], changed: r })),
    ...chunks(rest, COLLEAGUES_MAX).map((a) => ({ gone: [] as string[], changed: a })),
  ];
  const out: ColleaguesChangedMsg[] = [];
  let view = before;
  for (const step of steps) {
    const next = new Map(view);
    for (const ext of step.gone) next.delete(ext);
    for (const c of step.changed) next.set(c.extension, c);
    // Those that move up only add to the list: they may follow in a message of their own.
    const told = [...step.changed, ...movedUp(view, next)];
    for (let i = 0; i === 0 || i < told.length; i += COLLEAGUES_MAX) {
      out.push({ type: 'colleagues.changed', colleagues: told.slice(i, i + COLLEAGUES_MAX), gone: i === 0 ? step.gone : [] });
    }
    view = next;
  }
  return out;
}

/**
 * Colleagues unchanged from `before` to `after` who may now be in a list they were not in. An agent
 * holds the first COLLEAGUES_MAX of the order but their own extension, so only one that leaves
 * those (forgotten, renamed) moves anyone up, and only into the first COLLEAGUES_MAX + 1.
 */
function movedUp(before: ReadonlyMap<string, Colleague>, after: ReadonlyMap<string, Colleague>): Colleague[] {
  // A team that fitted: every list held everyone.
  if (before.size <= COLLEAGUES_MAX) return [];
  const shrinks = [...before].some(([ext, was]) => after.get(ext)?.name !== was.name);
  if (!shrinks) return [];
  const held = new Set(first(before, COLLEAGUES_MAX).map((c) => c.extension));
  return first(after, COLLEAGUES_MAX + 1).filter((c) => {
    const was = before.get(c.extension);
    return !held.has(c.extension) && was !== undefined && same(was, c);
  });
}

function first(view: ReadonlyMap<string, Colleague>, n: number): Colleague[] {
  return [...view.values()].sort(byName).slice(0, n);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
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
