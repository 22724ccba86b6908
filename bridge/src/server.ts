import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, Socket, type ServerOptions } from 'socket.io';
import type { Logger } from './logger';
import type { BridgeConfig } from './config';
import { AgentIdentity, AgentTokenVerifier, TokenError } from './auth/agentToken';
import { TokenLedger } from './auth/revocation';
import { SessionStore, AgentSession } from './agents/sessionStore';
import { BridgeMetrics } from './http/metrics';
import { AgentLimits, RATE_LIMITED, TOO_MANY_INVALID } from './limits/agentLimits';
import { ConnectionGuard } from './limits/connectionGuard';
import { PresenceError, type Presence } from './agents/presence';
import { colleaguesFor, presenceKey } from './agents/colleagues';
import { CallPeople } from './phone/people';
import { OutgoingCheck } from './calls/outgoing';
import type { DialRules } from './phone/dialRules';
import {
  CLIENT_EVENT,
  SERVER_EVENT,
  ClientCommand,
  parseMessage,
  type Call,
  type CallCommand,
  type PbxCapabilities,
  type ServerMessage,
} from './protocol/messages';

/** Executes call commands against the PBX (the AMI call control implements it). */
export interface CallCommandHandler {
  execute(agent: { userId: number; extension: string; permissions: string[]; dial?: DialRules }, cmd: CallCommand): Promise<{ callId?: string }>;
  /** What agents may dial besides outside numbers when their token does not say (shown to the page). */
  readonly dialRules?: DialRules;
}

/** Extra HTTP routes (the demo serves its pages and tokens this way). Return true when handled. */
export type HttpRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface BridgeServerOptions {
  config: BridgeConfig;
  logger: Logger;
  metrics?: BridgeMetrics;
  callControl?: CallCommandHandler;
  routes?: HttpRoute[];
  /**
   * Routes doing their own access control, tried before the Origin/Host policy: desk phones
   * (phones/router.ts) reach the bridge by its LAN address and are checked by network and device token.
   */
  ownAccessRoutes?: HttpRoute[];
  /** Live calls an extension is a party to, for the snapshot of a (re)connecting agent. */
  liveCalls?: (extension: string) => Call[];
  /** Shares each agent's status with the PBX (queue pause); absent without a PBX. */
  presence?: Pick<Presence, 'apply' | 'read'>;
  /** What the PBX driver can do (pbx/driver.ts), told to each agent in the snapshot; absent: everything. */
  pbxCapabilities?: PbxCapabilities;
  /** Reports whether the PBX link is up, for /healthz. */
  pbxStatus?: () => { connected: boolean; detail?: string };
  /** socket.io adapter shared with other bridge instances (cluster/redisLink.ts); absent: in memory, this process only. */
  adapter?: ServerOptions['adapter'];
  /** The desk phones' phone book, for /healthz (absent: no desk phones). */
  phoneBookStatus?: () => unknown;
}

interface SocketData {
  identity: AgentIdentity;
  expiryTimer?: NodeJS.Timeout;
}

type AgentSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/** HTTP + socket.io front of the bridge: authentication, agent sessions, fan-out, health and metrics. */
export class BridgeServer {
  readonly metrics: BridgeMetrics;
  readonly sessions: SessionStore;
  /** Names (colleagues, callers) and national numbers on the calls agents get. */
  readonly people: CallPeople;
  /** Every call sent is checked with the worker's schema first; a bad one costs only itself (calls/outgoing.ts). */
  readonly outgoing: OutgoingCheck;
  /** Which token ids may still be used: one socket each, never older than seen, never revoked. */
  readonly tokens = new TokenLedger();
  private readonly verifier: AgentTokenVerifier;
  /** Origin/Host on every request, unauthenticated connections per IP (limits/connectionGuard.ts). */
  private readonly guard: ConnectionGuard;
  /** Per-agent command and invalid-message buckets (limits/agentLimits.ts). */
  private readonly limits: AgentLimits;
  private readonly http: http.Server;
  private readonly io: Server;
  private sweepTimer?: NodeJS.Timeout;
  /** What colleagues last saw of the team; a change is broadcast once per turn. */
  private teamKey = '';
  private teamQueued = false;
  private stopping = false;

