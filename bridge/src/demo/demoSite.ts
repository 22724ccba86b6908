import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import { mintAgentToken } from '../auth/mintToken';
import type { AmiTestPeer } from '../testpeer';
import { DEMO_AGENTS, type DemoAgent, type DemoDirectory } from './directory';
import { demoLookup } from './demoLookup';
import { demoDirectorySearch } from './demoDirectorySearch';
import { DemoCampaign } from './demoCampaign';
import { DEMO_TIME_ZONE, demoMyDay } from './demoMyDay';
import { DemoWrapUps, memoryCalls } from './demoWrapUp';
import { handleDemoPbx } from './demoPbx';
import type { RoutingAddress } from './demoInboundRouting';
import { handleBridgeControl, type BridgeControl } from './demoBridgeControl';
import { DEMO_PBX_PANEL_JS } from './demoPbxPanel';
import { demoSoftphoneConfig, demoSoftphoneFromEnv, handleDemoSoftphone } from './demoSoftphone';
import { MAGENTO_REQUIRE_MODULES, requireConfigJs } from './magentoStandIn';
import { callsTableMarkup, type DemoCallLog } from './demoCallLog';
import { barTranslations, isLocale, MODULE_DIR, readTranslationCsv, type Locale } from './moduleStrings';
import { RequestPolicy } from '../http/origin';
import { createOrderPage, customerGridPage, customerViewPage, dashboardPage, newCustomerPage, orderGridPage, orderViewPage, type PageAssets } from './pages';

/** Repository root, from bridge/dist/demo (compiled) or bridge/src/demo (ts-jest). */
const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE_DIR = path.join(ROOT, 'app/code/Bandeau/Cti/view/adminhtml/web/js');

const REQUIRE_JS = path.join(ROOT, 'node_modules/requirejs/require.js');
const KNOCKOUT_JS = path.join(ROOT, 'node_modules/knockout/build/output/knockout-latest.js');

export interface DemoSiteOptions {
  host: string;
  port: number;
  bridgeUrl: () => string;
  secret: string;
  tokenTtlS: number;
  logger: Logger;
  directory: DemoDirectory;
  /** The stand-in PBX, driven from the demo pages' "Demo PBX" panel. */
  peer?: AmiTestPeer;
  /** Instead of a peer, the bridge's generic webhook (`--pbx webhook`): the pages' panel shows how to post to it. */
  webhookUrl?: () => string;
  /** Stops and starts the bridge under the running pages (demoBridgeControl.ts). */
  bridgeControl?: BridgeControl;
  /** Magento's call log as the bridge delivers to it (REST) and the customer's Calls tab shows it. */
  callLog?: DemoCallLog;
  /** The bridge's routing server, which the Demo PBX's inbound calls ask first (demoInboundRouting.ts). */
  routing?: RoutingAddress;
}

/**
 * Stands in for Magento in the demo: admin-like pages carrying the real built bundle, the
 * stable worker URL, and the token controller (minting with the shared secret).
 */
export class DemoSite {
  private readonly server: http.Server;
  /** The admin form key and the URL secret key, fixed for this demo run. */
  private readonly formKey = randomBytes(8).toString('hex');
  private readonly urlKey = randomBytes(16).toString('hex');
  private version = '';
  tokensMinted = 0;
  /** The secret shared with the bridge (a demo bridge restart may change it: demoBridgeControl.ts). */
  secret: string;
  /** Wrap-up notes saved from the phone bar, by call id (Magento stores them on the call log). */
  readonly notes = new Map<string, string>();
  readonly campaign: DemoCampaign;
  /** The wrap-ups saved from the bar, on the call log (demoWrapUp.ts). */
  readonly wrapUps: DemoWrapUps;
  origin = '';
  /** Softphone mode (BANDEAU_DEMO_SIP_WS set): see demoSoftphone.ts. */
  private readonly softphone = demoSoftphoneFromEnv();
  /** Host and Origin of every request (http/origin.ts): no cross-site POST, no DNS rebinding. */
  private policy?: RequestPolicy;

