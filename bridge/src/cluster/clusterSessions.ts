import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Counter, type Registry } from 'prom-client';
import type { Server } from 'socket.io';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { SessionStore } from '../agents/sessionStore';
import type { TeamMember } from '../agents/colleagues';
import { stateOf, type AgentState, type AgentStateStore, type TokenMarks } from './agentStateStore';
import { PresenceEntry, type PresenceStore } from './presenceStore';
import { SharedPresence } from './sharedPresence';
import { within } from './within';

/** The one serverSideEmit event the instances tell each other things with. */
export const CLUSTER_EVENT = 'bandeau:cluster';

const from = z.string().max(128);
const userId = z.number().int().positive();
/** What instances tell each other (through Redis pub/sub: checked like any input). */
const ClusterMessage = z.discriminatedUnion('kind', [
  /** The sender wrote the agent's state: reload it (agent here too) or drop the session (left here). */
  z.object({ kind: z.literal('session'), from, userId }),
  z.object({ kind: z.literal('revoke'), from, userId, notBefore: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('caller'), from, userId, callId: z.string().max(128), name: z.string().max(255) }),
  z.object({ kind: z.literal('presence'), from, entries: z.array(PresenceEntry), removed: z.array(userId) }),
  z.object({ kind: z.literal('gone'), from }),
]);
type ClusterMessage = z.infer<typeof ClusterMessage>;
type Outgoing = ClusterMessage extends infer M ? (M extends ClusterMessage ? Omit<M, 'from'> : never) : never;

/** What the cluster needs of Redis (cluster/redisLink.ts). */
export interface ClusterLink {
  agentState: AgentStateStore;
  presence: PresenceStore;
  /** Whether commands can be sent now (connected). */
  ready(): boolean;
  /** Called each time the connection is back after a loss. */
  onReady(listener: () => void): void;
}

/** What the server does when another instance says something. */
export interface ClusterHooks {
  /** What colleagues see may have changed. */
  teamChanged(): void;
  /** A revocation received by another instance: close this instance's sockets holding a revoked token. */
  revoked(userId: number, notBefore: number): void;
  /** The agent named their caller on another instance. */
  callerNamed(userId: number, callId: string, name: string): void;
}

export interface ClusterOptions {
  link: ClusterLink;
  io: Server;
  sessions: SessionStore;
  logger: Logger;
  registry: Registry;
  graceMs: number;
  hooks: ClusterHooks;
  /** How often this instance says it is alive and reads the others' presence. */
  heartbeatMs?: number;
}

/** The longest a connecting agent waits on Redis before the bridge uses its own state. */
const REDIS_TIMEOUT_MS = 1000;
/**
 * Writes and the heartbeat's beat, read and clean-up: no agent waits on them, so a slow Redis gets
 * twice as long before it counts as a failure (and the instance falls back to its own state).
 */
const REDIS_BACKGROUND_TIMEOUT_MS = REDIS_TIMEOUT_MS * 2;

/**
 * This instance's part of the cluster (issue 18, design points 2–5): agent session state written
 * through to Redis and read when an agent arrives, token marks, revocations told to every
 * instance, shared presence. Redis trouble never reaches an agent: each failure is counted, the
 * outage logged once, and the instance serves from its own state until Redis is back.
 */
export class ClusterSessions {
  readonly instance: string;
  private readonly shared: SharedPresence;
  private readonly errors: Counter<'op'>;
  private readonly log: Logger;
  private readonly heartbeatMs: number;
  /** Users with a state write under way; `again` when it changed meanwhile (one write at a time, in order). */
  private readonly writing = new Map<number, { again: boolean }>();
  /** Users whose state could not be written: written when Redis is back. */
  private readonly unsaved = new Set<number>();
  /** Own presence as last announced: userId -> what colleagues see. */
  private announced = new Map<number, string>();
  private down = false;
  /** When `down` was set (epoch ms). */
  private downSince = 0;
  private timer?: NodeJS.Timeout;
  private idle?: () => void;

