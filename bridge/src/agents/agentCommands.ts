import type { Socket } from 'socket.io';
import type { Logger } from '../logger';
import { AgentIdentity, AgentTokenVerifier, TokenError } from '../auth/agentToken';
import type { TokenLedger, TokenRefusal } from '../auth/revocation';
import type { BridgeMetrics } from '../http/metrics';
import { AgentLimits, RATE_LIMITED, TOO_MANY_INVALID } from '../limits/agentLimits';
import { PresenceError, type Presence } from './presence';
import type { AgentSession } from './sessionStore';
import type { CallPeople } from '../phone/people';
import type { OutgoingCheck } from '../calls/outgoing';
import type { AgentState, TokenMarks } from '../cluster/agentStateStore';
import type { ClusterSessions } from '../cluster/clusterSessions';
import type { CallCommandHandler } from '../server';
import { CLIENT_EVENT, ClientCommand, parseMessage, type ServerMessage } from '../protocol/messages';

export interface SocketData {
  identity: AgentIdentity;
  /** The agent's session as Redis had it when the socket connected (several bridges only). */
  shared?: AgentState;
  expiryTimer?: NodeJS.Timeout;
}

export type AgentSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/** What an agent's commands reach of the bridge server. */
export interface CommandContext {
  readonly metrics: BridgeMetrics;
  readonly verifier: AgentTokenVerifier;
  readonly tokens: TokenLedger;
  readonly people: CallPeople;
  readonly outgoing: OutgoingCheck;
  readonly limits: AgentLimits;
  readonly presence?: Pick<Presence, 'apply'>;
  readonly callControl?: CallCommandHandler;
  /** This instance's part of a cluster of bridges (absent: the bridge runs alone). */
  readonly cluster?: ClusterSessions;
  /** Whether a socket id is connected to this instance. */
  alive(socketId: string): boolean;
  send(socket: AgentSocket, msg: ServerMessage): void;
  /** To every socket of the agent, on every instance. */
  toAgent(userId: number, msg: ServerMessage): void;
  teamChanged(): void;
  armExpiry(socket: AgentSocket, log: Logger): void;
}

/**
 * Whether the token may be used by the socket (a connection, or a renewal giving up `previous`):
 * the marks other instances have seen (from Redis; null when unread) are absorbed first, then the
 * token is checked and, when accepted, claimed here and noted for the cluster. Returns the
 * refusal, or null once claimed; the caller logs and counts.
 */
export function admitToken(ctx: Pick<CommandContext, 'tokens' | 'cluster' | 'alive'>, identity: AgentIdentity, socketId: string, marks: TokenMarks | null, previous?: number): TokenRefusal | null {
  if (marks) ctx.tokens.absorb(identity.userId, marks);
  const refused = ctx.tokens.check(identity.userId, identity.tokenId, socketId, (id) => ctx.alive(id));
  if (refused) return refused;
  ctx.tokens.claim(identity.userId, identity.tokenId, socketId, previous);
  ctx.cluster?.noteToken(identity.userId, identity.tokenId);
  return null;
}

/** Listens to the agent's messages on one socket: validation and rate limits, then the command. */
export function listenToAgent(ctx: CommandContext, socket: AgentSocket, session: AgentSession, log: Logger): void {
  const { identity } = socket.data;
  socket.on(CLIENT_EVENT, (raw: unknown) => {
    const parsed = parseMessage(ClientCommand, raw);
    if (!parsed.ok) {
      ctx.metrics.invalidMessages.inc();
      if (!ctx.limits.invalid(identity.userId)) {
        log.warn('too many invalid messages; disconnecting');
        ctx.send(socket, { type: 'error', ...TOO_MANY_INVALID });
        socket.disconnect(true);
        return;
      }
      ctx.limits.logRejected(log, identity.userId, 'invalid', { reason: parsed.reason }, 'invalid message rejected');
      const ref = typeof raw === 'object' && raw !== null && typeof (raw as { ref?: unknown }).ref === 'string' ? String((raw as { ref: string }).ref).slice(0, 64) : undefined;
      ctx.send(socket, { type: 'error', code: 'invalid_message', message: `Message rejected: ${parsed.reason}`, ...(ref ? { ref } : {}) });
      return;
    }
    const limit = ctx.limits.command(identity.userId, parsed.value.type);
    if (limit !== 'ok') {
      ctx.metrics.commands.inc({ type: parsed.value.type, outcome: 'refused' });
      ctx.limits.logRejected(log, identity.userId, limit, { type: parsed.value.type, limit }, 'command refused by a rate limit');
      ctx.send(socket, { type: 'error', ...RATE_LIMITED, ...(parsed.value.ref ? { ref: parsed.value.ref } : {}) });
      return;
    }
    handleCommand(ctx, socket, session, parsed.value, log).catch((err: unknown) => {
      log.error({ err }, 'command failed');
    });
  });
}

