import type { PageConfig, WorkerToPage } from '../../../bridge/src/protocol/messages';
import { LOCALE_PATTERN, PAGE_CONFIG_DEFAULTS } from '../../../bridge/src/protocol/pageSide';

/**
 * What the page reads from its worker and from its own markup, checked by shape only: no schema
 * library in the page bundle (≤ 30 kB gzip). That is enough because
 * - the worker already checked everything from the bridge against messages.ts, and it is code of
 *   this very build: the SharedWorker is named after the build (buildId.ts), so a page after a
 *   deploy never talks to a worker of another build, and a worker of another build answers only
 *   `build_mismatch`;
 * - the page config is Magento's own markup (ViewModel/PhoneBar.php), and the worker checks the
 *   part it acts on (the hello's SessionConfig) against the schema.
 * Magento's answers to the bar's requests (directory, wrap-up, campaign) are still checked against
 * messages.ts, loaded on first use (protocolChecks.ts).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A message from the worker, or null (with the reason logged by the caller) when it has not the shape of one. */
export function workerMessage(data: unknown): WorkerToPage | null {
  if (!isObject(data)) return null;
  if (data.type === 'state') {
    const s = data.state;
    const ok = isObject(s) && typeof s.connection === 'string' && Array.isArray(s.calls) && Array.isArray(s.recent) && isObject(s.lookups) && (s.agent === null || isObject(s.agent));
    return ok ? (data as WorkerToPage) : null;
  }
  if (data.type === 'notice') return typeof data.code === 'string' && typeof data.message === 'string' ? (data as WorkerToPage) : null;
  if (data.type === 'open') return isText(data.url) ? (data as WorkerToPage) : null;
  if (data.type === 'sdp.request') return isText(data.requestId) && isText(data.callId) && typeof data.op === 'string' ? (data as WorkerToPage) : null;
  return null;
}

export type ConfigResult = { ok: true; value: PageConfig } | { ok: false; reason: string };

/** The page config Magento rendered in `data-bandeau-config`, with the defaults the schema gives. */
export function readPageConfig(raw: unknown): ConfigResult {
  if (!isObject(raw)) return { ok: false, reason: 'not an object' };
  for (const key of ['bridgeUrl', 'tokenUrl', 'workerUrl'] as const) if (!isText(raw[key])) return { ok: false, reason: `${key}: missing` };
  // Intl throws on a malformed locale: an odd one is dropped (the page's language is used).
  const { locale, ...rest } = raw;
  const config = { ...PAGE_CONFIG_DEFAULTS, ...rest, ...(typeof locale === 'string' && LOCALE_PATTERN.test(locale) ? { locale } : {}) } as PageConfig;
  if (rest.i18n !== undefined && !isObject(rest.i18n)) return { ok: false, reason: 'i18n: not an object' };
  return { ok: true, value: config };
}
