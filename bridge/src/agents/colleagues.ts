import type { Colleague } from '../protocol/messages';
import type { SessionStore } from './sessionStore';

/**
 * Each agent's colleagues as the transfer list shows them: name, extension and presence, nothing
 * else (no calls, no permissions). A colleague whose browser left shows as offline until the
 * bridge forgets their session.
 */
export function colleaguesFor(store: SessionStore, userId: number): Colleague[] {
  const out: Colleague[] = [];
  for (const s of store.all()) {
    if (s.identity.userId === userId) continue;
    out.push({ name: s.identity.name, extension: s.identity.extension, status: s.sockets.size > 0 ? s.status : 'offline' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.extension.localeCompare(b.extension)).slice(0, 500);
}

/** A compact key of what colleagues see of the whole team, to tell when it changed. */
export function presenceKey(store: SessionStore): string {
  return store
    .all()
    .map((s) => `${s.identity.userId}:${s.identity.extension}:${s.identity.name}:${s.sockets.size > 0 ? s.status : 'offline'}`)
    .sort()
    .join('|');
}
