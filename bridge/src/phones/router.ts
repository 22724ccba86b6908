import type http from 'node:http';
import type { Logger } from '../logger';
import type { BridgeServer, HttpRoute } from '../server';
import type { Call } from '../protocol/messages';
import { SampledLog } from '../limits/sampledLog';
import { isPhoneVendor, type PhonesConfig, type PhoneVendor } from './config';
import { PhoneAccess } from './access';
import { encodeXml } from './sanitise';
import { phoneLocale, phoneTranslator } from './phoneStrings';
import { renderDirectory, renderLookup } from './directory';
import { renderCallerPage } from './callerPage';
import { handlePhoneAction } from './actions';
import type { MagentoRest, PhoneAnswer, PhoneRequestContext } from './context';
import type { PhoneBook } from './phoneBook';

export interface PhoneRouterOptions {
  config: PhonesConfig;
  secret: () => string;
  book: () => PhoneBook;
  liveCalls: (extension: string) => Call[];
  bridge: () => BridgeServer;
  magento: MagentoRest | null;
  defaultRegion: string;
  dial: (e164: string) => string;
  /** Browser origins the bridge serves (allowedOrigins): a request carrying another Origin is a web page's, refused. */
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Demo only: no credentials (networks still apply). */
  open?: boolean;
}

const PATH = /^\/phone\/([a-z]{1,16})\/(directory\.xml|caller\.xml|lookup|action\/([a-z]{1,16}))$/;
/** A phone's URL is short; anything longer is not a phone. */
const MAX_URL = 2048;

const REFUSALS: Record<string, string> = {
  network_not_allowed: 'this address is not on a phone network (phones.networks)',
  credentials_missing: 'phone credentials are required',
  credentials_invalid: 'phone credentials are not valid',
  extension_mismatch: 'the extension is not the authenticated one',
  origin_not_allowed: 'web pages may not use the phone paths',
};

/**
 * /phone/{vendor}/… on the bridge's main port: the routes desk phones fetch. Runs before the
 * agents' Origin/Host policy (phones reach the bridge by its LAN address, not publicUrl) and
 * does its own checks: networks, then the device's token or basic auth (access.ts).
 */
export function phoneRoute(o: PhoneRouterOptions): HttpRoute {
  const access = new PhoneAccess({ config: o.config, secret: o.secret, ...(o.open ? { open: true } : {}) });
  const origins = new Set(o.allowedOrigins);
  const sampled = new SampledLog(5, 60_000);
  const log = o.logger;
  return async (req, res) => {
    const raw = req.url ?? '/';
    if (!raw.startsWith('/phone/')) return false;
    const url = new URL(raw.slice(0, MAX_URL), 'http://phone.invalid');
    const m = PATH.exec(url.pathname);
    if (!m || !isPhoneVendor(m[1]!) || raw.length > MAX_URL) {
      write(res, { status: 404, body: 'not found\n', contentType: 'text/plain; charset=utf-8' }, 'yealink');
      return true;
    }
    const vendor: PhoneVendor = m[1];
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      write(res, { status: 405, body: 'method not allowed\n', contentType: 'text/plain; charset=utf-8', headers: { allow: 'GET, HEAD, POST' } }, vendor);
      return true;
    }
    const refuse = (status: number, code: string, headers: Record<string, string> = {}) => {
      const s = sampled.sample(`${code}:${req.socket.remoteAddress ?? ''}`);
      if (s.log) log.warn({ code, address: req.socket.remoteAddress, path: url.pathname, suppressed: s.suppressed }, 'phone request refused');
      write(res, { status, body: `${REFUSALS[code] ?? code}\n`, contentType: 'text/plain; charset=utf-8', headers }, vendor);
      return true;
    };
    // Phones send no Origin; a browser page on another site does (its GET could otherwise fire a soft key).
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return refuse(403, 'origin_not_allowed');
    const allowed = access.check(req, url.searchParams);
    if (!allowed.ok) return refuse(allowed.status, allowed.code, allowed.status === 401 ? { 'www-authenticate': 'Basic realm="Bandeau desk phones", charset="UTF-8"' } : {});
    const locale = phoneLocale(url.searchParams.get('lang'), o.config.language);
    const ctx: PhoneRequestContext = {
      vendor,
      query: url.searchParams,
      locale,
      t: phoneTranslator(locale),
      extension: allowed.extension,
      book: o.book,
      liveCalls: o.liveCalls,
      bridge: o.bridge(),
      magento: o.magento,
      defaultRegion: o.defaultRegion,
      dial: o.dial,
      config: o.config,
      url: (path, params = {}) => selfUrl(req, vendor, path, params, o.config.auth === 'token' && !o.open ? url.searchParams : null, allowed.extension, url.searchParams.has('lang') ? locale : null),
      logger: log.child({ part: 'phones', vendor }),
    };
    const what = m[2]!;
    let answer: PhoneAnswer;
    try {
      if (what === 'directory.xml') answer = renderDirectory(ctx);
      else if (what === 'lookup') answer = renderLookup(ctx);
      else if (what === 'caller.xml') answer = await renderCallerPage(ctx);
      else answer = await handlePhoneAction(ctx, m[3]!);
    } catch (err) {
      // Never the query in the log: it may hold a customer's number.
      log.error({ err: (err as Error).message, vendor, path: url.pathname }, 'phone request failed');
      answer = { status: 500, body: 'internal error\n', contentType: 'text/plain; charset=utf-8' };
    }
    write(res, answer, vendor, req.method === 'HEAD');
    return true;
  };
}

/** `http://{Host}/phone/{vendor}/{path}?…` with the phone's `ext` (and `t` in token mode) first, then the `lang` it asked for. */
function selfUrl(req: http.IncomingMessage, vendor: PhoneVendor, path: string, params: Record<string, string>, creds: URLSearchParams | null, extension: string | null, lang: string | null): string {
  const q = new URLSearchParams();
  if (extension !== null) q.set('ext', extension);
  const t = creds?.get('t');
  if (t) q.set('t', t);
  if (lang !== null) q.set('lang', lang);
  for (const [k, v] of Object.entries(params)) if (k !== 'ext' && k !== 't' && k !== 'lang') q.set(k, v);
  // The Host the phone used (a LAN address) is the one it can reach again.
  const host = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.headers.host ?? '') ? req.headers.host! : `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
  const s = q.toString();
  return `http://${host}/phone/${vendor}/${path.replace(/^\/+/, '')}${s ? `?${s}` : ''}`;
}

function write(res: http.ServerResponse, a: PhoneAnswer, vendor: PhoneVendor, headOnly = false): void {
  const { body, contentType } = a.contentType ? { body: Buffer.from(a.body, 'utf8'), contentType: a.contentType } : encodeXml(vendor, a.body);
  res.writeHead(a.status, {
    'content-type': contentType,
    'content-length': String(body.length),
    // Answers name customers: never kept by a cache between the phone and the bridge.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...a.headers,
  });
  res.end(headOnly ? undefined : body);
}
