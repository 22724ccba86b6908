import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, type Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../logger';
import { sameSecret } from '../auth/constantTime';
import { BodyTooLarge, readRequestLimited } from './readLimited';
import { REVOCATION_SIGNATURE_HEADER, RevocationError, verifyRevocation, type RevocationRequest } from '../auth/revocation';
import { INVALIDATION_MAX_BODY, InvalidationError, verifyInvalidation, type InvalidationRequest } from '../routing/invalidation';

/** The admin listener's port when the config does not say: one above the agents' default 8788. */
export const DEFAULT_ADMIN_PORT = 8789;

/** Where operators and Magento reach the bridge: health, metrics, token revocation. Loopback by default. */
export const AdminConfig = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().min(1).default('127.0.0.1'),
    /** Default 8789, or a free port when the agents' port is 0 (tests, several bridges on one machine). */
    port: z.number().int().min(0).max(65535).optional(),
    /** When set, /healthz and /metrics want `Authorization: Bearer <token>` (revocations are signed instead). */
    token: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .strict();
export type AdminConfig = z.infer<typeof AdminConfig>;

/** The port the admin listener takes: the configured one, else 8789, else free when the agents' port is. */
export function adminPort(admin: AdminConfig, agentsPort: number): number {
  return admin.port ?? (agentsPort === 0 ? 0 : DEFAULT_ADMIN_PORT);
}

/** What the admin listener serves of a bridge (BridgeServer). */
export interface AdminTarget {
  readonly metrics: { readonly registry: Registry };
  health(): { status: number; body: unknown };
  revokeTokens(userId: number, notBefore: number): number;
}

/** The admin listener of a bridge server, on `port`; `invalidateRouting` when call routing is on. */
export function adminListenerFor(
  server: AdminTarget,
  admin: AdminConfig,
  port: number,
  secret: () => string,
  logger: Logger,
  invalidateRouting?: AdminListenerOptions['invalidateRouting'],
): AdminListener {
  return new AdminListener({
    config: { ...admin, port },
    secret,
    logger,
    registry: server.metrics.registry,
    health: () => server.health(),
    revoke: (r) => server.revokeTokens(r.userId, r.notBefore),
    ...(invalidateRouting ? { invalidateRouting } : {}),
  });
}

export interface AdminListenerOptions {
  config: AdminConfig;
  /** The shared secret Magento signs revocations with (the one it signs agent tokens with). */
  secret: () => string;
  logger: Logger;
  registry: Registry;
  /** Health as the agents' front sees it: HTTP status and JSON body. */
  health: () => { status: number; body: unknown };
  /** Applies a verified revocation; returns how many sockets were closed. */
  revoke: (r: RevocationRequest) => number;
  /** Applies a verified routing cache invalidation (absent: routing is off, the route answers 404). */
  invalidateRouting?: (r: InvalidationRequest) => { forgotten: number };
}

const MAX_BODY = 4096;

/**
 * The bridge's second HTTP listener, for the machine's operators and Magento only (default
 * 127.0.0.1): GET /healthz (with the PBX link's detail), GET /metrics, POST /revoke, and
 * POST /routing/invalidate when call routing is on.
 */
export class AdminListener {
  private readonly http: http.Server;
  private readonly revocations: Counter<'outcome'>;
  private readonly invalidations: Counter<'outcome'>;

