import type { AgentInfo, AgentStatus, Call, SnapshotMsg } from '../protocol/messages';
import { PROTOCOL_VERSION, pushRecent } from '../protocol/messages';
import type { AgentIdentity } from '../auth/agentToken';

/** What the bridge remembers of one agent, across reconnects of its browser session. */
export interface AgentSession {
  identity: AgentIdentity;
  status: AgentStatus;
  sockets: Set<string>;
  /** Calls this agent is a party to, by call id. */
  calls: Map<string, Call>;
  /** Ended calls, newest first (RECENT_LIMIT at most). */
  recent: Call[];
  /** ISO time the agent last looked at the recent calls. */
  recentSeenAt: string | null;
  /** Epoch ms when the last socket left; null while connected. */
  leftAt: number | null;
}

/**
 * Per-agent state kept in the bridge, so a worker that restarts (Firefox, Safari, a bridge
 * reconnect) gets everything back in one snapshot. Sessions without sockets are kept for a
 * grace period, then dropped.
 */
export class SessionStore {
  private readonly sessions = new Map<number, AgentSession>();

  constructor(private readonly graceMs: number, private readonly now: () => number = Date.now) {}

  attach(identity: AgentIdentity, socketId: string): AgentSession {
    let s = this.sessions.get(identity.userId);
    if (!s) {
      s = { identity, status: 'available', sockets: new Set(), calls: new Map(), recent: [], recentSeenAt: null, leftAt: null };
      this.sessions.set(identity.userId, s);
    } else {
      s.identity = identity;
    }
    s.sockets.add(socketId);
    s.leftAt = null;
    return s;
  }

  detach(userId: number, socketId: string): void {
    const s = this.sessions.get(userId);
    if (!s) return;
    s.sockets.delete(socketId);
    if (s.sockets.size === 0) s.leftAt = this.now();
  }

  /** Records a call change in the session: live calls by id, ended ones into `recent`. */
  applyCall(s: AgentSession, call: Call): void {
    if (call.state === 'ended') {
      s.calls.delete(call.id);
      s.recent = pushRecent(s.recent, call);
    } else {
      s.calls.set(call.id, call);
    }
  }

  /**
   * Keeps only the calls the PBX still has for this agent (`live`, from the call model):
   * a call whose end was missed does not outlive a reconnection or a reconciliation.
   * Returns the ids dropped.
   */
  retainCalls(s: AgentSession, live: Call[]): string[] {
    const keep = new Set(live.map((c) => c.id));
    const dropped = [...s.calls.keys()].filter((id) => !keep.has(id));
    for (const id of dropped) s.calls.delete(id);
    for (const c of live) s.calls.set(c.id, c);
    return dropped;
  }

  /** Every session (for a reconciliation). */
  all(): AgentSession[] {
    return [...this.sessions.values()];
  }

  get(userId: number): AgentSession | undefined {
    return this.sessions.get(userId);
  }

  /** Sessions whose agent uses one of these extensions. */
  byExtensions(extensions: Iterable<string>): AgentSession[] {
    const wanted = new Set(extensions);
    return [...this.sessions.values()].filter((s) => wanted.has(s.identity.extension));
  }

  /** Agents with at least one live socket. */
  connectedAgents(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.sockets.size > 0) n++;
    return n;
  }

  /** Forgets a session without sockets (another bridge instance holds the agent now); true when dropped. */
  drop(userId: number): boolean {
    const s = this.sessions.get(userId);
    if (!s || s.sockets.size > 0) return false;
    return this.sessions.delete(userId);
  }

  /** Drops sessions idle past the grace period; returns how many. */
  sweep(): number {
    const limit = this.now() - this.graceMs;
    let dropped = 0;
    for (const [id, s] of this.sessions) {
      if (s.sockets.size === 0 && s.leftAt !== null && s.leftAt <= limit) {
        this.sessions.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  snapshot(s: AgentSession): SnapshotMsg {
    const agent: AgentInfo = {
      userId: s.identity.userId,
      name: s.identity.name,
      extension: s.identity.extension,
      permissions: s.identity.permissions,
      status: s.status,
    };
    return { type: 'snapshot', protocol: PROTOCOL_VERSION, agent, calls: [...s.calls.values()], recent: s.recent, recentSeenAt: s.recentSeenAt, serverTime: new Date(this.now()).toISOString() };
  }
}
