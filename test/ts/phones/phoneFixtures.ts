import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer } from '../../../bridge/src/server';
import { phoneService, type PhoneService } from '../../../bridge/src/phones';

export const PHONE_SECRET = '0123456789abcdef0123456789abcdef';
export const MAGENTO_TOKEN = 'integration-token-for-tests';

export interface BookCustomer {
  customer_id: number;
  name: string;
  group?: string | null;
  phones: Array<{ e164: string; kind: string }>;
}

/**
 * Magento's `GET /V1/bandeau/phonebook` as the module answers it (contract-17): paged by
 * customer id, staff in the first page only, Bearer token checked. `fail` makes the next
 * requests answer that status (or drop the connection with 'reset').
 */
export class FakePhonebookMagento {
  customers: BookCustomer[] = [];
  staff: Array<{ name: string; extension: string }> = [];
  /** 'unbounded': an endless answer with no Content-Length, as a broken proxy could send. */
  fail: number | 'reset' | 'unbounded' | null = null;
  /** Answers by afterId instead of the customers above (the contract's recorded pages). */
  pages: Map<number, unknown> | null = null;
  requests: string[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/rest`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push(url.pathname + url.search);
    if (this.fail === 'reset') {
      req.socket.destroy();
      return;
    }
    if (this.fail === 'unbounded') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('error', () => undefined);
      const chunk = Buffer.alloc(1 << 20, 0x20);
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      res.write('{"entries": [');
      more();
      req.socket.once('close', () => res.destroy());
      return;
    }
    if (this.fail !== null) {
      res.writeHead(this.fail, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal Error' }));
      return;
    }
    if (req.headers.authorization !== `Bearer ${MAGENTO_TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: "The consumer isn't authorized to access %resources." }));
      return;
    }
    if (url.pathname !== '/rest/V1/bandeau/phonebook' || req.method !== 'GET') {
      res.writeHead(404).end('{}');
      return;
    }
    const afterId = Number(url.searchParams.get('afterId') ?? 0);
    if (this.pages) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.pages.get(afterId) ?? { entries: [], next_after_id: null }));
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const sorted = [...this.customers].sort((a, b) => a.customer_id - b.customer_id).filter((c) => c.customer_id > afterId);
    const entries = sorted.slice(0, limit);
    const last = entries.length === limit && sorted.length > limit ? entries[entries.length - 1]!.customer_id : null;
    const body = { entries, ...(afterId === 0 ? { staff: this.staff } : {}), next_after_id: last };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** Names a phone must survive (issue 17): markup, quotes, controls, 500 characters, emoji, Arabic, Chinese. */
export const HOSTILE_NAMES = [
  '<script>alert(1)</script> Dupont',
  'Tom & Jerry "Ltd" O\'Brien',
  'Null\u0000Byte\u0007Bell\u001bEsc\u0085Next',
  'Long ' + 'x'.repeat(495),
  'Zoë 😀👩‍👩‍👧 Emoji 🇫🇷',
  'محمد العلي',
  '王小明',
  ']]> <![CDATA[ &amp; &#0; &#x1F600;',
  '\u202eEvil\u202c Override',
];

export const HOSTILE_CUSTOMERS: BookCustomer[] = HOSTILE_NAMES.map((name, i) => ({ customer_id: 100 + i, name, group: 'General', phones: [{ e164: `+3361234${String(5600 + i)}`, kind: 'billing' }] }));

export function phonesConfig(magentoUrl: string, phones: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): BridgeConfig {
  return BridgeConfig.parse({
    listen: { host: '127.0.0.1', port: 0 },
    secret: PHONE_SECRET,
    allowedOrigins: ['http://admin.example.test'],
    callControl: { defaultRegion: 'FR' },
    routing: { listen: { port: 0 }, magento: { url: magentoUrl, token: MAGENTO_TOKEN } },
    phones,
    ...extra,
  });
}

export interface PhoneBridge {
  url: string;
  server: BridgeServer;
  phones: PhoneService;
  stop(): Promise<void>;
}

/** A bridge front with the phone service mounted as the runtime mounts it; the phone book pulled once. */
export async function startPhoneBridge(config: BridgeConfig, o: { open?: boolean } = {}): Promise<PhoneBridge> {
  const logger = createLogger('silent');
  let server: BridgeServer | null = null;
  const phones = phoneService({ ...config, phones: config.phones! }, { logger, bridge: () => server!, liveCalls: () => [], ...(o.open ? { open: true } : {}) });
  server = new BridgeServer({ config, logger, ownAccessRoutes: [phones.route] });
  const port = await server.start();
  await phones.sync?.pull();
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    phones,
    stop: async () => {
      phones.stop();
      await server!.stop();
    },
  };
}