  constructor(private readonly o: DemoSiteOptions) {
    this.secret = o.secret;
    this.campaign = new DemoCampaign(o.directory);
    this.wrapUps = new DemoWrapUps(o.callLog ?? memoryCalls(), (id) => o.directory.customers.some((c) => c.id === id));
    if (o.callLog) o.callLog.wrapUps = this.wrapUps;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        o.logger.error({ err, url: req.url }, 'demo page failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('demo error\n');
      });
    });
  }

  async start(): Promise<string> {
    this.version = bundleVersion();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://${this.o.host}:${port}`;
    // Scripts and tests (no Origin) may drive the demo; a page of another site may not.
    this.policy = new RequestPolicy({ listen: { host: this.o.host, port }, allowedOrigins: [this.origin], allowNonBrowserClients: true });
    return this.origin;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private agentFor(req: http.IncomingMessage): DemoAgent {
    const m = /(?:^|;\s*)bandeau_demo_user=(\d+)/.exec(req.headers.cookie ?? '');
    return DEMO_AGENTS.find((a) => a.userId === Number(m?.[1])) ?? (DEMO_AGENTS[0] as DemoAgent);
  }

  /** Magento's static base: RequireJS baseUrl, and where the module's bundle is served. */
  private staticBase(): string {
    return `/static/version${this.version}/adminhtml/Magento/backend/en_US`;
  }

  /** The admin user's locale: `?lang=fr_FR` (kept in a cookie for the next pages), else en_US. */
  private localeFor(req: http.IncomingMessage, url: URL): Locale {
    const asked = url.searchParams.get('lang');
    if (asked && isLocale(asked)) return asked;
    const m = /(?:^|;\s*)bandeau_demo_lang=([A-Za-z_]+)/.exec(req.headers.cookie ?? '');
    return m && isLocale(m[1] as string) ? (m[1] as Locale) : 'en_US';
  }

  /** The module's translation of a text in this locale (its i18n CSV), as Magento's __() gives it. */
  private translator(locale: Locale): (text: string) => string {
    const csv = readTranslationCsv(path.join(MODULE_DIR, 'i18n', `${locale}.csv`));
    return (text) => csv.get(text) ?? text;
  }

  private assets(url: URL, extra: Record<string, unknown> = {}, locale: Locale = 'en_US'): PageAssets {
    const base = this.staticBase();
    const config = {
      bridgeUrl: this.o.bridgeUrl(),
      tokenUrl: `${this.origin}/admin/bandeau/token/index/key/${this.urlKey}/`,
      formKey: this.formKey,
      workerUrl: `${this.origin}/admin/bandeau/worker/script/`,
      workerName: 'bandeau-cti',
      lookupUrl: `${this.origin}/admin/bandeau/lookup/index/key/${this.urlKey}/`,
      directoryUrl: `${this.origin}/admin/bandeau/directory/search/key/${this.urlKey}/`,
      noteUrl: `${this.origin}/admin/bandeau/call/note/key/${this.urlKey}/`,
      campaignNextUrl: `${this.origin}/admin/bandeau/campaign/next/key/${this.urlKey}/`,
      campaignOutcomeUrl: `${this.origin}/admin/bandeau/campaign/outcome/key/${this.urlKey}/`,
      campaignSkipUrl: `${this.origin}/admin/bandeau/campaign/skip/key/${this.urlKey}/`,
      campaignSnoozeUrl: `${this.origin}/admin/bandeau/campaign/snooze/key/${this.urlKey}/`,
      campaignTodayUrl: `${this.origin}/admin/bandeau/campaign/today/key/${this.urlKey}/`,
      myDayUrl: `${this.origin}/admin/bandeau/analytics/myday/key/${this.urlKey}/`,
      wrapUp: this.wrapUps.choices(this.translator(locale)),
      ...(url.searchParams.get('transport') === 'in-page' ? { transport: 'in-page' } : {}),
      ...(this.softphone ? demoSoftphoneConfig(this.softphone, this.origin, this.urlKey) : {}),
      // As the module's ViewModel: the admin user's locale and the bar's strings in it, the store's time zone.
      locale,
      timeZone: DEMO_TIME_ZONE,
      i18n: barTranslations(locale),
      ...extra,
    };
    return {
      pageBundleUrl: `${base}/Bandeau_Cti/js/bandeau-page.js`,
      demoPbx: this.o.peer !== undefined,
      ...(this.o.webhookUrl ? { webhookUrl: this.o.webhookUrl() } : {}),
      requireJsUrl: '/static/lib/require.js',
      requireConfigUrl: '/static/lib/requirejs-config.js',
      configJson: JSON.stringify(config),
      magentoBindings: url.searchParams.get('magentoBindings') === 'first' ? 'before-bar' : 'after-bar',
      lang: locale.slice(0, 2),
    };
  }

  /** The customer page's Calls tab, labelled and filled as the module renders it in this locale. */
  private callsTab(customerId: number, locale: Locale, open: boolean) {
    if (!this.o.callLog) return undefined;
    const csv = readTranslationCsv(path.join(MODULE_DIR, 'i18n', `${locale}.csv`));
    const t = (text: string) => csv.get(text) ?? text;
    return { open, label: t('Calls'), table: callsTableMarkup(this.o.callLog.forCustomer(customerId), t, (id) => this.wrapUps.summary(id, t)) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refused = this.policy?.check(req, false);
    if (refused) {
      this.o.logger.warn({ reason: refused, origin: req.headers.origin, host: req.headers.host }, 'demo request refused');
      return send(res, 403, 'application/json', JSON.stringify({ error: { code: refused, message: 'Refused: this request comes from another site or names another host.' } }));
    }
    const url = new URL(req.url ?? '/', this.origin);
    const p = url.pathname;
    const html = (body: string | null) => {
      if (body === null) return send(res, 404, 'text/plain', 'no such record in the demo\n');
      const cookies: string[] = [];
      const as = url.searchParams.get('as');
      if (as && /^\d+$/.test(as)) cookies.push(`bandeau_demo_user=${as}; Path=/; SameSite=Lax`);
      if (url.searchParams.has('lang')) cookies.push(`bandeau_demo_lang=${locale}; Path=/; SameSite=Lax`);
      // Magento's admin answers pages with no-store (Response\Http::setNoCacheHeaders): browsers keep
      // them out of the back/forward cache, and Firefox then ends the SharedWorker on every load.
      send(res, 200, 'text/html; charset=utf-8', body, { ...ADMIN_NO_CACHE, ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
    };
    const locale = this.localeFor(req, url);
    const a = () => this.assets(url, {}, locale);
    const dir = this.o.directory;
    if (req.method === 'GET' && (p === '/' || p === '/admin/' || p === '/admin/dashboard/')) return html(dashboardPage(dir, a()));
    if (req.method === 'GET' && p === '/admin/sales/order/') return html(orderGridPage(dir, a()));
    if (req.method === 'GET' && p === '/admin/customer/index/') return html(customerGridPage(dir, a()));
    if (req.method === 'GET' && p === '/admin/customer/index/new/') return html(newCustomerPage(url.searchParams.get('bandeau_phone') ?? '', a()));
    let m = /^\/admin\/sales\/order\/view\/order_id\/(\d+)\/$/.exec(p);
    if (req.method === 'GET' && m) return html(orderViewPage(dir, Number(m[1]), a()));
    m = /^\/admin\/customer\/index\/edit\/id\/(\d+)\/$/.exec(p);
    if (req.method === 'GET' && m) return html(customerViewPage(dir, Number(m[1]), a(), this.callsTab(Number(m[1]), locale, url.searchParams.get('tab') === 'calls')));
    m = /^\/admin\/sales\/order_create\/start\/customer_id\/(\d+)\/$/.exec(p);
    if (req.method === 'GET' && m) return html(createOrderPage(dir, Number(m[1]), a()));
    if (req.method === 'POST' && p === `/admin/bandeau/lookup/index/key/${this.urlKey}/`) {
      // As the module's Lookup/Index controller: POST with the form key, the number in the body only
      // (a GET is not routed, a phone in the query string not read).
      const form = new URLSearchParams(await readBody(req, 4096));
      if (form.get('form_key') !== this.formKey) return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      const phone = form.get('phone') ?? '';
      if (!phone.trim() || phone.length > 64) return send(res, 400, 'application/json', JSON.stringify({ error: { code: 'invalid_phone', message: 'A phone number of at most 64 characters is required.' } }));
      const tr = this.translator(this.localeFor(req, url));
      return send(res, 200, 'application/json', JSON.stringify(demoLookup(dir, phone, 'FR', tr, (id) => this.wrapUps.lastCalls(id, tr))), { 'cache-control': 'no-store' });
    }
    if (req.method === 'POST' && p === `/admin/bandeau/directory/search/key/${this.urlKey}/`) {
      // As the module's Directory/Search controller: POST with the form key, q of 1 to 128 characters.
      const form = new URLSearchParams(await readBody(req, 8_192));
      if (form.get('form_key') !== this.formKey) return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      const q = form.get('q') ?? '';
      if (!q.trim() || q.length > 128) return send(res, 400, 'application/json', JSON.stringify({ error: { code: 'invalid_query', message: 'Type between 1 and 128 characters to search.' } }));
      return send(res, 200, 'application/json', JSON.stringify(demoDirectorySearch(dir, q)), { 'cache-control': 'no-store' });
    }
    if (req.method === 'POST' && p === `/admin/bandeau/call/note/key/${this.urlKey}/`) {
      // As the module's Call/Note controller: the whole wrap-up (demoWrapUp.ts), on the call log.
      const form = new URLSearchParams(await readBody(req, 70_000));
      if (form.get('form_key') !== this.formKey) return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      const agent = this.agentFor(req);
      const r = this.wrapUps.save(form, agent.userId, agent.extension, agent.permissions.includes('all_calls'), this.translator(this.localeFor(req, url)));
      if (r.status === 200) this.notes.set(form.get('call_id') ?? '', (r.body as { note: string | null }).note ?? '');
      return send(res, r.status, 'application/json', JSON.stringify(r.body));
    }
    m = new RegExp(`^/admin/bandeau/campaign/(next|outcome|skip|snooze|today)/key/${this.urlKey}/$`).exec(p);
    if (req.method === 'POST' && m) {
      const form = new URLSearchParams(await readBody(req, 70_000));
      if (form.get('form_key') !== this.formKey) return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      const agent = this.agentFor(req);
      // As the module's campaign controllers (demoCampaign.ts).
      if (m[1] === 'next') return send(res, 200, 'application/json', JSON.stringify(this.campaign.next(agent.userId, form.get('dayStart'))));
      if (m[1] === 'today') return send(res, 200, 'application/json', JSON.stringify({ today: this.campaign.today(agent.userId, form.get('dayStart')) }));
      const r = m[1] === 'outcome' ? this.campaign.outcome(agent.userId, form) : this.campaign.defer(m[1] as 'skip' | 'snooze', agent.userId, form);
      return send(res, r.status, 'application/json', JSON.stringify(r.body));
    }
    if (req.method === 'POST' && p === `/admin/bandeau/analytics/myday/key/${this.urlKey}/`) {
      // As the module's Analytics/MyDay controller: the logged-in agent's day, nobody else's (demoMyDay.ts).
      const form = new URLSearchParams(await readBody(req, 4096));
      if (form.get('form_key') !== this.formKey) return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      const agent = this.agentFor(req);
      const day = demoMyDay(this.o.callLog?.all() ?? [], agent, DEMO_AGENTS, dir, (from, to) => this.campaign.agentResults(agent.userId, from, to), Date.now());
      return send(res, 200, 'application/json', JSON.stringify(day), { 'cache-control': 'no-store' });
    }
    if (req.method === 'GET' && p === '/demo/campaign/outcomes') return send(res, 200, 'application/json', JSON.stringify(this.campaign.outcomes));
    if (req.method === 'GET' && p === '/demo/wrap-ups') return send(res, 200, 'application/json', JSON.stringify(this.wrapUps.all()));
    if (req.method === 'GET' && p === '/demo/notes') return send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(this.notes)));
    // The call records the bridge delivered (as Magento's bandeau_call holds them), for tests and the curious.
    if (req.method === 'GET' && p === '/demo/call-log' && this.o.callLog) return send(res, 200, 'application/json', JSON.stringify(this.o.callLog.all()), { 'cache-control': 'no-store' });
    if (this.o.bridgeControl && p.startsWith('/demo/bridge') && (await handleBridgeControl(this.o.bridgeControl, req, res, p, async () => new URLSearchParams(await readBody(req, 4096))))) return;
    if (this.o.peer && p.startsWith('/demo/pbx/') && (await handleDemoPbx(this.o.peer, req, res, p, async () => new URLSearchParams(await readBody(req, 4096)), this.o.routing))) return;
    if (this.softphone) {
      const sp = { settings: this.softphone, urlKey: this.urlKey, formKey: this.formKey, agent: () => this.agentFor(req), form: async () => new URLSearchParams(await readBody(req, 4096)) };
      if (await handleDemoSoftphone(req, p, { ...sp, assets: (extra) => this.assets(url, extra, locale), send: (status, type, body, headers) => send(res, status, type, body, headers) })) return;
    }
    const callLog = this.o.callLog;
    if (callLog && p.startsWith('/rest/') && (await callLog.handle(req, p, url, () => readBody(req, 1_000_000), (status, body) => send(res, status, 'application/json', JSON.stringify(body))))) return;
    if (req.method === 'GET' && p === '/static/demo/pbx.js') return send(res, 200, 'application/javascript', DEMO_PBX_PANEL_JS);

    if (req.method === 'GET' && p === '/admin/bandeau/worker/script/') {
      // Stable URL on every page; it pulls in the versioned bundle (which could sit on a CDN).
      const bundle = `${this.origin}/static/version${this.version}/adminhtml/Magento/backend/en_US/Bandeau_Cti/js/bandeau-worker.js`;
      return send(res, 200, 'application/javascript', `importScripts(${JSON.stringify(bundle)});\n`, { 'cache-control': 'no-cache' });
    }
    if (req.method === 'POST' && p === `/admin/bandeau/token/index/key/${this.urlKey}/`) {
      const body = new URLSearchParams(await readBody(req, 4096));
      if (body.get('form_key') !== this.formKey) {
        return send(res, 403, 'application/json', JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
      }
      const agent = this.agentFor(req);
      // With the dial rules of the module's default configuration (Stores > Configuration > Bandeau > Dialling).
      const dial = { extensionPattern: '^[0-9]{2,6}$', featureCodePattern: '^\\*[0-9]{2,6}$' };
      const t = await mintAgentToken({ secret: this.secret, userId: agent.userId, name: agent.name, extension: agent.extension, permissions: agent.permissions, ttlS: this.o.tokenTtlS, dial });
      this.tokensMinted++;
      return send(res, 200, 'application/json', JSON.stringify({ ...t, bridgeUrl: this.o.bridgeUrl() }), { 'cache-control': 'no-store' });
    }
    if (req.method === 'GET' && p === '/static/lib/requirejs-config.js') return send(res, 200, 'application/javascript', requireConfigJs(this.staticBase()));
    if (req.method === 'GET' && p === '/static/lib/require.js') return sendFile(res, REQUIRE_JS, 'application/javascript');
    // Knockout and the Magento stand-in modules, under the static base as RequireJS ids (magentoStandIn.ts).
    const id = p.startsWith(`${this.staticBase()}/`) && p.endsWith('.js') ? p.slice(this.staticBase().length + 1, -3) : null;
    if (req.method === 'GET' && id === 'knockoutjs/knockout') return sendFile(res, KNOCKOUT_JS, 'application/javascript');
    const standIn = id !== null && Object.hasOwn(MAGENTO_REQUIRE_MODULES, id) ? MAGENTO_REQUIRE_MODULES[id] : undefined;
    if (req.method === 'GET' && standIn !== undefined) return send(res, 200, 'application/javascript', standIn);
    m = /^\/static\/version[0-9a-f]+\/adminhtml\/Magento\/backend\/en_US\/Bandeau_Cti\/js\/(bandeau-(?:page(?:-[a-z]+)?|worker|first-paint)\.js(?:\.map)?)$/.exec(p);
    if (req.method === 'GET' && m) return sendFile(res, path.join(BUNDLE_DIR, m[1] as string), m[1]!.endsWith('.map') ? 'application/json' : 'application/javascript', 'public, max-age=31536000, immutable');
    if (p === '/favicon.ico') return send(res, 204, 'text/plain', '');
    send(res, 404, 'text/plain', 'not found in the Bandeau demo\n');
  }
}

/** The cache headers of a Magento admin page. */
const ADMIN_NO_CACHE = { 'cache-control': 'max-age=0, must-revalidate, no-cache, no-store', pragma: 'no-cache' };

/** Like Magento's static deploy version: changes when the bundle changes. */
function bundleVersion(): string {
  const h = createHash('sha1');
  // The page bundle's lazy chunks (bandeau-page-*.js) are part of it.
  let chunks: string[] = [];
  try {
    chunks = readdirSync(BUNDLE_DIR).filter((f) => /^bandeau-page-[a-z]+\.js$/.test(f)).sort();
  } catch {
    // not built: said below
  }
  for (const f of ['bandeau-page.js', 'bandeau-worker.js', 'bandeau-first-paint.js', ...chunks]) {
    try {
      const s = statSync(path.join(BUNDLE_DIR, f));
      h.update(`${f}:${s.size}:${s.mtimeMs}`);
    } catch {
      throw new Error(`the browser bundle is not built (${path.join(BUNDLE_DIR, f)} is missing): run \`npm run build\` first`);
    }
  }
  return h.digest('hex').slice(0, 10);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

function sendFile(res: http.ServerResponse, file: string, type: string, cache = 'no-cache'): void {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return send(res, 404, 'text/plain', 'not built\n');
  }
  send(res, 200, type, body, { 'cache-control': cache });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
