/**
 * A stand-in for the module's routing REST routes, as Magento's webapi serves them: bearer token
 * checked, `POST /rest/V1/bandeau/routing/facts` with `{"phone": …}` and
 * `GET /rest/V1/bandeau/routing/rules`, snake_case bodies as in the contract. It can answer late
 * (delayMs), refuse connections (stop), or answer with an error status.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const STAND_IN_TOKEN = 'standin-integration-token';

export interface StandInOptions {
  facts: Map<string, unknown>;
  rules: unknown;
  delayMs?: number;
}

export class MagentoStandIn {
  readonly facts: Map<string, unknown>;
  rules: unknown;
  delayMs: number;
  /** Replaces every answer with this status when set. */
  failWith: number | null = null;
  readonly requests: Array<{ method: string; path: string; body: string; authorization: string | undefined }> = [];
  private server: http.Server | null = null;
  private port = 0;

  constructor(o: StandInOptions) {
    this.facts = o.facts;
    this.rules = o.rules;
    this.delayMs = o.delayMs ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/rest`;
  }

  factsRequests(): number {
    return this.requests.filter((r) => r.path.endsWith('/routing/facts')).length;
  }

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', body, authorization: req.headers.authorization });
        const reply = () => this.answer(req, body, res);
        if (this.delayMs > 0) setTimeout(reply, this.delayMs);
        else reply();
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops answering: later requests get a refused connection (as a Magento that is down). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Starts again on the same port. */
  restart(): Promise<void> {
    return this.start(this.port);
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const send = (status: number, payload: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`) return send(401, { message: 'The consumer isn\'t authorized to access %resources.' });
    if (this.failWith !== null) return send(this.failWith, { message: 'Internal Error. Details are available in Magento log file.' });
    if (req.method === 'GET' && req.url === '/rest/V1/bandeau/routing/rules') return send(200, this.rules);
    if (req.method === 'POST' && req.url === '/rest/V1/bandeau/routing/facts') {
      let phone: unknown;
      try {
        phone = (JSON.parse(body) as { phone?: unknown }).phone;
      } catch {
        return send(400, { message: 'Decoding error.' });
      }
      if (typeof phone !== 'string') return send(400, { message: '"phone" is required. Enter and try again.' });
      return send(200, this.facts.get(phone) ?? { phone, known: false, customer: null, orders: [], last_shipment: null });
    }
    send(404, { message: 'Request does not match any route.' });
  }
}

/** The contract's example rules (the module's shipped defaults) with VIP group 4. */
export function defaultRules(version = 'v1'): Record<string, unknown> {
  return {
    version,
    vip_group_ids: [4],
    rules: [
      { code: 'vip', label: 'VIP customer', active: true, conditions: { vip: true }, route: 'vip', priority: 10, message: 'bandeau/welcome-back' },
      { code: 'not_shipped', label: 'Order not shipped', active: true, conditions: { order: 'not_shipped' }, route: 'sales', priority: 5, message: 'bandeau/order-being-prepared' },
      { code: 'payment_problem', label: 'Payment problem', active: true, conditions: { order: 'payment_problem' }, route: 'sales', priority: 5, message: 'bandeau/payment-problem' },
      { code: 'delivered_recently', label: 'Delivered within 14 days', active: true, conditions: { shipped_within_days: 14 }, route: 'support', priority: 3, message: 'bandeau/order-on-its-way' },
    ],
    fallback: { route: 'default', priority: 0, message: '' },
  };
}

/** Facts of a known customer (group 1, French store view), with optional orders. */
export function customerFacts(phone: string, o: { id?: number; name?: string; groupId?: number; orders?: unknown[]; lastShipment?: unknown } = {}): Record<string, unknown> {
  return {
    phone,
    known: true,
    customer: { id: o.id ?? 2, name: o.name ?? 'Camille Durand', group_id: o.groupId ?? 1, store_id: 1, locale: 'fr_FR', lifetime_sales: 3410.5, open_cart: false },
    orders: o.orders ?? [],
    last_shipment: o.lastShipment ?? null,
  };
}

export function unshippedOrder(id: string): Record<string, unknown> {
  return { increment_id: id, state: 'new', status: 'pending', created_at: '2026-11-19T15:47:00Z', shipped: false, store_id: 1 };
}