  constructor(private readonly o: AdminListenerOptions) {
    const name = 'bandeau_bridge_revocations_total';
    this.revocations =
      (o.registry.getSingleMetric(name) as Counter<'outcome'> | undefined) ??
      new Counter({ name, help: 'Token revocations Magento sent, by outcome (applied, or why refused)', labelNames: ['outcome'], registers: [o.registry] });
    const inv = 'bandeau_routing_invalidations_total';
    this.invalidations =
      (o.registry.getSingleMetric(inv) as Counter<'outcome'> | undefined) ??
      new Counter({ name: inv, help: 'Routing cache invalidations Magento sent, by outcome (applied, or why refused)', labelNames: ['outcome'], registers: [o.registry] });
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        o.logger.error({ err, url: req.url }, 'admin http handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      });
    });
  }

  async start(): Promise<number> {
    const { host } = this.o.config;
    const port = this.o.config.port ?? DEFAULT_ADMIN_PORT;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const actual = (this.http.address() as AddressInfo).port;
    this.o.logger.info({ host, port: actual, token: this.o.config.token !== undefined }, 'admin listening');
    return actual;
  }

  async stop(): Promise<void> {
    this.http.closeAllConnections?.();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/revoke') return this.revoke(req, res);
    if (req.method === 'POST' && path === '/routing/invalidate' && this.o.invalidateRouting) return this.invalidate(req, res, this.o.invalidateRouting);
    if (req.method === 'GET' && (path === '/healthz' || path === '/metrics')) {
      if (!this.authorised(req)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
        res.end('unauthorised\n');
        return;
      }
      if (path === '/healthz') {
        const h = this.o.health();
        res.writeHead(h.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(h.body));
        return;
      }
      res.writeHead(200, { 'content-type': this.o.registry.contentType });
      res.end(await this.o.registry.metrics());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  private authorised(req: http.IncomingMessage): boolean {
    const expected = this.o.config.token;
    if (expected === undefined) return true;
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return m !== null && sameSecret(m[1]!, expected);
  }

  private revoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    return this.signed(req, res, {
      maxBody: MAX_BODY,
      counter: this.revocations,
      refused: 'revocation refused',
      verify: verifyRevocation,
      isRefusal: (err) => err instanceof RevocationError,
      apply: (r) => {
        const dropped = this.o.revoke(r);
        this.o.logger.info({ userId: r.userId, reason: r.reason, dropped }, 'agent tokens revoked');
        return { revoked: true, dropped };
      },
    });
  }

  /** Magento's notification that numbers' facts (or the rules) changed; signed as /revoke is. */
  private invalidate(req: http.IncomingMessage, res: http.ServerResponse, apply: (r: InvalidationRequest) => { forgotten: number }): Promise<void> {
    return this.signed(req, res, {
      maxBody: INVALIDATION_MAX_BODY,
      counter: this.invalidations,
      refused: 'routing invalidation refused',
      verify: verifyInvalidation,
      isRefusal: (err) => err instanceof InvalidationError,
      apply: (r) => ({ invalidated: true, phones: r.phones.length, forgotten: apply(r).forgotten, rules: r.rules }),
    });
  }

  /**
   * A body Magento signed (revocation, invalidation): read within `maxBody`, verified, applied,
   * each outcome counted; a refusal answers its status and code and is logged with the sender.
   */
  private async signed<T>(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    o: {
      maxBody: number;
      counter: Counter<'outcome'>;
      refused: string;
      verify: (secret: string, body: string, signature: string | undefined) => T;
      isRefusal: (err: unknown) => err is Error & { status: number; code: string };
      apply: (request: T) => unknown;
    },
  ): Promise<void> {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    let body: string;
    try {
      body = (await readRequestLimited(req, res, o.maxBody)).toString('utf8');
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      o.counter.inc({ outcome: 'too_large' });
      return answer(413, { error: { code: 'too_large', message: err.message } });
    }
    let r: T;
    try {
      const sig = req.headers[REVOCATION_SIGNATURE_HEADER];
      r = o.verify(this.o.secret(), body, Array.isArray(sig) ? sig[0] : sig);
    } catch (err) {
      if (!o.isRefusal(err)) throw err;
      o.counter.inc({ outcome: err.code });
      this.o.logger.warn({ code: err.code, reason: err.message, address: req.socket.remoteAddress }, o.refused);
      return answer(err.status, { error: { code: err.code, message: err.message } });
    }
    const result = o.apply(r);
    o.counter.inc({ outcome: 'applied' });
    answer(200, result);
  }
}
