import http from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import type { BridgeMetrics } from '../http/metrics';
import type { BlockList } from 'node:net';
import { forwardedClientIp, RequestPolicy, type RequestRefusal, type RequestPolicyConfig } from '../http/origin';
import { allowList } from '../net/addressList';
import type { LimitsConfig } from './config';
import { SampledLog } from './sampledLog';

const REFUSAL_TEXT: Record<RequestRefusal, string> = {
  origin_not_allowed: 'this page\'s origin may not use the bridge',
  origin_missing: 'an Origin header is required',
  host_not_allowed: 'this Host is not the bridge\'s public name (see publicUrl)',
};

/** The engine.io socket as far as this guard uses it. */
interface EngineSocket {
  id: string;
  request: http.IncomingMessage;
  transport?: { name?: string };
  once(event: 'close', fn: () => void): void;
  close(): void;
}

/**
 * The agents' port before any token is looked at: the Origin/Host policy on every HTTP and
 * socket.io request (engine.io middleware: handshake, each polling request, the upgrade), and,
 * with the limits on, a cap on connections per IP that have not authenticated yet and a short
 * time to authenticate (a socket.io connection authenticates when it joins with its token;
 * until then it only holds memory).
 */
export class ConnectionGuard {
  readonly policy: RequestPolicy;
  private readonly sampled: SampledLog;
  /** Unauthenticated engine.io connections, by IP: open ones by id, handshakes under way by request. */
  private readonly pending = new Map<string, { open: Map<string, NodeJS.Timeout>; starting: Map<http.IncomingMessage, number> }>();
  /** limits.trustedProxies: balancers whose X-Forwarded-For names the client. */
  private readonly trusted: BlockList;

  constructor(
    cfg: RequestPolicyConfig,
    private readonly limits: LimitsConfig,
    private readonly metrics: BridgeMetrics,
    private readonly log: Logger,
  ) {
    this.policy = new RequestPolicy(cfg);
    this.sampled = new SampledLog(limits.logFirst, limits.logEveryS * 1000);
    this.trusted = allowList(limits.trustedProxies);
  }

  /** The address a connection is counted and logged under (the client's, behind a trusted balancer). */
  private ip(req: http.IncomingMessage): string {
    return forwardedClientIp(req, this.trusted);
  }

  /** Options for `new Server(...)`: the per-IP cap on handshakes, and socket.io's own join deadline as a backstop. */
  serverOptions(): Partial<Pick<ServerOptions, 'allowRequest' | 'connectTimeout'>> {
    if (!this.limits.enabled) return {};
    return {
      connectTimeout: this.limits.authTimeoutS * 1000 + 1000,
      allowRequest: (req, cb) => {
        const ip = this.ip(req);
        const p = this.at(ip);
        const now = Date.now();
        // Handshakes that never became a connection (refused later, client gone) stop counting.
        for (const [r, at] of p.starting) if (now - at > this.limits.authTimeoutS * 1000) p.starting.delete(r);
        if (p.open.size + p.starting.size >= this.limits.unauthenticatedPerIp) {
          this.metrics.limitHits.inc({ limit: 'unauthenticated_per_ip' });
          this.logSampled(`ip:${ip}:unauth`, { ip, open: p.open.size }, 'too many unauthenticated connections from one address; refused');
          this.release(ip);
          cb('too many connections waiting to authenticate from this address', false);
          return;
        }
        p.starting.set(req, now);
        cb(null, true);
      },
    };
  }

  /** Wires the checks into the socket.io server once it exists. */
  attach(io: Server): void {
    io.engine.use((req: http.IncomingMessage, res: unknown, next: (err?: Error) => void) => {
      const refusal = this.policy.check(req, true);
      if (refusal === null) return next();
      this.refused(req, refusal);
      if (res instanceof http.ServerResponse) {
        writeRefusal(res, refusal);
      } else {
        // A WebSocket upgrade: answer on the raw socket before engine.io closes it.
        const body = JSON.stringify({ code: refusal, message: REFUSAL_TEXT[refusal] });
        if (req.socket.writable) req.socket.write(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        req.socket.destroy();
      }
      next(new Error(refusal));
    });
    if (!this.limits.enabled) return;
    io.engine.on('connection', (raw: EngineSocket) => {
      const ip = this.ip(raw.request);
      const p = this.at(ip);
      p.starting.delete(raw.request);
      const timer = setTimeout(() => {
        if (!p.open.has(raw.id)) return;
        this.metrics.limitHits.inc({ limit: 'auth_timeout' });
        this.logSampled(`ip:${ip}:timeout`, { ip }, 'connection did not authenticate in time; closed');
        raw.close();
        // A WebSocket close waits for the peer's close frame (30 s in ws); a client that never
        // authenticated does not get to hold the connection that long.
        if (raw.transport?.name === 'websocket') raw.request.socket.destroy();
      }, this.limits.authTimeoutS * 1000);
      timer.unref();
      p.open.set(raw.id, timer);
      raw.once('close', () => this.settled(ip, raw.id));
    });
    io.on('connection', (socket) => this.settled(this.ip(socket.conn.request), (socket.conn as unknown as EngineSocket).id));
  }

  /** For the plain HTTP routes of the agents' port: true when refused (the 403 is written). */
  refuseHttp(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const refusal = this.policy.check(req, false);
    if (refusal === null) return false;
    this.refused(req, refusal);
    writeRefusal(res, refusal);
    return true;
  }

  /** Unauthenticated connections now, for tests and /healthz-like views. */
  unauthenticated(ip: string): number {
    const p = this.pending.get(ip);
    return p ? p.open.size + p.starting.size : 0;
  }

  private settled(ip: string, id: string): void {
    const p = this.pending.get(ip);
    const timer = p?.open.get(id);
    if (!p || timer === undefined) return;
    clearTimeout(timer);
    p.open.delete(id);
    this.release(ip);
  }

  private at(ip: string) {
    let p = this.pending.get(ip);
    if (!p) {
      p = { open: new Map(), starting: new Map() };
      this.pending.set(ip, p);
    }
    return p;
  }

  private release(ip: string): void {
    const p = this.pending.get(ip);
    if (p && p.open.size === 0 && p.starting.size === 0) this.pending.delete(ip);
  }

  private refused(req: http.IncomingMessage, reason: RequestRefusal): void {
    this.metrics.requestsRefused.inc({ reason });
    const ip = this.ip(req);
    this.logSampled(`ip:${ip}:${reason}`, { ip, reason, origin: req.headers.origin, host: req.headers.host, url: req.url?.split('?')[0] }, 'request refused');
  }

  private logSampled(key: string, fields: Record<string, unknown>, msg: string): void {
    const s = this.sampled.sample(key);
    if (s.log) this.log.warn(s.suppressed > 0 ? { ...fields, suppressed: s.suppressed } : fields, msg);
  }
}

function writeRefusal(res: http.ServerResponse, refusal: RequestRefusal): void {
  if (res.headersSent) return;
  res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ code: refusal, message: REFUSAL_TEXT[refusal] }));
}