/**
 * The caller's name the agent's lookup found, kept for that agent: a live call comes back
 * decorated (returned, to be sent), a recent one keeps it for the next snapshot.
 */
export function nameCaller(ctx: Pick<CommandContext, 'people' | 'outgoing'>, session: AgentSession, callId: string, name: string): { live?: ServerMessage; changed: boolean } {
  const userId = session.identity.userId;
  if (!ctx.people.setCaller(userId, callId, name)) return { changed: false };
  const live = session.calls.get(callId);
  if (live) {
    const shown = ctx.outgoing.call(ctx.people.decorate(live, userId)) ?? live;
    session.calls.set(shown.id, shown);
    return { changed: true, live: { type: 'call.update', call: shown } };
  }
  session.recent = session.recent.map((c) => (c.id === callId ? ctx.people.decorate(c, userId) : c));
  return { changed: true };
}

async function handleCommand(ctx: CommandContext, socket: AgentSocket, session: AgentSession, cmd: ClientCommand, log: Logger): Promise<void> {
  const ref = cmd.ref;
  const userId = session.identity.userId;
  const fail = (code: string, message: string, reason?: string) => {
    ctx.metrics.commands.inc({ type: cmd.type, outcome: 'refused' });
    ctx.send(socket, { type: 'error', code, message, ...(ref ? { ref } : {}), ...(reason ? { reason } : {}) });
  };
  switch (cmd.type) {
    case 'auth.refresh': {
      let next: AgentIdentity;
      try {
        next = await ctx.verifier.verify(cmd.token);
      } catch (err) {
        log.warn({ reason: (err as Error).message }, 'token refresh refused');
        return fail(err instanceof TokenError ? err.code : 'token_invalid', (err as Error).message);
      }
      if (next.userId !== socket.data.identity.userId) {
        log.warn({ other: next.userId }, 'token refresh with another user\'s token refused');
        return fail('token_other_user', 'this token belongs to another user');
      }
      // Marks seen by other instances first (a newer token used elsewhere, a revocation).
      const marks = ctx.cluster ? await ctx.cluster.marks(next.userId) : null;
      const refused = admitToken(ctx, next, socket.id, marks, socket.data.identity.tokenId);
      if (refused) {
        log.warn({ code: refused }, 'token refresh refused');
        return fail(refused, `agent token refused: ${refused}`);
      }
      socket.data.identity = next;
      session.identity = next;
      ctx.cluster?.save(userId);
      ctx.armExpiry(socket, log);
      ctx.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
      ctx.send(socket, { type: 'token.accepted', expiresAt: next.expiresAt });
      return;
    }
    case 'agent.setStatus': {
      // The status changes at once for the agent and colleagues; the PBX is told after.
      session.status = cmd.status;
      ctx.toAgent(userId, { type: 'agent.status', status: cmd.status });
      ctx.teamChanged();
      ctx.cluster?.save(userId);
      try {
        await ctx.presence?.apply(session.identity.extension, cmd.status);
      } catch (err) {
        if (!(err instanceof PresenceError)) throw err;
        return fail(err.code, err.message);
      }
      ctx.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
      if (ref) ctx.send(socket, { type: 'ack', ref });
      return;
    }
    case 'agent.callerName': {
      ctx.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
      if (ref) ctx.send(socket, { type: 'ack', ref });
      const named = nameCaller(ctx, session, cmd.callId, cmd.name);
      if (!named.changed) return;
      if (named.live) ctx.toAgent(userId, named.live);
      ctx.cluster?.callerNamed(userId, cmd.callId, cmd.name);
      if (!named.live) ctx.cluster?.save(userId);
      return;
    }
    case 'agent.recentSeen': {
      session.recentSeenAt = new Date().toISOString();
      ctx.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
      ctx.toAgent(userId, { type: 'recent.seen', at: session.recentSeenAt });
      ctx.cluster?.save(userId);
      return;
    }
    default: {
      const control = ctx.callControl;
      if (!control) return fail('pbx_unavailable', 'No PBX is connected to the bridge.');
      try {
        const { permissions, extension, dial } = socket.data.identity;
        const r = await control.execute({ userId, extension, permissions, ...(dial ? { dial } : {}) }, cmd);
        ctx.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
        if (ref) ctx.send(socket, { type: 'ack', ref, ...(r.callId ? { callId: r.callId } : {}) });
      } catch (err) {
        const e = err as { code?: unknown; message?: string; reason?: unknown };
        const code = typeof e.code === 'string' ? e.code : 'command_failed';
        ctx.limits.logRejected(log, userId, 'command', { type: cmd.type, code, reason: e.message }, 'command refused');
        fail(code, e.message ?? 'The command failed.', typeof e.reason === 'string' ? e.reason : undefined);
      }
    }
  }
}
