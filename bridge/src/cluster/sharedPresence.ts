import type { TeamMember } from '../agents/colleagues';
import { presenceField, type PresenceEntry, type PresenceSnapshot } from './presenceStore';

/**
 * What this instance knows of the agents on the other instances: their presence entries, heard
 * as they change (serverSideEmit) and read again from Redis at every heartbeat. An instance that
 * stops beating (killed) has its agents shown offline after `staleMs`, and forgotten once the
 * session grace is over too, so a dead instance never keeps anyone online.
 */
export class SharedPresence {
  /** `<instance>|<userId>` -> entry and when it arrived here. */
  private readonly entries = new Map<string, { entry: PresenceEntry; received: number }>();
  /** Entries removed by their owner, and when we heard, so a read begun earlier does not bring them back. */
  private readonly removed = new Map<string, number>();
  /** Instance -> epoch ms we last heard from it (heartbeat or message). */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly self: string,
    private readonly staleMs: number,
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Entries an instance announced; true when what colleagues see may have changed. */
  merge(entries: PresenceEntry[]): boolean {
    const t = this.now();
    let changed = false;
    for (const e of entries) {
      if (e.instance === this.self) continue;
      const key = presenceField(e.instance, e.userId);
      const had = this.entries.get(key);
      this.seen(e.instance, t);
      if (had && had.entry.at > e.at) continue;
      this.entries.set(key, { entry: e, received: t });
      this.removed.delete(key);
      changed ||= !had || had.entry.status !== e.status || had.entry.online !== e.online || had.entry.name !== e.name || had.entry.extension !== e.extension;
    }
    return changed;
  }

  /** The instance forgot these agents (their session ended). */
  remove(instance: string, userIds: number[]): boolean {
    const t = this.now();
    this.seen(instance, t);
    let changed = false;
    for (const id of userIds) {
      const key = presenceField(instance, id);
      changed = this.entries.delete(key) || changed;
      this.removed.set(key, t);
    }
    return changed;
  }

  /** The instance stopped: its agents show offline (they left it) until the grace is over. */
  gone(instance: string): boolean {
    this.lastSeen.set(instance, this.now() - this.staleMs - 1);
    return [...this.entries.values()].some(({ entry }) => entry.instance === instance);
  }

  /**
   * Everything Redis held when the read began (`startedAt`): replaces what we knew, except what
   * was heard since (an announcement newer than the read).
   */
  replace(snapshot: PresenceSnapshot, startedAt: number): void {
    for (const [instance, at] of snapshot.beats) this.seen(instance, at);
    const next = new Map<string, { entry: PresenceEntry; received: number }>();
    for (const e of snapshot.entries) {
      if (e.instance === this.self) continue;
      const key = presenceField(e.instance, e.userId);
      if ((this.removed.get(key) ?? -1) >= startedAt) continue;
      next.set(key, { entry: e, received: startedAt });
    }
    for (const [key, had] of this.entries) {
      const read = next.get(key);
      if (had.received > startedAt && (!read || read.entry.at <= had.entry.at)) next.set(key, had);
    }
    this.entries.clear();
    for (const [k, v] of next) this.entries.set(k, v);
    for (const [key, t] of this.removed) if (t < startedAt) this.removed.delete(key);
  }

  /** The other instances' agents, one per user: online when a live instance has them online. */
  agents(): TeamMember[] {
    const t = this.now();
    const out = new Map<number, TeamMember & { at: number }>();
    for (const { entry } of this.entries.values()) {
      const online = this.shownOnline(entry, t);
      if (online === null) continue;
      const had = out.get(entry.userId);
      if (!had || (online && !had.online) || (online === had.online && entry.at > had.at)) {
        out.set(entry.userId, { userId: entry.userId, name: entry.name, extension: entry.extension, status: entry.status, online, at: entry.at });
      }
    }
    return [...out.values()].map(({ at: _at, ...a }) => a);
  }

  /** Whether another live instance has sockets of this agent. */
  onlineElsewhere(userId: number): boolean {
    const t = this.now();
    for (const { entry } of this.entries.values()) {
      if (entry.userId === userId && this.shownOnline(entry, t) === true) return true;
    }
    return false;
  }

  /** Instances silent past the grace, whose entries may be removed from Redis. */
  dead(): string[] {
    const limit = this.now() - this.staleMs - this.graceMs;
    const instances = new Set([...this.lastSeen.keys(), ...[...this.entries.values()].map(({ entry }) => entry.instance)]);
    return [...instances].filter((id) => id !== this.self && (this.lastSeen.get(id) ?? 0) < limit);
  }

  /** Forgets a dead instance's entries; returns the agents it had. */
  forget(instance: string): number[] {
    const users: number[] = [];
    for (const [key, { entry }] of this.entries) {
      if (entry.instance !== instance) continue;
      users.push(entry.userId);
      this.entries.delete(key);
    }
    this.lastSeen.delete(instance);
    return users;
  }

  /** Whether the entry shows its agent online at `t`; null once its instance is silent past the grace. */
  private shownOnline(entry: PresenceEntry, t: number): boolean | null {
    const seen = this.lastSeen.get(entry.instance) ?? 0;
    if (seen < t - this.staleMs - this.graceMs) return null;
    // A silent instance (killed) keeps nobody online.
    return entry.online && seen >= t - this.staleMs;
  }

  private seen(instance: string, at: number): void {
    if (instance === this.self) return;
    if (at > (this.lastSeen.get(instance) ?? 0)) this.lastSeen.set(instance, at);
  }
}
