import type { Logger } from '../logger';
import { SampledLog } from '../limits/sampledLog';
import { readLimited } from '../http/readLimited';
import { RoutingFacts, RoutingRules, describeIssues } from './facts';

export const FACTS_PATH = '/V1/bandeau/routing/facts';
export const RULES_PATH = '/V1/bandeau/routing/rules';
/** Larger answers are not read (20 orders and a customer fit in a few kB). */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * Why a routing request to Magento gave nothing usable. `down` (no answer in time, connection
 * refused, 5xx) becomes the reason `timeout` of the decision; `refused` (4xx: token, ACL) and
 * `invalid` (a body that fails validation) become `error`.
 */
export type FetchFailure = 'down' | 'refused' | 'invalid';

export class RoutingFetchError extends Error {
  constructor(
    readonly kind: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingFetchError';
  }
}

export interface MagentoRoutingOptions {
  /** Magento's REST base, e.g. https://shop.example/rest. */
  url: string;
  token: string;
  /** Each request is abandoned after this (default 5 s). */
  timeoutMs?: number;
  logger: Logger;
}

/**
 * The module's routing REST routes. The number goes in the POST body, never in a URL (access logs
 * keep URLs), and never in a log line of this client: failures are logged with their kind only.
 */
export class MagentoRoutingClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  /** Magento down under load would otherwise write a line per call. */
  private readonly sampled = new SampledLog(5, 10_000);

  constructor(private readonly o: MagentoRoutingOptions) {
    this.base = o.url.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 5_000;
  }

  /** What the shop knows about an E.164 number (an unknown number is an answer too: known false). */
  async facts(phone: string): Promise<RoutingFacts> {
    const json = await this.request('facts', FACTS_PATH, { method: 'POST', body: JSON.stringify({ phone }) });
    const r = RoutingFacts.safeParse(json);
    if (!r.success) throw this.failure('facts', 'invalid', `the facts answer is invalid: ${describeIssues(r.error)}`);
    // Another number's facts under this one would route (and name) the wrong person.
    if (r.data.phone !== phone) throw this.failure('facts', 'invalid', 'the facts answer is for another number');
    return r.data;
  }

  async rules(): Promise<RoutingRules> {
    const json = await this.request('rules', RULES_PATH, { method: 'GET' });
    const r = RoutingRules.safeParse(json);
    if (!r.success) throw this.failure('rules', 'invalid', `the rules answer is invalid: ${describeIssues(r.error)}`);
    return r.data;
  }

  private async request(what: 'facts' | 'rules', path: string, init: { method: string; body?: string }): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${this.o.token}`,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      const cause = (e.cause as { code?: string } | undefined)?.code;
      throw this.failure(what, 'down', e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `unreachable (${cause ?? e.name})`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw this.failure(what, res.status >= 500 ? 'down' : 'refused', `HTTP ${res.status}`);
    }
    let text: string;
    try {
      text = await readLimited(res, MAX_ANSWER_BYTES);
    } catch (err) {
      const e = err as Error;
      throw this.failure(what, e.name === 'TimeoutError' ? 'down' : 'invalid', e.name === 'TimeoutError' ? `no full answer within ${this.timeoutMs} ms` : e.message);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.failure(what, 'invalid', 'the answer is not JSON');
    }
  }

  private failure(what: 'facts' | 'rules', kind: FetchFailure, reason: string): RoutingFetchError {
    const s = this.sampled.sample(`${what}:${kind}`);
    if (s.log) this.o.logger.warn({ request: what, kind, reason, suppressed: s.suppressed }, `routing ${what} request failed`);
    return new RoutingFetchError(kind, `routing ${what}: ${reason}`);
  }
}
