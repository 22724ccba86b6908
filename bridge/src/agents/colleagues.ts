import type { Colleague } from '../protocol/messages';
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
 * In the transfer list's order. Sort the team with it once before listing each agent's
 * colleagues: each list is then in order already (a sort of sorted input is linear).
 */
export const byName = (a: Colleague, b: Colleague): number => a.name.localeCompare(b.name) || a.extension.localeCompare(b.extension);

/**
 * Each agent's colleagues as the transfer list shows them: name, extension and presence, nothing
 * else (no calls, no permissions).
 */
export function colleaguesFor(team: TeamMember[], userId: number): Colleague[] {
  const out: Colleague[] = [];
  for (const a of team) {
    if (a.userId === userId) continue;
    out.push({ name: a.name, extension: a.extension, status: a.online ? a.status : 'offline' });
  }
  return out.sort(byName).slice(0, 500);
}

/** A compact key of what colleagues see of the whole team, to tell when it changed. */
export function presenceKey(team: TeamMember[]): string {
  return team
    .map((a) => `${a.userId}:${a.extension}:${a.name}:${a.online ? a.status : 'offline'}`)
    .sort()
    .join('|');
}
