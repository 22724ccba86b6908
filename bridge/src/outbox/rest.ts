import { redactDigits } from '../logger';
import type { ContractCall } from './record';
import { SharedTimeout } from './sharedTimeout';
import { errorText, permanent, transient, type DeliveryMeta, type DeliveryOutcome, type Transport } from './transport';

export const CALLS_PATH = '/V1/bandeau/calls';

export interface RestTransportOptions {
  /** Magento REST base (…/rest or …/rest/<store>). */
  url: string;
  token: string;
  timeoutMs?: number;
}

/** Magento's REST error body: `message` with %placeholders filled from `parameters`. */
function errorMessage(body: string): string {
  try {
    const e = JSON.parse(body) as { message?: unknown; parameters?: unknown };
    if (typeof e.message === 'string') {
      let msg = e.message;
      if (e.parameters && typeof e.parameters === 'object') {
        const params = e.parameters as Record<string, unknown>;
        msg = msg.replace(/%(\w+)/g, (m, k: string) => (k in params ? String(params[k]) : m));
      }
      return msg;
    }
  } catch {
    /* not JSON */
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/**
 * POST /V1/bandeau/calls with the integration token. Idempotent on call_id (the module upserts),
 * so a record sent again after a lost answer is harmless.
 *
 * 2xx: delivered. 408/425/429/502/503/504, network errors and timeouts: the link is down, retry.
 * Other 5xx: retry this record with backoff. Other 4xx: permanent (the reason is kept).
 */
export class RestTransport implements Transport {
  readonly name = 'rest' as const;
  readonly endpoint: string;
  private readonly timeout: SharedTimeout;
  private readonly headers: Record<string, string>;

  constructor(private readonly opts: RestTransportOptions) {
    this.endpoint = `${opts.url.replace(/\/+$/, '')}${CALLS_PATH}`;
    this.timeout = new SharedTimeout(opts.timeoutMs ?? 15_000);
    this.headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${opts.token}` };
  }

  async deliver(call: ContractCall, meta?: DeliveryMeta): Promise<DeliveryOutcome> {
    let res: Response;
    let body: string;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: this.headers,
        // The same text as JSON.stringify({ call }), from the JSON the outbox stored.
        body: meta?.json === undefined ? JSON.stringify({ call }) : `{"call":${meta.json}}`,
        // Magento's REST API does not redirect; a redirect (a misconfigured URL) is an error, retried
        // like a link down. 'error' also spares fetch a copy of each request (and of its body).
        redirect: 'error',
        signal: this.timeout.current(),
      });
      body = await res.text();
    } catch (err) {
      return transient(`POST ${this.endpoint}: ${errorText(err)}`, true);
    }
    if (res.ok) return { ok: true };
    // Magento's message may quote the refused value (a number): kept out of logs and the outbox.
    const reason = `HTTP ${res.status} from ${this.endpoint}: ${redactDigits(errorMessage(body))}`;
    if ([408, 425, 429, 502, 503, 504].includes(res.status)) return transient(reason, true, retryAfterMs(res.headers.get('retry-after')));
    if (res.status >= 500) return transient(reason, false);
    return permanent(reason);
  }

  async close(): Promise<void> {
    /* fetch keeps no state of ours */
  }
}
