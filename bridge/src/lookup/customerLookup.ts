import type { Logger } from '../logger';
import type { MagentoRest } from '../phones/context';
import { magentoJson, type MagentoAnswer } from '../phones/magentoRest';
import { farNumber, type Call } from '../protocol/messages';

const LOOKUP_PATH = '/V1/bandeau/lookup';

/**
 * The module's REST caller lookup (`POST /V1/bandeau/lookup`) for one number, as the call
 * records and the desk phones' caller page ask it. The number goes in the body, never in the
 * URL: access logs (Magento's web server, proxies) keep URLs beyond any retention the module applies.
 */
export function requestLookup(magento: MagentoRest | null, phone: string, timeoutMs: number): Promise<MagentoAnswer> {
  return magentoJson(magento, 'POST', LOOKUP_PATH, { phone }, timeoutMs);
}

/** How many calls' lookups are remembered (a call ends long before this many start). */
const MAX_ENTRIES = 5_000;

export interface RestLookupOptions {
  /** Magento's REST base, e.g. https://shop.example/rest/default (as callLog.rest.url). */
  url: string;
  token: string;
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Finds the Magento customer behind each call's outside number while the call rings, through
 * the module's REST lookup (`POST /V1/bandeau/lookup`), so the call record can carry the
 * customer when the call ends. Never blocks anything: a slow or absent Magento only means a
 * record without a customer.
 */
export class CallCustomers {
  private readonly byCall = new Map<string, number | null>();
  private readonly started = new Set<string>();

  /**
   * @param onResolved called when a lookup answers, so a record already written without its
   *   customer (a call shorter than the lookup) can be completed.
   */
  constructor(
    private readonly lookup: (phone: string) => Promise<number | null>,
    private readonly onResolved: (callId: string, customerId: number | null) => void = () => undefined,
  ) {}

  /** Starts the lookup the first time a call with an outside number is seen. */
  observe(call: Call): void {
    const phone = farNumber(call);
    if (this.started.has(call.id) || phone === null) return;
    this.started.add(call.id);
    if (this.started.size > MAX_ENTRIES) this.forgetOldest();
    const settle = (id: number | null) => {
      if (!this.started.has(call.id)) return;
      this.byCall.set(call.id, id);
      this.onResolved(call.id, id);
    };
    this.lookup(phone).then(settle, () => settle(null));
  }

  /** A lookup was started for this call and has not answered yet. */
  isPending(callId: string): boolean {
    return this.started.has(callId) && !this.byCall.has(callId);
  }

  /** The customer of a call: a Magento customer id, null when nobody matched, undefined when unknown. */
  customerOf(callId: string): number | null | undefined {
    return this.byCall.get(callId);
  }

  private forgetOldest(): void {
    const oldest = this.started.values().next().value as string;
    this.started.delete(oldest);
    this.byCall.delete(oldest);
  }
}

/** The first (most recent) match's customer id, or null. Failures are logged without the number. */
export function restCustomerLookup(o: RestLookupOptions): (phone: string) => Promise<number | null> {
  const magento = { url: o.url, token: o.token };
  return async (phone) => {
    const answer = await requestLookup(magento, phone, o.timeoutMs ?? 5_000);
    if (!answer.ok) {
      o.logger.debug({ status: answer.status, err: answer.error }, 'caller lookup failed');
      return null;
    }
    const body = answer.body as { matches?: Array<{ customer_id?: unknown }> } | null;
    const id = body?.matches?.[0]?.customer_id;
    return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
  };
}