  constructor(private readonly opts: BridgeServerOptions) {
    const { config } = opts;
    this.metrics = opts.metrics ?? new BridgeMetrics();
    this.sessions = new SessionStore(config.sessionGraceS * 1000);
    this.people = new CallPeople(config.callControl.defaultRegion);
    this.outgoing = new OutgoingCheck(opts.logger);
    this.verifier = new AgentTokenVerifier({ secret: config.secret, maxLifetimeS: config.token.maxLifetimeS, clockToleranceS: config.token.clockToleranceS });
    this.http = http.createServer((req, res) => {
      this.handleHttp(req, res).catch((err: unknown) => {
        opts.logger.error({ err, url: req.url }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      });
    });
    this.guard = new ConnectionGuard(config, config.limits, this.metrics, opts.logger);
    this.limits = new AgentLimits(config.limits, this.metrics);
    this.io = new Server(this.http, {
      cors: { origin: config.allowedOrigins, credentials: false },
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      ...(opts.adapter ? { adapter: opts.adapter } : {}),
      // Origin and Host are checked on every request by the guard, before any token is looked at.
      ...this.guard.serverOptions(),
    });
    this.guard.attach(this.io);
    this.io.use((socket, next) => {
      const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      this.verifier.verify(token).then(
        (identity) => {
          const refused = this.tokens.check(identity.userId, identity.tokenId, socket.id, (id) => this.io.sockets.sockets.has(id));
          if (refused) {
            this.metrics.connectionsRefused.inc({ reason: refused });
            opts.logger.warn({ code: refused, userId: identity.userId, address: socket.handshake.address }, 'connection refused');
            const e = new Error(`agent token refused: ${refused}`) as Error & { data: unknown };
            e.data = { code: refused };
            return next(e);
          }
          this.tokens.claim(identity.userId, identity.tokenId, socket.id);
          (socket as AgentSocket).data.identity = identity;
          next();
        },
        (err: unknown) => {
          const code = err instanceof TokenError ? err.code : 'token_invalid';
          this.metrics.connectionsRefused.inc({ reason: code });
          this.limits.logRejected(opts.logger, socket.handshake.address, 'refused', { code, reason: (err as Error).message, address: socket.handshake.address }, 'connection refused');
          const e = new Error((err as Error).message) as Error & { data: unknown };
          e.data = { code };
          next(e);
        },
      );
    });
    this.io.on('connection', (socket) => this.onConnection(socket as AgentSocket));
  }

  async start(): Promise<number> {
    const { host, port } = this.opts.config.listen;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.sweepTimer = setInterval(() => {
      if (this.sessions.sweep() > 0) this.teamChanged();
    }, 30_000);
    this.sweepTimer.unref();
    const actual = (this.http.address() as AddressInfo).port;
    this.guard.policy.listening(actual);
    this.opts.logger.info({ host, port: actual }, 'bridge listening');
    return actual;
  }

  /** Graceful stop: refuse new work, tell agents, close sockets and the HTTP server. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const socket of this.io.sockets.sockets.values()) {
      this.send(socket as AgentSocket, { type: 'error', code: 'bridge_stopping', message: 'The bridge is restarting.' });
    }
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
    this.http.closeAllConnections?.();
    this.opts.logger.info('bridge stopped');
  }

  /**
   * Sends a message to every socket of the agent, on this instance or (with the Redis adapter)
   * on any other one sharing the same Redis.
   */
  sendToAgent(userId: number, msg: ServerMessage): void {
    this.io.to(room(userId)).emit(SERVER_EVENT, msg);
  }

  /** Health for the admin listener's /healthz: state, agents, PBX link (with its version). */
  health(): { status: number; body: unknown } {
    const pbx = this.opts.pbxStatus?.() ?? { connected: false, detail: 'no PBX configured' };
    const phoneBook = this.opts.phoneBookStatus?.();
    return { status: this.stopping ? 503 : 200, body: { status: this.stopping ? 'stopping' : 'ok', agents: this.sessions.connectedAgents(), pbx, ...(phoneBook ? { phoneBook } : {}) } };
  }

  /**
   * Magento revoked the user's tokens below `notBefore` (logout, role or extension change): the
   * sockets holding one are told and closed now. Returns how many.
   */
  revokeTokens(userId: number, notBefore: number): number {
    this.tokens.revoke(userId, notBefore);
    let dropped = 0;
    for (const socketId of [...(this.sessions.get(userId)?.sockets ?? [])]) {
      const socket = this.io.sockets.sockets.get(socketId) as AgentSocket | undefined;
      if (!socket || !this.tokens.isRevoked(userId, socket.data.identity.tokenId)) continue;
      this.send(socket, { type: 'error', code: 'token_revoked', message: 'Your session was closed in Magento.' });
      socket.disconnect(true);
      dropped++;
    }
    return dropped;
  }

  /** A call changed: keep it in the sessions of the agents concerned and push it to them. */
  pushCall(call: Call, extensions: string[]): void {
    const concerned = this.sessions.byExtensions(extensions);
    for (const s of concerned) {
      const shown = this.outgoing.call(this.people.decorate(call, s.identity.userId));
      if (!shown) continue;
      this.sessions.applyCall(s, shown);
      this.io.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.update', call: shown } satisfies ServerMessage);
    }
  }

  /** Call control (absent without a PBX): a desk phone's soft key runs a command as its extension's agent. */
  get callControl(): CallCommandHandler | undefined {
    return this.opts.callControl;
  }

  /**
   * A message for the agents logged in on this extension (a desk phone's soft key asks their
   * browser for something): returns how many connected agents it went to.
   */
  sendToExtension(extension: string, msg: ServerMessage): number {
    const out = this.outgoing.message(msg);
    if (!out) return 0;
    let sent = 0;
    for (const s of this.sessions.byExtensions([extension])) {
      if (s.sockets.size === 0) continue;
      this.io.to(room(s.identity.userId)).emit(SERVER_EVENT, out);
      sent++;
    }
    return sent;
  }

  /** A call id disappeared (merged into another call): drop it from the agents that had it. */
  removeCall(callId: string, extensions: string[]): void {
    for (const s of this.sessions.byExtensions(extensions)) {
      if (!s.calls.delete(callId)) continue;
      this.io.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.removed', callId } satisfies ServerMessage);
    }
  }

  /**
   * The call model reconciled its calls with the PBX: every agent's session keeps only the calls
   * still live for it; the others leave the bars (`call.removed`).
   */
  reconcileCalls(liveFor: (extension: string) => Call[]): void {
    for (const s of this.sessions.all()) {
      for (const callId of this.sessions.retainCalls(s, liveFor(s.identity.extension))) {
        this.io.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.removed', callId } satisfies ServerMessage);
      }
    }
  }

  private onConnection(socket: AgentSocket): void {
    const { identity } = socket.data;
    const log = this.opts.logger.child({ userId: identity.userId, ext: identity.extension, socket: socket.id });
    this.metrics.connectionsTotal.inc();
    const fresh = this.sessions.get(identity.userId) === undefined;
    const session = this.sessions.attach(identity, socket.id);
    this.people.noteAgent(identity.extension, identity.name);
    // The PBX's calls for this agent, as the call model has them now (a bridge restart, a new
    // session); calls the session still held whose end was missed are dropped.
    const live = this.opts.liveCalls?.(identity.extension);
    if (live) this.sessions.retainCalls(session, live);
    this.updateGauges();
    void socket.join(room(identity.userId));
    this.armExpiry(socket, log);
    log.info('agent connected');
    this.send(socket, this.snapshot(session));
    this.send(socket, { type: 'colleagues', colleagues: colleaguesFor(this.sessions, identity.userId) });
    this.teamChanged();
    if (fresh) this.restorePresence(session, log);

    socket.on(CLIENT_EVENT, (raw: unknown) => {
      const parsed = parseMessage(ClientCommand, raw);
      if (!parsed.ok) {
        this.metrics.invalidMessages.inc();
        if (!this.limits.invalid(identity.userId)) {
          log.warn('too many invalid messages; disconnecting');
          this.send(socket, { type: 'error', ...TOO_MANY_INVALID });
          socket.disconnect(true);
          return;
        }
        this.limits.logRejected(log, identity.userId, 'invalid', { reason: parsed.reason }, 'invalid message rejected');
        const ref = typeof raw === 'object' && raw !== null && typeof (raw as { ref?: unknown }).ref === 'string' ? String((raw as { ref: string }).ref).slice(0, 64) : undefined;
        this.send(socket, { type: 'error', code: 'invalid_message', message: `Message rejected: ${parsed.reason}`, ...(ref ? { ref } : {}) });
        return;
      }
      const limit = this.limits.command(identity.userId, parsed.value.type);
      if (limit !== 'ok') {
        this.metrics.commands.inc({ type: parsed.value.type, outcome: 'refused' });
        this.limits.logRejected(log, identity.userId, limit, { type: parsed.value.type, limit }, 'command refused by a rate limit');
        this.send(socket, { type: 'error', ...RATE_LIMITED, ...(parsed.value.ref ? { ref: parsed.value.ref } : {}) });
        return;
      }
      this.handleCommand(socket, session, parsed.value, log).catch((err: unknown) => {
        log.error({ err }, 'command failed');
      });
    });

    socket.on('disconnect', (reason) => {
      if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
      this.tokens.release(identity.userId, socket.data.identity.tokenId, socket.id);
      this.sessions.detach(identity.userId, socket.id);
      this.updateGauges();
      this.teamChanged();
      log.info({ reason }, 'agent disconnected');
    });
  }

  private async handleCommand(socket: AgentSocket, session: AgentSession, cmd: ClientCommand, log: Logger): Promise<void> {
    const ref = cmd.ref;
    const fail = (code: string, message: string, reason?: string) => {
      this.metrics.commands.inc({ type: cmd.type, outcome: 'refused' });
      this.send(socket, { type: 'error', code, message, ...(ref ? { ref } : {}), ...(reason ? { reason } : {}) });
    };
    switch (cmd.type) {
      case 'auth.refresh': {
        let next: AgentIdentity;
        try {
          next = await this.verifier.verify(cmd.token);
        } catch (err) {
          log.warn({ reason: (err as Error).message }, 'token refresh refused');
          return fail(err instanceof TokenError ? err.code : 'token_invalid', (err as Error).message);
        }
        if (next.userId !== socket.data.identity.userId) {
          log.warn({ other: next.userId }, 'token refresh with another user\'s token refused');
          return fail('token_other_user', 'this token belongs to another user');
        }
        const refused = this.tokens.check(next.userId, next.tokenId, socket.id, (id) => this.io.sockets.sockets.has(id));
        if (refused) {
          log.warn({ code: refused }, 'token refresh refused');
          return fail(refused, `agent token refused: ${refused}`);
        }
        this.tokens.claim(next.userId, next.tokenId, socket.id, socket.data.identity.tokenId);
        socket.data.identity = next;
        session.identity = next;
        this.armExpiry(socket, log);
        this.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
        this.send(socket, { type: 'token.accepted', expiresAt: next.expiresAt });
        return;
      }
      case 'agent.setStatus': {
        // The status changes at once for the agent and colleagues; the PBX is told after.
        session.status = cmd.status;
        this.io.to(room(session.identity.userId)).emit(SERVER_EVENT, { type: 'agent.status', status: cmd.status } satisfies ServerMessage);
        this.teamChanged();
        try {
          await this.opts.presence?.apply(session.identity.extension, cmd.status);
        } catch (err) {
          if (!(err instanceof PresenceError)) throw err;
          return fail(err.code, err.message);
        }
        this.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
        if (ref) this.send(socket, { type: 'ack', ref });
        return;
      }
      case 'agent.callerName': {
        this.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
        if (ref) this.send(socket, { type: 'ack', ref });
        if (!this.people.setCaller(session.identity.userId, cmd.callId, cmd.name)) return;
        // A live call goes out again with its caller's name; a recent one keeps it for the next snapshot.
        const live = session.calls.get(cmd.callId);
        if (live) {
          const shown = this.outgoing.call(this.people.decorate(live, session.identity.userId)) ?? live;
          session.calls.set(shown.id, shown);
          this.io.to(room(session.identity.userId)).emit(SERVER_EVENT, { type: 'call.update', call: shown } satisfies ServerMessage);
        } else {
          session.recent = session.recent.map((c) => (c.id === cmd.callId ? this.people.decorate(c, session.identity.userId) : c));
        }
        return;
      }
      case 'agent.recentSeen': {
        session.recentSeenAt = new Date().toISOString();
        this.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
        this.io.to(room(session.identity.userId)).emit(SERVER_EVENT, { type: 'recent.seen', at: session.recentSeenAt } satisfies ServerMessage);
        return;
      }
      default: {
        const control = this.opts.callControl;
        if (!control) return fail('pbx_unavailable', 'No PBX is connected to the bridge.');
        try {
          const { permissions, extension, userId, dial } = socket.data.identity;
          const r = await control.execute({ userId, extension, permissions, ...(dial ? { dial } : {}) }, cmd);
          this.metrics.commands.inc({ type: cmd.type, outcome: 'ok' });
          if (ref) this.send(socket, { type: 'ack', ref, ...(r.callId ? { callId: r.callId } : {}) });
        } catch (err) {
          const e = err as { code?: unknown; message?: string; reason?: unknown };
          const code = typeof e.code === 'string' ? e.code : 'command_failed';
          this.limits.logRejected(log, session.identity.userId, 'command', { type: cmd.type, code, reason: e.message }, 'command refused');
          fail(code, e.message ?? 'The command failed.', typeof e.reason === 'string' ? e.reason : undefined);
        }
      }
    }
  }

  /**
   * A session the bridge did not have (it restarted, or the agent was gone past the grace): the
   * PBX still knows whether the agent's queues are paused, and for which status.
   */
  private restorePresence(session: AgentSession, log: Logger): void {
    const presence = this.opts.presence;
    if (!presence) return;
    presence.read(session.identity.extension).then(
      (status) => {
        // Unless the agent chose a status meanwhile.
        if (!status || session.status !== 'available' || status === session.status) return;
        session.status = status;
        log.info({ status }, 'status restored from the PBX queue pause');
        this.io.to(room(session.identity.userId)).emit(SERVER_EVENT, { type: 'agent.status', status } satisfies ServerMessage);
        this.teamChanged();
      },
      (err: unknown) => log.warn({ err: (err as Error).message }, 'could not read the queue pause from the PBX'),
    );
  }

  /** Someone connected, left or changed status: every agent gets the colleague list again (once per turn). */
  private teamChanged(): void {
    if (this.teamQueued) return;
    this.teamQueued = true;
    setImmediate(() => {
      this.teamQueued = false;
      const key = presenceKey(this.sessions);
      if (key === this.teamKey) return;
      this.teamKey = key;
      for (const s of this.sessions.all()) {
        if (s.sockets.size === 0) continue;
        this.io.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'colleagues', colleagues: colleaguesFor(this.sessions, s.identity.userId) } satisfies ServerMessage);
      }
    });
  }

  /** Disconnects a socket when its token expires unless a refresh arrived. */
  private armExpiry(socket: AgentSocket, log: Logger): void {
    if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
    const ms = socket.data.identity.expiresAt * 1000 - Date.now() + this.opts.config.token.clockToleranceS * 1000;
    socket.data.expiryTimer = setTimeout(() => {
      log.info('token expired without refresh; disconnecting');
      this.send(socket, { type: 'error', code: 'token_expired', message: 'Your session token expired.' });
      socket.disconnect(true);
    }, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    socket.data.expiryTimer.unref();
  }

  /** The session's snapshot as the agent sees it: calls with names and display numbers, their dial rules. */
  private snapshot(session: AgentSession): ServerMessage {
    const snap = this.sessions.snapshot(session);
    const userId = session.identity.userId;
    const rules = session.identity.dial ?? this.opts.callControl?.dialRules;
    return {
      ...snap,
      agent: {
        ...snap.agent,
        ...(rules ? { dial: { extension: rules.extensionPattern, featureCode: rules.featureCodePattern } } : {}),
        ...(this.opts.pbxCapabilities ? { pbx: this.opts.pbxCapabilities } : {}),
      },
      calls: snap.calls.map((c) => this.people.decorate(c, userId)),
      recent: snap.recent.map((c) => this.people.decorate(c, userId)),
    };
  }

  private send(socket: AgentSocket, msg: ServerMessage): void {
    const out = this.outgoing.message(msg);
    if (out) (socket as unknown as Socket).emit(SERVER_EVENT, out);
  }

  private updateGauges(): void {
    this.metrics.connectedAgents.set(this.sessions.connectedAgents());
    this.metrics.connectedSockets.set(this.io.sockets.sockets.size);
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const route of this.opts.ownAccessRoutes ?? []) {
      if (await route(req, res)) return;
    }
    if (this.guard.refuseHttp(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    // /healthz and /metrics live on the admin listener (http/adminListener.ts), never here.
    if (path === '/healthz' || path === '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    for (const route of this.opts.routes ?? []) {
      if (await route(req, res)) return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }
}

function room(userId: number): string {
  return `agent:${userId}`;
}
