/**
 * Past its limit a request body gets the same answer on the bridge's webhooks and its admin
 * listener: a 413 naming the limit, the connection closed after it, and nothing past the limit
 * read, whether the sender declared its length or sends chunks without end.
 */
import http from 'node:http';
import type net from 'node:net';
import { Registry } from 'prom-client';
import { AdminListener } from '../../../bridge/src/http/adminListener';
import { createLogger } from '../../../bridge/src/logger';
import { INVALIDATION_MAX_BODY } from '../../../bridge/src/routing/invalidation';
import { MAX_WEBHOOK_BODY } from '../../../bridge/src/pbx/webhook/endpoint';
import { webhookRig, type WebhookRig } from '../pbx/support';

interface Outcome {
  status: number;
  body: unknown;
  /** Bytes the bridge's side of the connection read, headers included. */
  serverRead: number;
}

/** The sockets the servers under test accept, to see how much they read. */
const accepted: net.Socket[] = [];
let spy: jest.SpyInstance;
beforeAll(() => {
  const emit = http.Server.prototype.emit;
  spy = jest.spyOn(http.Server.prototype, 'emit').mockImplementation(function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'connection') accepted.push(args[0] as net.Socket);
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  });
});
afterAll(() => spy.mockRestore());

/**
 * POSTs `declared` bytes with their Content-Length, or (declared undefined) chunks without end,
 * as fast as the connection takes them, until the answer comes and the connection closes.
 */
function send(url: string, headers: Record<string, string>, declared?: number): Promise<Outcome> {
  accepted.length = 0;
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const req = http.request(url, { method: 'POST', agent: false, headers: declared === undefined ? headers : { ...headers, 'content-length': String(declared) } });
    let answered = false;
    let left = declared ?? Infinity;
    const pump = (): void => {
      while (!answered && left > 0 && !req.destroyed) {
        const piece = left < chunk.length ? chunk.subarray(0, left) : chunk;
        left -= piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (left === 0) req.end();
    };
    req.on('error', () => undefined); // the bridge closes while we still write: expected
    // Resolves once the answer is in and the bridge closed the connection (never, if it leaves it hanging).
    let answer: { status: number; body: unknown } | undefined;
    let closed = false;
    const settle = (): void => {
      if (answer && closed) resolve({ ...answer, serverRead: accepted.reduce((n, s) => n + s.bytesRead, 0) });
    };
    req.on('socket', (s) => s.once('close', () => ((closed = true), settle())));
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) };
        settle();
      });
      res.on('error', reject);
    });
    pump();
  });
}

function expectRefused(o: Outcome, max: number): void {
  expect(o.status).toBe(413);
  expect(o.body).toEqual({ error: { code: 'too_large', message: `the body is over ${max} bytes` } });
  // One socket read past the limit at most, never the rest of an endless body.
  expect(o.serverRead).toBeLessThan(max + 1024 * 1024);
}

describe('a webhook body past its limit', () => {
  const TOKEN = 'generic-token-0123456789abcdef0123456789abcdef';
  let rig: WebhookRig;
  beforeAll(async () => {
    rig = await webhookRig({ driver: 'generic', token: TOKEN, agents: { field: 'user', map: { 'Alice Martin': '7001' } } }, '/pbx/webhook/generic');
  });
  afterAll(() => rig?.rt.stop());
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

  it('declared: 413 before reading it, and the connection closes', async () => {
    expectRefused(await send(rig.url, headers, MAX_WEBHOOK_BODY + 4 * 1024 * 1024), MAX_WEBHOOK_BODY);
  });

  it('without Content-Length and never ending: 413 once past the limit, and the connection closes', async () => {
    expectRefused(await send(rig.url, headers), MAX_WEBHOOK_BODY);
  });
});

describe("an admin listener's body past its limit", () => {
  let admin: AdminListener;
  let url: string;
  beforeAll(async () => {
    admin = new AdminListener({
      config: { enabled: true, host: '127.0.0.1', port: 0 },
      secret: () => 'z'.repeat(32),
      logger: createLogger('silent'),
      registry: new Registry(),
      health: () => ({ status: 200, body: {} }),
      revoke: () => 0,
      invalidateRouting: () => ({ forgotten: 0 }),
    });
    url = `http://127.0.0.1:${await admin.start()}`;
  });
  afterAll(() => admin?.stop());

  it.each([
    ['/revoke', 4096],
    ['/routing/invalidate', INVALIDATION_MAX_BODY],
  ])('%s declared: 413 before reading it, and the connection closes', async (path, max) => {
    expectRefused(await send(`${url}${path}`, { 'content-type': 'application/json' }, 4 * 1024 * 1024), max);
  });

  it('/revoke without Content-Length and never ending: 413 once past the limit, and the connection closes', async () => {
    expectRefused(await send(`${url}/revoke`, { 'content-type': 'application/json' }), 4096);
  });
});
