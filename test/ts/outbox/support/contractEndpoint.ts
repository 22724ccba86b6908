/**
 * A stand-in for Magento's POST /V1/bandeau/calls that enforces the contract of test/contract:
 * bearer token, request shape, upsert by call_id (a null field keeps the stored value). It can
 * be told to go down (connection refused), to answer an error status, or to be slow.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { asResponse, loadCallContract, violation, type CallContract } from './contract';

export const CALLS_ROUTE = /^\/rest(?:\/[a-z0-9_]+)?\/V1\/bandeau\/calls$/;
/** POST only, the number in the JSON body (a GET is not routed: 404, as Magento answers). */
export const LOOKUP_ROUTE = /^\/rest(?:\/[a-z0-9_]+)?\/V1\/bandeau\/lookup$/;
const CONTRACT_DIR = path.resolve(__dirname, '../../../contract');
/** The caller lookup as the contract's examples answer it: a match for their number, none otherwise. */
function contractLookup(phone: string): unknown {
  const match = JSON.parse(readFileSync(path.join(CONTRACT_DIR, 'calls.lookup.response.json'), 'utf8')) as { phone: string };
  if (phone === match.phone) return match;
  const none = JSON.parse(readFileSync(path.join(CONTRACT_DIR, 'calls.lookup.nomatch.response.json'), 'utf8')) as Record<string, unknown>;
  return { ...none, phone };
}

export interface EndpointBehaviour {
  /** Answer this status instead of storing (e.g. 500, 503). */
  status?: number | null;
  /** Store, then wait this long before answering (longer than the client timeout = lost answer). */
  delayMs?: number;
}

export interface EndpointStats {
  /** Every POST that reached the handler. */
  posts: number;
  /** POSTs answered 200, by call id (more than 1 = delivered again, stored once). */
  accepted: Record<string, number>;
  /** Answers other than 200, by status. */
  refused: Record<string, number>;
  /** Distinct call ids stored. */
  storedIds: string[];
}

export class ContractEndpoint {
  readonly contract: CallContract;
  readonly stored = new Map<string, Record<string, unknown>>();
  /** Caller lookups answered (POST /V1/bandeau/lookup). */
  lookups = 0;
  /** Every request line received (method and URL), to check what reached the access log. */
  readonly requestLines: string[] = [];
  private readonly server: http.Server;
  private behaviour: EndpointBehaviour = {};
  private stats: Omit<EndpointStats, 'storedIds'> = { posts: 0, accepted: {}, refused: {} };
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly token: string) {
    this.contract = loadCallContract();
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/rest/default`;
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port || this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Stops listening and drops open connections: clients get ECONNREFUSED until `up`. */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  async up(): Promise<void> {
    await this.start(this.port);
  }

  set(b: EndpointBehaviour): void {
    this.behaviour = { ...this.behaviour, ...b };
  }

  getStats(): EndpointStats {
    return { ...structuredClone(this.stats), storedIds: [...this.stored.keys()] };
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    if (this.server.listening) await this.down();
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    if (status !== 200) this.stats.refused[status] = (this.stats.refused[status] ?? 0) + 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private error(message: string, parameters: Record<string, string>): { message: string; parameters: Record<string, string> } {
    return { message, parameters };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    this.requestLines.push(`${req.method ?? ''} ${req.url ?? ''}`);
    req.on('end', () => {
      if (req.method === 'POST' && LOOKUP_ROUTE.test(req.url ?? '')) {
        this.lookups++;
        if (req.headers.authorization !== `Bearer ${this.token}`) {
          this.send(res, 401, this.error("The consumer isn't authorized to access %resources.", { resources: 'Bandeau_Cti::api' }));
          return;
        }
        let phone: unknown;
        try {
          phone = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { phone?: unknown }).phone;
        } catch {
          this.send(res, 400, this.error('Decoding error.', {}));
          return;
        }
        if (typeof phone !== 'string') {
          this.send(res, 400, this.error('"%fieldName" is required. Enter and try again.', { fieldName: 'phone' }));
          return;
        }
        this.send(res, 200, contractLookup(phone));
        return;
      }
      if (req.method !== 'POST' || !CALLS_ROUTE.test(req.url ?? '')) {
        this.send(res, 404, this.error('Request does not match any route.', {}));
        return;
      }
      this.stats.posts++;
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        this.send(res, 401, this.error("The consumer isn't authorized to access %resources.", { resources: 'Bandeau_Cti::api' }));
        return;
      }
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        this.send(res, 400, this.error('The content type is not supported.', {}));
        return;
      }
      if (this.behaviour.status) {
        this.send(res, this.behaviour.status, this.error('Internal Error.', {}));
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        this.send(res, 400, this.error('Decoding error.', {}));
        return;
      }
      const bad = violation(this.contract, body);
      if (bad) {
        // Magento's own error body, shaped as test/contract/error.response.json
        this.send(res, 400, this.error(this.contract.errorExample.message, { fieldName: bad[0], value: bad[1] }));
        return;
      }
      const call = (body as { call: Record<string, unknown> }).call;
      const id = call.call_id as string;
      const merged = { ...(this.stored.get(id) ?? {}) };
      for (const [k, v] of Object.entries(call)) if (v !== null && v !== undefined) merged[k] = v;
      this.stored.set(id, merged);
      this.stats.accepted[id] = (this.stats.accepted[id] ?? 0) + 1;
      const answer = () => this.send(res, 200, asResponse(this.contract, merged));
      if (this.behaviour.delayMs) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          if (!res.destroyed) answer();
        }, this.behaviour.delayMs);
        this.timers.add(t);
      } else answer();
    });
  }
}
