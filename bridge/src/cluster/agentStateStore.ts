import type { AgentStatus, Call } from '../protocol/messages';
import type { AgentIdentity } from '../auth/agentToken';
import type { AgentSession } from '../agents/sessionStore';

/**
 * What must survive an agent moving to another bridge instance (issue 18): an AgentSession
 * without its sockets, which belong to one instance. Plain JSON.
 */
export interface AgentState {
  identity: AgentIdentity;
  status: AgentStatus;
  /** Live calls the agent is a party to. */
  calls: Call[];
  /** Ended calls, newest first. */
  recent: Call[];
  recentSeenAt: string | null;
  /** Epoch ms when the agent's last socket (on any instance) left; null while connected. */
  leftAt: number | null;
}

/** Token ids of one user, as the TokenLedger (auth/revocation.ts) keeps them. */
export interface TokenMarks {
  /** Highest token id seen on a connection or a renewal. */
  highest: number;
  /** Magento revoked every token below this id. */
  floor: number;
}

/**
 * Agent session state shared by bridge instances. Asynchronous, unlike the in-memory
 * SessionStore the server uses today: the Redis implementation answers over the network.
 */
export interface AgentStateStore {
  load(userId: number): Promise<AgentState | null>;
  /** Stores the state; one whose agent has left expires after the session grace period. */
  save(state: AgentState): Promise<void>;
  remove(userId: number): Promise<void>;
  tokens(userId: number): Promise<TokenMarks>;
  /** Raises the highest token id seen (never lowers it); returns the marks in force. */
  noteToken(userId: number, tokenId: number): Promise<TokenMarks>;
  /** Raises the revocation floor (never lowers it); returns the marks in force. */
  revokeTokens(userId: number, notBefore: number): Promise<TokenMarks>;
}

/** The shareable part of a session. */
export function stateOf(s: AgentSession): AgentState {
  return { identity: s.identity, status: s.status, calls: [...s.calls.values()], recent: s.recent, recentSeenAt: s.recentSeenAt, leftAt: s.leftAt };
}

/** Puts a stored state into a session of this instance (its sockets are left as they are). */
export function applyState(s: AgentSession, state: AgentState): void {
  s.identity = state.identity;
  s.status = state.status;
  s.calls = new Map(state.calls.map((c) => [c.id, c]));
  s.recent = state.recent;
  s.recentSeenAt = state.recentSeenAt;
}

/** One bridge alone: the same contract in memory (tests, and the shape a single instance would use). */
export class MemoryAgentStateStore implements AgentStateStore {
  private readonly states = new Map<number, string>();
  private readonly marks = new Map<number, TokenMarks>();

  async load(userId: number): Promise<AgentState | null> {
    const json = this.states.get(userId);
    return json === undefined ? null : (JSON.parse(json) as AgentState);
  }

  async save(state: AgentState): Promise<void> {
    this.states.set(state.identity.userId, JSON.stringify(state));
  }

  async remove(userId: number): Promise<void> {
    this.states.delete(userId);
    this.marks.delete(userId);
  }

  async tokens(userId: number): Promise<TokenMarks> {
    return { ...(this.marks.get(userId) ?? { highest: 0, floor: 0 }) };
  }

  async noteToken(userId: number, tokenId: number): Promise<TokenMarks> {
    const m = await this.tokens(userId);
    m.highest = Math.max(m.highest, tokenId);
    this.marks.set(userId, m);
    return { ...m };
  }

  async revokeTokens(userId: number, notBefore: number): Promise<TokenMarks> {
    const m = await this.tokens(userId);
    m.floor = Math.max(m.floor, notBefore);
    this.marks.set(userId, m);
    return { ...m };
  }
}