  constructor(private readonly o: ClusterOptions) {
    this.instance = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`.slice(0, 128);
    this.heartbeatMs = o.heartbeatMs ?? 5000;
    this.log = o.logger.child({ part: 'cluster', instance: this.instance });
    // Three missed heartbeats: the instance is taken for dead, its agents offline.
    this.shared = new SharedPresence(this.instance, this.heartbeatMs * 3, o.graceMs);
    this.errors = new Counter({
      name: 'bandeau_cluster_redis_errors_total',
      help: 'Redis operations of the cluster that failed or timed out (the instance went on with its own state), by operation',
      labelNames: ['op'] as const,
      registers: [o.registry],
    });
  }

  start(): void {
    this.o.io.on(CLUSTER_EVENT, (raw: unknown) => this.receive(raw));
    this.o.link.onReady(() => void this.back());
    this.timer = setInterval(() => void this.tick(), this.heartbeatMs);
    this.timer.unref();
    void this.tick();
  }

  /**
   * Stops the heartbeat and finishes the writes under way (1 s at most). Call once the sockets
   * are closed: this instance's agents are announced offline, as anyone whose browser left.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.presenceChanged();
    this.emit({ kind: 'gone' });
    if (this.writing.size > 0) {
      await within(new Promise<void>((resolve) => (this.idle = resolve)), REDIS_TIMEOUT_MS).catch(() => undefined);
    }
    if (this.o.link.ready()) await within(this.o.link.presence.stopBeating(this.instance), REDIS_TIMEOUT_MS).catch((err: unknown) => this.problem('presence', err));
  }

  health(): { connected: boolean; instance: string } {
    return { connected: this.o.link.ready(), instance: this.instance };
  }

  /** A connecting agent's shared state and token marks, or null (Redis down or slow: use ours, said in the log). */
  arrival(user: number): Promise<{ state: AgentState | null; marks: TokenMarks } | null> {
    return this.ask('load', async () => {
      const [state, marks] = await Promise.all([this.o.link.agentState.load(user), this.o.link.agentState.tokens(user)]);
      return { state, marks };
    });
  }

  /** The agent's shared state, or null (none, or Redis down or slow). */
  load(user: number): Promise<AgentState | null> {
    return this.ask('load', () => this.o.link.agentState.load(user));
  }

  /** The user's token marks (a token renewal), or null when Redis does not answer in time. */
  marks(user: number): Promise<TokenMarks | null> {
    return this.ask('tokens', () => this.o.link.agentState.tokens(user));
  }

  /** A token was claimed here: older ones are stale on every instance. */
  noteToken(user: number, tokenId: number): void {
    this.fire('tokens', () => this.o.link.agentState.noteToken(user, tokenId));
  }

  /** Magento revoked the user's tokens here: raises the floor in Redis and tells every instance. */
  revoke(user: number, notBefore: number): void {
    this.emit({ kind: 'revoke', userId: user, notBefore });
    this.fire('revoke', () => this.o.link.agentState.revokeTokens(user, notBefore));
  }

  callerNamed(user: number, callId: string, name: string): void {
    this.emit({ kind: 'caller', userId: user, callId, name });
  }

  /**
   * The agent's session changed here: its state is written to Redis (writes of one user in
   * order, the latest state each time), then the other instances are told.
   */
  save(user: number): void {
    const running = this.writing.get(user);
    if (running) {
      running.again = true;
      return;
    }
    if (!this.o.link.ready()) {
      this.unsaved.add(user);
      return this.problem('save', new Error('not connected'));
    }
    const job = { again: false };
    this.writing.set(user, job);
    void this.write(user, job);
  }

  /** The agent's last socket here left: kept in Redis for the grace period, unless another instance has them. */
  left(user: number): void {
    if (this.shared.onlineElsewhere(user)) return;
    this.save(user);
  }

  /** Agents of the other instances, for colleagues, extensions and call records. */
  others(): TeamMember[] {
    return this.shared.agents();
  }

  /** Announces what changed in this instance's presence (a connect, a leave, a status) since last time. */
  presenceChanged(): void {
    const now = Date.now();
    const current = new Map<number, string>();
    const entries: PresenceEntry[] = [];
    for (const s of this.o.sessions.all()) {
      const online = s.sockets.size > 0;
      const { userId: id, name, extension } = s.identity;
      const sig = `${online}|${s.status}|${name}|${extension}`;
      current.set(id, sig);
      if (this.announced.get(id) !== sig) entries.push({ userId: id, name, extension, status: s.status, online, instance: this.instance, at: now });
    }
    const removed = [...this.announced.keys()].filter((id) => !current.has(id));
    this.announced = current;
    if (entries.length === 0 && removed.length === 0) return;
    this.emit({ kind: 'presence', entries, removed });
    this.fire('presence', () => {
      const store = this.o.link.presence;
      return Promise.all([store.put(entries), store.drop(this.instance, removed)]);
    });
  }

  private async write(user: number, job: { again: boolean }): Promise<void> {
    try {
      do {
        job.again = false;
        const s = this.o.sessions.get(user);
        if (!s) break;
        const sent = Date.now();
        await within(this.o.link.agentState.save(stateOf(s)), REDIS_BACKGROUND_TIMEOUT_MS);
        this.fine(sent);
        this.emit({ kind: 'session', userId: user });
      } while (job.again);
    } catch (err) {
      this.unsaved.add(user);
      this.problem('save', err);
    } finally {
      this.writing.delete(user);
      if (this.writing.size === 0) this.idle?.();
    }
  }

  private receive(raw: unknown): void {
    const parsed = ClusterMessage.safeParse(raw);
    if (!parsed.success) {
      this.log.warn({ reason: parsed.error.issues[0]?.message }, 'cluster message ignored: not one of ours');
      return;
    }
    const m = parsed.data;
    if (m.from === this.instance) return;
    switch (m.kind) {
      case 'session':
        return this.reload(m.userId);
      case 'revoke':
        return this.o.hooks.revoked(m.userId, m.notBefore);
      case 'caller':
        return this.o.hooks.callerNamed(m.userId, m.callId, m.name);
      case 'presence': {
        const merged = this.shared.merge(m.entries);
        if (this.shared.remove(m.from, m.removed) || merged) this.o.hooks.teamChanged();
        return;
      }
      case 'gone':
        if (this.shared.gone(m.from)) this.o.hooks.teamChanged();
        return;
    }
  }

  /**
   * Another instance wrote the agent's state. Without sockets here our copy is out of date: it
   * goes (that instance has the agent now). With sockets here too, the shared parts are reloaded.
   */
  private reload(user: number): void {
    const s = this.o.sessions.get(user);
    if (!s) return;
    if (s.sockets.size === 0) {
      if (this.o.sessions.drop(user)) this.o.hooks.teamChanged();
      return;
    }
    // Our own newer change is on its way; theirs is read again after it.
    if (this.writing.has(user)) return;
    void this.load(user).then((state) => {
      const now = this.o.sessions.get(user);
      if (!state || !now || this.writing.has(user)) return;
      // The writer saw the agent leave it, late: they are here, so the state must not expire.
      if (state.leftAt !== null) this.save(user);
      const statusChanged = now.status !== state.status;
      now.status = state.status;
      now.recent = state.recent;
      now.recentSeenAt = state.recentSeenAt;
      if (statusChanged) this.o.hooks.teamChanged();
    });
  }

  /** Heartbeat: says this instance is alive, reads everyone's presence, clears instances long dead. */
  private async tick(): Promise<void> {
    // Time alone turns a silent instance's agents offline: colleagues are told (Redis or not).
    if (!this.o.link.ready()) return this.o.hooks.teamChanged();
    const startedAt = Date.now();
    const store = this.o.link.presence;
    try {
      await within(store.beat(this.instance, startedAt), REDIS_BACKGROUND_TIMEOUT_MS);
      const read = await within(store.read(), REDIS_BACKGROUND_TIMEOUT_MS);
      this.shared.replace(read, startedAt);
      for (const dead of this.shared.dead()) {
        const users = this.shared.forget(dead);
        // A dead instance writes nothing more: the fields just read are all it has.
        await store.forget(dead, read);
        for (const user of users) await this.abandoned(user);
      }
      this.fine(startedAt);
    } catch (err) {
      this.problem('presence', err);
    }
    this.o.hooks.teamChanged();
  }

  /**
   * An agent of an instance that died (killed: it never wrote that they left) and who is on no
   * other instance: their state in Redis is given the session grace to live, as if they had left.
   */
  private async abandoned(user: number): Promise<void> {
    if ((this.o.sessions.get(user)?.sockets.size ?? 0) > 0 || this.shared.onlineElsewhere(user)) return;
    const state = await this.o.link.agentState.load(user);
    if (state && state.leftAt === null) await this.o.link.agentState.save({ ...state, leftAt: Date.now() });
  }

  /** Redis is back: what could not be written is written, our presence announced again in full. */
  private async back(): Promise<void> {
    for (const user of [...this.unsaved]) {
      this.unsaved.delete(user);
      this.save(user);
    }
    try {
      await within(this.o.link.presence.forget(this.instance), REDIS_BACKGROUND_TIMEOUT_MS);
      this.announced = new Map();
      this.presenceChanged();
    } catch (err) {
      this.problem('presence', err);
    }
    void this.tick();
  }

  private async ask<T>(op: string, read: () => Promise<T>): Promise<T | null> {
    if (!this.o.link.ready()) {
      this.problem(op, new Error('not connected'));
      return null;
    }
    const sent = Date.now();
    try {
      const r = await within(read(), REDIS_TIMEOUT_MS);
      this.fine(sent);
      return r;
    } catch (err) {
      this.problem(op, err);
      return null;
    }
  }

  /** A write nobody waits for: its failure is counted and logged like any other. */
  private fire(op: string, send: () => Promise<unknown>): void {
    if (!this.o.link.ready()) return this.problem(op, new Error('not connected'));
    const sent = Date.now();
    send().then(() => this.fine(sent), (err: unknown) => this.problem(op, err));
  }

  private emit(msg: Outgoing): void {
    try {
      this.o.io.serverSideEmit(CLUSTER_EVENT, { ...msg, from: this.instance });
    } catch (err) {
      this.problem('emit', err);
    }
  }

  private problem(op: string, err: unknown): void {
    this.errors.inc({ op });
    if (this.down) return;
    this.down = true;
    this.downSince = Date.now();
    this.log.error({ op, err: (err as Error)?.message ?? String(err) }, 'redis unreachable: agents are served from this instance\'s local state until it is back');
  }

  /**
   * A Redis operation sent at `sentAt` succeeded. One sent before the outage was seen may still
   * answer as the connection dies: only one sent after says Redis is back (one log line an outage).
   */
  private fine(sentAt: number): void {
    if (!this.down || sentAt <= this.downSince) return;
    this.down = false;
    this.log.info('redis answers again: agent state shared with the other instances again');
  }
}
