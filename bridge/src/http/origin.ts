import type http from 'node:http';
import { isIP, type BlockList } from 'node:net';
import { inList, unmapped } from '../net/addressList';

/** Why a request was refused before reaching the bridge (logged, counted, and said in the 403's body). */
export type RequestRefusal = 'origin_not_allowed' | 'origin_missing' | 'host_not_allowed';

export interface RequestPolicyConfig {
  listen: { host: string; port: number };
  allowedOrigins: string[];
  /** The bridge's URL as browsers reach it (`https://cti.example.com`); derived when absent. */
  publicUrl?: string | undefined;
  /** Accept socket.io requests carrying no Origin (scripts, not browsers). */
  allowNonBrowserClients: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Who may talk to the agents' port, checked on EVERY request: the socket.io handshake, each
 * long-polling request after it (carrying the session id), the WebSocket upgrade, and the plain
 * HTTP routes. A browser page of another site is refused by its Origin; a DNS-rebinding page by
 * the Host it asked for. Browsers always send Origin on cross-origin requests and on WebSocket
 * upgrades; an Origin-less request to socket.io is a script (refused unless
 * `allowNonBrowserClients`) or a same-origin browser request (`Sec-Fetch-Site: same-origin`,
 * a header pages cannot set), when the bridge sits behind the admin's own host.
 */
export class RequestPolicy {
  private readonly origins: Set<string>;
  private hosts: Set<string>;

  constructor(private readonly cfg: RequestPolicyConfig) {
    this.origins = new Set(cfg.allowedOrigins.map(normalOrigin));
    this.hosts = this.deriveHosts(cfg.listen.port);
  }

  /** The port is known once listening (port 0 in tests): the derived Host names use it. */
  listening(port: number): void {
    this.hosts = this.deriveHosts(port);
  }

  allowedHosts(): string[] {
    return [...this.hosts];
  }

  /** Null when the request may go on; `socketIo` requests (browser transports) need an Origin. */
  check(req: http.IncomingMessage, socketIo: boolean): RequestRefusal | null {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !this.hosts.has(host)) return 'host_not_allowed';
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (this.origins.has(origin)) return null;
      return origin !== 'null' && this.origins.has(normalOrigin(origin)) ? null : 'origin_not_allowed';
    }
    if (!socketIo || this.cfg.allowNonBrowserClients) return null;
    return req.headers['sec-fetch-site'] === 'same-origin' ? null : 'origin_missing';
  }

  /**
   * With `publicUrl`: its host only. Otherwise the listen address with its port, the loopback
   * names when listening on loopback or on every interface, and the hosts of the allowed origins
   * on the bridge's port (the bridge beside the admin, on another port).
   */
  private deriveHosts(port: number): Set<string> {
    const out = new Set<string>();
    if (this.cfg.publicUrl) {
      const u = new URL(this.cfg.publicUrl);
      const defaultPort = u.protocol === 'https:' ? '443' : '80';
      const name = u.hostname.toLowerCase();
      out.add(u.port ? `${name}:${u.port}` : name);
      if (!u.port || u.port === defaultPort) out.add(`${name}:${defaultPort}`);
      return out;
    }
    const add = (name: string) => {
      out.add(`${name}:${port}`);
      if (port === 80) out.add(name);
    };
    const listen = this.cfg.listen.host.toLowerCase();
    if (!WILDCARD.has(listen)) add(listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen);
    if (WILDCARD.has(listen) || LOOPBACK.has(listen)) LOOPBACK_NAMES.forEach(add);
    for (const o of this.cfg.allowedOrigins) add(new URL(o).hostname.toLowerCase());
    return out;
  }
}

function normalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

/** The client's IP address as the socket has it (IPv4 clients of a dual-stack socket without their ::ffff: prefix). */
export function clientIp(req: http.IncomingMessage): string {
  return unmapped(req.socket.remoteAddress ?? 'unknown');
}

/**
 * The client's address behind trusted load balancers: the TCP peer's when it is not one of
 * `trusted`, else the nearest X-Forwarded-For hop that is not trusted either (each balancer
 * appends the address it got the request from; hops further left are the client's word). A hop
 * that is not an IP address ends the walk at the last trusted one: nothing forged past it counts.
 */
export function forwardedClientIp(req: http.IncomingMessage, trusted: BlockList): string {
  let client = clientIp(req);
  if (!inList(trusted, client)) return client;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => unmapped(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) break;
    client = hop;
    if (!inList(trusted, hop)) break;
  }
  return client;
}
