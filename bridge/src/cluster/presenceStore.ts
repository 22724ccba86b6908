import { z } from 'zod';
import { AgentStatus } from '../protocol/messages';
import type { RedisClient } from './redisLink';

/** One agent as one bridge instance has them: what colleagues see, and who owns the entry. */
export const PresenceEntry = z.object({
  userId: z.number().int().positive(),
  name: z.string().max(255),
  extension: z.string().max(64),
  status: AgentStatus,
  /** The agent has sockets on that instance (else they left it, within the session grace). */
  online: z.boolean(),
  instance: z.string().max(128),
  /** Epoch ms of the change, so an older copy never replaces a newer one. */
  at: z.number(),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/** Every instance's presence entries and heartbeats, as stored. */
export interface PresenceSnapshot {
  entries: PresenceEntry[];
  /** Instance id -> epoch ms of its last heartbeat. */
  beats: Map<string, number>;
  /** Every field of the presence hash as read, unreadable entries too (forget removes them as well). */
  fields: string[];
}

/** Where the instances share presence (Redis; in memory for one process in tests). */
export interface PresenceStore {
  put(entries: PresenceEntry[]): Promise<void>;
  drop(instance: string, userIds: number[]): Promise<void>;
  beat(instance: string, at: number): Promise<void>;
  /** The instance stops: no heartbeat any more, its (offline) entries stay until the grace is over. */
  stopBeating(instance: string): Promise<void>;
  read(): Promise<PresenceSnapshot>;
  /**
   * Removes an instance's heartbeat and entries (it stopped, or died long ago). `read`: a snapshot
   * just taken (the heartbeat's), whose fields serve instead of reading the whole hash again.
   */
  forget(instance: string, read?: PresenceSnapshot): Promise<void>;
}

/**
 * Two hashes: `<prefix>presence` (field `<instance>|<userId>`, a JSON PresenceEntry) and
 * `<prefix>instances` (field instance id, its last heartbeat in epoch ms). One entry per agent
 * and instance, so an agent leaving one instance never hides them online on another.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly presenceKey: string;
  private readonly instancesKey: string;

  constructor(private readonly client: RedisClient, prefix: string) {
    this.presenceKey = `${prefix}presence`;
    this.instancesKey = `${prefix}instances`;
  }

  async put(entries: PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.client.hSet(this.presenceKey, Object.fromEntries(entries.map((e) => [presenceField(e.instance, e.userId), JSON.stringify(e)])));
  }

  async drop(instance: string, userIds: number[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.client.hDel(this.presenceKey, userIds.map((id) => presenceField(instance, id)));
  }

  async beat(instance: string, at: number): Promise<void> {
    await this.client.hSet(this.instancesKey, instance, String(at));
  }

  async stopBeating(instance: string): Promise<void> {
    await this.client.hDel(this.instancesKey, instance);
  }

  async read(): Promise<PresenceSnapshot> {
    const [raw, beats] = await Promise.all([this.client.hGetAll(this.presenceKey), this.client.hGetAll(this.instancesKey)]);
    const entries: PresenceEntry[] = [];
    for (const json of Object.values(raw as Record<string, string>)) {
      const e = parseEntry(json);
      if (e) entries.push(e);
    }
    return {
      entries,
      beats: new Map(Object.entries(beats as Record<string, string>).map(([id, at]) => [id, Number(at)])),
      fields: Object.keys(raw as Record<string, string>),
    };
  }

  async forget(instance: string, read?: PresenceSnapshot): Promise<void> {
    const all = read?.fields ?? Object.keys((await this.client.hGetAll(this.presenceKey)) as Record<string, string>);
    const fields = all.filter((f) => f.startsWith(fieldPrefix(instance)));
    if (fields.length > 0) await this.client.hDel(this.presenceKey, fields);
    await this.client.hDel(this.instancesKey, instance);
  }
}

/** One agent's entry of one instance: the Redis hash field, and the key instances keep entries under. */
export function presenceField(instance: string, userId: number): string {
  return `${fieldPrefix(instance)}${userId}`;
}

function fieldPrefix(instance: string): string {
  return `${instance}|`;
}

function parseEntry(json: string): PresenceEntry | null {
  try {
    const r = PresenceEntry.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
