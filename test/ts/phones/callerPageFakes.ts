import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeServer } from '../../../bridge/src/server';
import type { PhoneAnswer, PhoneRequestContext } from '../../../bridge/src/phones/context';
import type { PhoneVendor } from '../../../bridge/src/phones/config';
import { PhonesConfig } from '../../../bridge/src/phones/config';
import { PhoneBook, type PhoneBookListing } from '../../../bridge/src/phones/phoneBook';
import { phoneTranslator, type PhoneLocale } from '../../../bridge/src/phones/phoneStrings';
import { encodeXml } from '../../../bridge/src/phones/sanitise';
import type { AgentSession } from '../../../bridge/src/agents/sessionStore';
import type { Call, ServerMessage } from '../../../bridge/src/protocol/messages';
import { createLogger } from '../../../bridge/src/logger';

export const TOKEN = 'integration-token-for-caller-tests';

type Reply = { status: number; body: unknown };

/**
 * Magento's REST as the caller page and the soft keys use it: `POST /V1/bandeau/lookup` (matches
 * by E.164), `GET /V1/bandeau/wrapup/outcomes`, `POST /V1/bandeau/calls/:id/outcome`. Bearer token checked.
 */
export class FakeMagento {
  matches = new Map<string, unknown[]>();
  outcomes: Reply = { status: 404, body: { message: 'Request does not match any route.' } };
  saveReply: Reply = { status: 200, body: { call_id: 'x', outcome: 'x' } };
  saved: Array<{ callId: string; body: unknown }> = [];
  lookups: string[] = [];
  delayMs = 0;
  private server = http.createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/rest`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : null;
    const send = (r: Reply): void => void res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send({ status: 401, body: { message: 'unauthorized' } });
    const path = (req.url ?? '').split('?')[0]!;
    if (path === '/rest/V1/bandeau/lookup' && req.method === 'POST') {
      const phone = String(body?.phone);
      this.lookups.push(phone);
      return send({ status: 200, body: { phone, matches: this.matches.get(phone) ?? [] } });
    }
    if (path === '/rest/V1/bandeau/wrapup/outcomes' && req.method === 'GET') return send(this.outcomes);
    const m = /^\/rest\/V1\/bandeau\/calls\/([^/]+)\/outcome$/.exec(path);
    if (m && req.method === 'POST') {
      this.saved.push({ callId: decodeURIComponent(m[1]!), body });
      return send(this.saveReply);
    }
    send({ status: 404, body: { message: 'Request does not match any route.' } });
  }
}

/** The bits of BridgeServer the actions use: agent sessions by extension, pushes, call control. */
export class FakeBridge {
  sessions: AgentSession[] = [];
  sent: Array<{ ext: string; msg: ServerMessage }> = [];
  commands: Array<{ agent: unknown; cmd: unknown }> = [];
  commandError: Error | null = null;
  callControl: { execute: (agent: unknown, cmd: unknown) => Promise<{ callId?: string }> } | undefined = {
    execute: async (agent, cmd) => {
      if (this.commandError) throw this.commandError;
      this.commands.push({ agent, cmd });
      return { callId: 'new-call' };
    },
  };

  asServer(): BridgeServer {
    const self = this;
    return {
      sessions: { byExtensions: (exts: string[]) => self.sessions.filter((s) => exts.includes(s.identity.extension)) },
      sendToExtension(ext: string, msg: ServerMessage) {
        const n = self.sessions.filter((s) => s.identity.extension === ext && s.sockets.size > 0).length;
        if (n > 0) self.sent.push({ ext, msg });
        return n;
      },
      get callControl() {
        return self.callControl;
      },
    } as unknown as BridgeServer;
  }
}

export function agentSession(ext: string, o: { userId?: number; connected?: boolean; recent?: Call[]; permissions?: string[] } = {}): AgentSession {
  return {
    identity: { userId: o.userId ?? 7, name: 'Alice Martin', extension: ext, permissions: o.permissions ?? ['dial'], tokenId: 't', expiresAt: 2e9 } as unknown as AgentSession['identity'],
    status: 'available',
    sockets: new Set(o.connected === false ? [] : ['s1']),
    calls: new Map(),
    recent: o.recent ?? [],
    recentSeenAt: null,
    leftAt: null,
  };
}

export function call(p: Partial<Call> & { id: string }): Call {
  return { direction: 'inbound', state: 'ended', from: '+33612345678', to: '201', rung: ['201'], answeredBy: null, startedAt: '2026-12-01T09:00:00.000Z', answeredAt: null, endedAt: null, disposition: null, ...p };
}

/** A request context as the router builds it, for the phone of extension `ext`. */
export function phoneContext(
  vendor: PhoneVendor,
  query: Record<string, string>,
  o: { ext?: string | null; magento?: string | null; book?: PhoneBookListing[]; live?: Call[]; bridge?: FakeBridge; locale?: PhoneLocale } = {},
): PhoneRequestContext {
  const ext = o.ext === undefined ? '201' : o.ext;
  const book = new PhoneBook(o.book ?? []);
  return {
    vendor,
    query: new URLSearchParams(query),
    locale: o.locale ?? 'en_US',
    t: phoneTranslator(o.locale ?? 'en_US'),
    extension: ext,
    book: () => book,
    liveCalls: (e) => (e === ext ? (o.live ?? []) : []),
    bridge: (o.bridge ?? new FakeBridge()).asServer(),
    magento: o.magento ? { url: o.magento, token: TOKEN } : null,
    defaultRegion: 'FR',
    dial: (e164) => e164,
    config: PhonesConfig.parse({}),
    url: (path, params = {}) => {
      const q = new URLSearchParams({ ...(ext ? { ext } : {}), t: 'bed5a8a6538606efa00ce310211f1145', ...params });
      return `http://192.0.2.10:8080/phone/${vendor}/${path}?${q.toString()}`;
    },
    logger: createLogger('silent'),
  };
}

/** A customer as Magento's caller lookup answers it, with group, last order and open cart. */
export const CAMILLE = {
  customer_id: 2,
  name: 'Camille Durand',
  email: 'camille@example.fr',
  source: 'customer_address',
  group: 'Wholesale',
  last_order: { increment_id: '000000104', status: 'Processing', grand_total: '€129.00' },
  open_cart: { items: 2, total: '€89.50' },
};

/** The answer as the phone reads it: bytes in the declared charset, decoded. */
export function asPhoneReads(vendor: PhoneVendor, a: PhoneAnswer): string {
  if (a.contentType) return a.body;
  const { body, contentType } = encodeXml(vendor, a.body);
  expect(contentType).toContain(vendor === 'cisco' ? 'ISO-8859-1' : 'UTF-8');
  return vendor === 'cisco' ? body.toString('latin1') : body.toString('utf8');
}
