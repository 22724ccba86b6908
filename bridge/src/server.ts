import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, Socket, type ServerOptions } from 'socket.io';
import type { Logger } from './logger';
import type { BridgeConfig } from './config';
import { AgentTokenVerifier, TokenError, type AgentIdentity } from './auth/agentToken';
import { TokenLedger } from './auth/revocation';
import { SessionStore, AgentSession } from './agents/sessionStore';
import { BridgeMetrics } from './http/metrics';
import { AgentLimits } from './limits/agentLimits';
import { ConnectionGuard } from './limits/connectionGuard';
import type { Presence } from './agents/presence';
import { colleagueView, teamOf, type TeamMember } from './agents/colleagues';
import { TeamUpdates } from './agents/teamUpdates';
import { admitToken, listenToAgent, nameCaller, type AgentSocket, type CommandContext } from './agents/agentCommands';
import { CallPeople } from './phone/people';
import { OutgoingCheck } from './calls/outgoing';
import type { DialRules } from './phone/dialRules';
import { applyState } from './cluster/agentStateStore';
import { ClusterSessions, type ClusterLink } from './cluster/clusterSessions';
import { SERVER_EVENT, type Call, type CallCommand, type PbxCapabilities, type ServerMessage } from './protocol/messages';

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
  /**
   * Several bridges (issue 18): agent state, token marks and presence shared through Redis
   * (cluster/clusterSessions.ts); given with `adapter`. Absent: the bridge runs alone.
   */
  cluster?: { link: ClusterLink; heartbeatMs?: number };
  /** The desk phones' phone book, for /healthz (absent: no desk phones). */
  phoneBookStatus?: () => unknown;
  /** How long team changes gather before agents are told (TEAM_WINDOW_MS; tests lengthen it). */
  teamWindowMs?: number;
}

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
  /** This instance's part of a cluster of bridges; absent when it runs alone. */
  readonly cluster?: ClusterSessions;
  private readonly verifier: AgentTokenVerifier;
  /** Origin/Host on every request, unauthenticated connections per IP (limits/connectionGuard.ts). */
  private readonly guard: ConnectionGuard;
  /** Per-agent command and invalid-message buckets (limits/agentLimits.ts). */
  private readonly limits: AgentLimits;
  /** What agents' commands reach (agents/agentCommands.ts). */
  private readonly commands: CommandContext;
  private readonly http: http.Server;
  private readonly io: Server;
  private sweepTimer?: NodeJS.Timeout;
  /** The team as this instance's agents were last told it; changes go out per window (agents/teamUpdates.ts). */
  private readonly teamUpdates: TeamUpdates;
  private teamTimer?: NodeJS.Timeout;
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
    this.teamUpdates = new TeamUpdates(this.io, (socket, msg) => this.send(socket, msg));
    this.io.use((socket, next) => {
      this.authenticate(socket as AgentSocket).then(
        () => next(),
        (err: Error) => next(err),
      );
    });
    if (opts.cluster) {
      this.cluster = new ClusterSessions({
        link: opts.cluster.link,
        io: this.io,
        sessions: this.sessions,
        logger: opts.logger,
        registry: this.metrics.registry,
        graceMs: config.sessionGraceS * 1000,
        ...(opts.cluster.heartbeatMs ? { heartbeatMs: opts.cluster.heartbeatMs } : {}),
        hooks: {
          teamChanged: () => this.teamChanged(),
          revoked: (userId, notBefore) => void this.closeRevoked(userId, notBefore),
          callerNamed: (userId, callId, name) => {
            const session = this.sessions.get(userId);
            if (session) nameCaller(this, session, callId, name);
          },
        },
      });
    }
    this.commands = {
      metrics: this.metrics,
      verifier: this.verifier,
      tokens: this.tokens,
      people: this.people,
      outgoing: this.outgoing,
      limits: this.limits,
      ...(opts.presence ? { presence: opts.presence } : {}),
      ...(opts.callControl ? { callControl: opts.callControl } : {}),
      ...(this.cluster ? { cluster: this.cluster } : {}),
      alive: (id) => this.io.sockets.sockets.has(id),
      send: (socket, msg) => this.send(socket, msg),
      toAgent: (userId, msg) => this.sendToAgent(userId, msg),
      teamChanged: () => this.teamChanged(),
      armExpiry: (socket, log) => this.armExpiry(socket, log),
    };
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
    this.cluster?.start();
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
    if (this.teamTimer) clearTimeout(this.teamTimer);
    for (const socket of this.io.sockets.sockets.values()) {
      this.send(socket as AgentSocket, { type: 'error', code: 'bridge_stopping', message: 'The bridge is restarting.' });
    }
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
    // The sessions' last writes (agents left), then this instance leaves the shared presence.
    await this.cluster?.stop();
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
    const redis = this.cluster?.health();
    return { status: this.stopping ? 503 : 200, body: { status: this.stopping ? 'stopping' : 'ok', agents: this.sessions.connectedAgents(), pbx, ...(redis ? { redis } : {}), ...(phoneBook ? { phoneBook } : {}) } };
  }

  /**
   * Magento revoked the user's tokens below `notBefore` (logout, role or extension change): the
   * sockets holding one are told and closed now. Returns how many on this instance; with several
   * bridges the others are told through Redis and close theirs (and the floor is kept there).
   */
  revokeTokens(userId: number, notBefore: number): number {
    this.cluster?.revoke(userId, notBefore);
    return this.closeRevoked(userId, notBefore);
  }

  /** Raises the revocation floor here and closes this instance's sockets holding a revoked token. */
  private closeRevoked(userId: number, notBefore: number): number {
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

  /**
   * A call changed: keep it in the sessions of the agents concerned and push it to them. Call
   * model events go to this instance's sockets only: every instance has its own call model and
   * sees the same call, so through the adapter each would arrive once per instance.
   */
  pushCall(call: Call, extensions: string[]): void {
    const concerned = this.sessions.byExtensions(extensions);
    for (const s of concerned) {
      const shown = this.outgoing.call(this.people.decorate(call, s.identity.userId));
      if (!shown) continue;
      this.sessions.applyCall(s, shown);
      this.io.local.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.update', call: shown } satisfies ServerMessage);
      // An ended call joins the recent ones, which follow the agent to another instance.
      if (shown.state === 'ended') this.cluster?.save(s.identity.userId);
    }
  }

  /** Call control (absent without a PBX): a desk phone's soft key runs a command as its extension's agent. */
  get callControl(): CallCommandHandler | undefined {
    return this.opts.callControl;
  }

  /**
   * A message for the agents logged in on this extension (a desk phone's soft key asks their
   * browser for something), on whichever instance they are: returns how many connected agents it went to.
   */
  sendToExtension(extension: string, msg: ServerMessage): number {
    const out = this.outgoing.message(msg);
    if (!out) return 0;
    let sent = 0;
    for (const a of this.team()) {
      if (a.extension !== extension || !a.online) continue;
      this.io.to(room(a.userId)).emit(SERVER_EVENT, out);
      sent++;
    }
    return sent;
  }

  /** The Magento user logged in on an extension (a connected agent first, on any instance), for call records. */
  agentUserId(extension: string): number | undefined {
    const on = this.team().filter((a) => a.extension === extension);
    return (on.find((a) => a.online) ?? on[0])?.userId;
  }

  /** Everyone colleagues can see: this instance's sessions and, in a cluster, the other instances' agents. */
  team(): TeamMember[] {
    return teamOf(this.sessions, this.cluster?.others());
  }

  /** A call id disappeared (merged into another call): drop it from the agents that had it. */
  removeCall(callId: string, extensions: string[]): void {
    for (const s of this.sessions.byExtensions(extensions)) {
      if (!s.calls.delete(callId)) continue;
      this.io.local.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.removed', callId } satisfies ServerMessage);
    }
  }

  /**
   * The call model reconciled its calls with the PBX: every agent's session keeps only the calls
   * still live for it; the others leave the bars (`call.removed`).
   */
  reconcileCalls(liveFor: (extension: string) => Call[]): void {
    for (const s of this.sessions.all()) {
      for (const callId of this.sessions.retainCalls(s, liveFor(s.identity.extension))) {
        this.io.local.to(room(s.identity.userId)).emit(SERVER_EVENT, { type: 'call.removed', callId } satisfies ServerMessage);
      }
    }
  }

  /**
   * The socket.io middleware: the token is verified, checked against the marks every instance
   * has seen (from Redis in a cluster, within ~1 s, else ours), then claimed.
   */
  private async authenticate(socket: AgentSocket): Promise<void> {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    let identity: AgentIdentity;
    try {
      identity = await this.verifier.verify(token);
    } catch (err) {
      const code = err instanceof TokenError ? err.code : 'token_invalid';
      this.metrics.connectionsRefused.inc({ reason: code });
      this.limits.logRejected(this.opts.logger, socket.handshake.address, 'refused', { code, reason: (err as Error).message, address: socket.handshake.address }, 'connection refused');
      throw refusal((err as Error).message, code);
    }
    const shared = this.cluster ? await this.cluster.arrival(identity.userId) : null;
    const refused = admitToken(this.commands, identity, socket.id, shared?.marks ?? null);
    if (refused) {
      this.metrics.connectionsRefused.inc({ reason: refused });
      this.opts.logger.warn({ code: refused, userId: identity.userId, address: socket.handshake.address }, 'connection refused');
      throw refusal(`agent token refused: ${refused}`, refused);
    }
    socket.data.identity = identity;
    if (shared?.state) socket.data.shared = shared.state;
  }

  private onConnection(socket: AgentSocket): void {
    const { identity, shared } = socket.data;
    delete socket.data.shared;
    const log = this.opts.logger.child({ userId: identity.userId, ext: identity.extension, socket: socket.id });
    this.metrics.connectionsTotal.inc();
    const held = this.sessions.get(identity.userId);
    const liveHere = (held?.sockets.size ?? 0) > 0;
    const session = this.sessions.attach(identity, socket.id);
    // The session as the cluster has it (status, recent calls, seen-at), unless this instance
    // already serves the agent: its own copy is the one being kept up to date.
    const restored = shared !== undefined && !liveHere;
    if (restored) {
      applyState(session, shared);
      session.identity = identity;
    }
    this.people.noteAgent(identity.extension, identity.name);
    // The PBX's calls for this agent, as the call model has them now (a bridge restart, a new
    // session); calls the session still held whose end was missed are dropped.
    const live = this.opts.liveCalls?.(identity.extension);
    if (live) this.sessions.retainCalls(session, live);
    this.cluster?.save(identity.userId);
    void socket.join(room(identity.userId));
    this.armExpiry(socket, log);
    log.info(restored ? { restored: 'redis' } : {}, 'agent connected');
    this.send(socket, this.snapshot(session));
    this.teamUpdates.join(socket);
    this.updateGauges();
    this.teamChanged();
    if (held === undefined && !restored) this.restorePresence(session, log);
    listenToAgent(this.commands, socket, session, log);

    socket.on('disconnect', (reason) => {
      if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
      this.tokens.release(identity.userId, socket.data.identity.tokenId, socket.id);
      this.sessions.detach(identity.userId, socket.id);
      this.teamUpdates.leave(socket);
      if (this.sessions.get(identity.userId)?.sockets.size === 0) this.cluster?.left(identity.userId);
      this.updateGauges();
      this.teamChanged();
      log.info({ reason }, 'agent disconnected');
    });
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
        this.sendToAgent(session.identity.userId, { type: 'agent.status', status });
        this.teamChanged();
        this.cluster?.save(session.identity.userId);
      },
      (err: unknown) => log.warn({ err: (err as Error).message }, 'could not read the queue pause from the PBX'),
    );
  }

  /**
   * Someone connected, left or changed status (here, or on another instance). The first change
   * starts a window of TEAM_WINDOW_MS; at its end the team is compared with what agents were last
   * told and only the difference goes out, once, to this instance's sockets (one encoding for all;
   * a whole list to each worker too old for that, agents/teamUpdates.ts).
   */
  private teamChanged(): void {
    if (this.teamTimer || this.stopping) return;
    this.teamTimer = setTimeout(() => {
      this.teamTimer = undefined;
      if (this.stopping) return;
      this.cluster?.presenceChanged();
      this.teamUpdates.publish(colleagueView(this.team()));
    }, this.opts.teamWindowMs ?? TEAM_WINDOW_MS);
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
    this.metrics.olderBundleSockets.set(this.teamUpdates.olderWorkers);
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

/**
 * How long team changes gather before agents are told. A burst of connections (the start of the
 * day, the agents of a failed instance arriving) is then one comparison and one message per
 * window instead of one per connection, and a quarter second still looks immediate in the list.
 */
const TEAM_WINDOW_MS = 250;

function room(userId: number): string {
  return `agent:${userId}`;
}

/** A refused connection: the client's connect_error carries the code. */
function refusal(message: string, code: string): Error {
  const e = new Error(message) as Error & { data: unknown };
  e.data = { code };
  return e;
}
