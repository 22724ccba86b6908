/**
 * The routing server: FastAGI over TCP (node:net), the standard way an Asterisk dialplan asks
 * an outside program for a decision: `AGI(agi://127.0.0.1:4573/route)`.
 */
import { createServer, type BlockList, type Server, type Socket } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../../logger';
import { SampledLog } from '../../limits/sampledLog';
import { allowList, inList } from '../../net/addressList';
import type { AgiRequest, RouteDecider, RouteDecision } from '../contract';
import { AgiMetrics } from './metrics';
import { AgiSession } from './session';

export interface AgiServerOptions {
  /** Default 127.0.0.1: the PBX is usually on the same host; anything else is a choice. */
  host?: string;
  /** Default 4573 (FastAGI's port); 0 picks a free one (tests). */
  port?: number;
  decide: RouteDecider;
  /** How long the decider has; past it the answer is `default`/`timeout`. Default 300. */
  deadlineMs?: number;
  /** A peer that sends no complete request, or does not answer a command, this long is closed. Default 10000. */
  idleTimeoutMs?: number;
  /** Sessions at once; a connection over that is closed at once (counted as over_limit). Default 1024. */
  maxSessions?: number;
  logger: Logger;
  /** Where the metrics go (the bridge's registry); a private one when absent. */
  registry?: Registry;
  /**
   * Addresses allowed to connect (`10.0.0.5`, `10.0.0.0/24`, IPv6 alike); anyone who can reach
   * the listen address when absent. A FastAGI answer names the customer behind a number, so a
   * listener off loopback should name its PBX here (or be firewalled).
   */
  allowFrom?: readonly string[];
  /** Called once per answered request, with the decision as sent (H5 ties it to the call). */
  onDecision?: (request: AgiRequest, decision: RouteDecision) => void;
}

export const AGI_DEFAULTS = { host: '127.0.0.1', port: 4573, deadlineMs: 300, idleTimeoutMs: 10_000, maxSessions: 1024 } as const;

export class AgiServer {
  readonly metrics: AgiMetrics;
  private readonly server: Server;
  private readonly sessions = new Set<AgiSession>();
  private readonly sampled = new SampledLog(5, 60_000);
  private readonly opts: Required<Omit<AgiServerOptions, 'registry' | 'onDecision' | 'allowFrom'>> & Pick<AgiServerOptions, 'onDecision'>;
  private readonly allowed: BlockList | null;
  private listening = false;

  constructor(options: AgiServerOptions) {
    this.opts = { ...AGI_DEFAULTS, ...options };
    for (const k of ['deadlineMs', 'idleTimeoutMs', 'maxSessions'] as const) {
      if (!Number.isInteger(this.opts[k]) || this.opts[k] <= 0) throw new Error(`routing: ${k} must be a positive integer`);
    }
    this.allowed = options.allowFrom ? allowList(options.allowFrom) : null;
    this.metrics = new AgiMetrics(options.registry);
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server.on('error', (err) => this.opts.logger.error({ err: err.message }, 'routing: FastAGI listener error'));
  }

  /** Sessions open now. */
  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Listens; resolves with the port (the one picked when port is 0). */
  start(): Promise<number> {
    const { host, port, logger } = this.opts;
    return new Promise((resolve, reject) => {
      const failed = (err: Error): void => reject(err);
      this.server.once('error', failed);
      // A backlog above maxSessions: a burst of calls queues in the kernel instead of being refused.
      this.server.listen({ host, port, backlog: Math.max(511, this.opts.maxSessions) }, () => {
        this.server.off('error', failed);
        this.listening = true;
        const bound = (this.server.address() as { port: number }).port;
        logger.info({ host, port: bound }, 'routing: FastAGI server listening');
        if (!this.allowed && !isLoopback(host)) {
          logger.warn({ host, port: bound }, 'routing: FastAGI server reachable off this host and no allowFrom: anyone who reaches it can ask which customer a number belongs to; restrict it to the PBX (allowFrom or a firewall)');
        }
        resolve(bound);
      });
    });
  }

  /** Stops listening and closes every open session. */
  async stop(): Promise<void> {
    const closing = this.listening ? new Promise<void>((resolve) => this.server.close(() => resolve())) : Promise.resolve();
    this.listening = false;
    const open = [...this.sessions];
    for (const s of open) s.stop();
    await Promise.all([closing, ...open.map((s) => s.closed)]);
  }

  private accept(socket: Socket): void {
    if (this.allowed && !inList(this.allowed, socket.remoteAddress ?? '')) {
      this.metrics.sessions.inc({ outcome: 'not_allowed' });
      const s = this.sampled.sample('not_allowed');
      if (s.log) this.opts.logger.warn({ remote: socket.remoteAddress, suppressed: s.suppressed }, 'routing: FastAGI connection refused: address not in allowFrom');
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    if (this.sessions.size >= this.opts.maxSessions) {
      this.metrics.sessions.inc({ outcome: 'over_limit' });
      const s = this.sampled.sample('over_limit');
      if (s.log) this.opts.logger.warn({ maxSessions: this.opts.maxSessions, suppressed: s.suppressed }, 'routing: FastAGI connection refused: too many sessions at once');
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const session = new AgiSession(socket, {
      decide: this.opts.decide,
      deadlineMs: this.opts.deadlineMs,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      logger: this.opts.logger,
      metrics: this.metrics,
      sampled: this.sampled,
      ...(this.opts.onDecision ? { onDecision: this.opts.onDecision } : {}),
    });
    this.sessions.add(session);
    this.metrics.active.inc();
    void session.closed.then(() => {
      this.sessions.delete(session);
      this.metrics.active.dec();
    });
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
