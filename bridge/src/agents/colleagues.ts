import type { Colleague } from '../protocol/messages';
import { COLLEAGUES_MAX } from '../protocol/colleagueList';
import type { SessionStore } from './sessionStore';

/** One agent of the team: on this instance or another (cluster/sharedPresence.ts); online = has a live socket. */
export type TeamMember = Colleague & { userId: number; online: boolean };

/**
 * The whole team as colleagues see it: this instance's sessions, and agents of other instances
 * (`others`). An agent online anywhere shows online; one whose browser left shows offline until
 * their session is forgotten.
 */
export function teamOf(store: SessionStore, others: Iterable<TeamMember> = []): TeamMember[] {
  const team = new Map<number, TeamMember>();
  for (const s of store.all()) {
    team.set(s.identity.userId, { userId: s.identity.userId, name: s.identity.name, extension: s.identity.extension, status: s.status, online: s.sockets.size > 0 });
  }
  for (const o of others) {
    const mine = team.get(o.userId);
    if (!mine || (!mine.online && o.online)) team.set(o.userId, o);
  }
  return [...team.values()];
}

/**
 * What colleagues see of the team, by extension (what the transfer list dials): name and presence,
 * nothing else. Two members on one extension (a token minted for a reused extension) show as the
 * one who is online.
 */
export function colleagueView(team: TeamMember[]): Map<string, Colleague> {
  const view = new Map<string, Colleague>();
  const online = new Set<string>();
  for (const a of team) {
    if (online.has(a.extension)) continue;
    view.set(a.extension, { name: a.name, extension: a.extension, status: a.online ? a.status : 'offline' });
    if (a.online) online.add(a.extension);
  }
  return view;
}

/** An agent's whole list from the team in order (byName): everyone but the agent's extension, the first 500. */
export function colleaguesFor(sorted: readonly Colleague[], extension: string): Colleague[] {
  const out: Colleague[] = [];
  for (const c of sorted) {
    if (c.extension === extension) continue;
    if (out.push(c) === COLLEAGUES_MAX) break;
  }
  return out;
}
