import { z } from 'zod';
import type { MagentoRest } from './context';
import { magentoJson } from './magentoRest';
import { ENGLISH, fillPlaceholders, type PhoneTranslate } from './phoneStrings';

/**
 * Quick outcomes from a desk phone, saved through Magento's REST as the bar's wrap-up saves them
 * (CallWrapUpInterface: the configured outcomes only, the agent a party to the call). The routes
 * are the ones asked of the module in /tmp/contract-17-requests.md:
 * `GET /V1/bandeau/wrapup/outcomes` and `POST /V1/bandeau/calls/:callId/outcome`.
 */

/** The module's default outcomes (etc/config.xml wrap_up/outcomes), offered while Magento does not list its own. */
export const DEFAULT_OUTCOMES = ['Order placed', 'Question answered', 'Complaint', 'To call back', 'Wrong number'];

const OUTCOMES_TTL_MS = 5 * 60_000;
const TIMEOUT_MS = 3_000;

export type OutcomeResult = { ok: true } | { ok: false; message: string };

export class QuickOutcomes {
  private cached: { at: number; list: string[] } | null = null;

  constructor(
    private readonly magento: MagentoRest | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The configured outcome values, in order (Magento's, cached a few minutes; the defaults when it does not say). */
  async list(): Promise<string[]> {
    if (this.cached && this.now() - this.cached.at < OUTCOMES_TTL_MS) return this.cached.list;
    const answer = await this.request('GET', '/V1/bandeau/wrapup/outcomes');
    const parsed = z.array(z.string().min(1).max(64)).max(50).safeParse(answer.ok ? answer.body : null);
    const list = parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_OUTCOMES;
    this.cached = { at: this.now(), list };
    return list;
  }

  /** Saves the outcome on the call for the agent; Magento's refusal comes back in its words, ours in the phone's (`t`). */
  async save(callId: string, outcome: string, agentUserId: number, t: PhoneTranslate = ENGLISH): Promise<OutcomeResult> {
    if (!this.magento) return { ok: false, message: t('The bridge has no Magento link to save outcomes.') };
    const r = await this.request('POST', `/V1/bandeau/calls/${encodeURIComponent(callId)}/outcome`, { outcome, agentUserId });
    if (r.ok) return { ok: true };
    const message = z.object({ message: z.string().max(500) }).safeParse(r.body);
    return { ok: false, message: message.success ? magentoMessage(message.data.message, r.body) : t('Magento did not save the outcome.') };
  }

  private request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: boolean; body: unknown }> {
    return magentoJson(this.magento, method, path, body, TIMEOUT_MS);
  }
}

/** Magento REST errors carry `%1`-style placeholders with `parameters` (a list or a map). */
function magentoMessage(message: string, body: unknown): string {
  const params = (body as { parameters?: unknown } | null)?.parameters;
  if (!params || typeof params !== 'object') return message;
  const values = Array.isArray(params) ? params : Object.values(params);
  const keyed = Array.isArray(params) ? {} : (params as Record<string, unknown>);
  return fillPlaceholders(message, values).replace(/%([A-Za-z_]+)/g, (m, k: string) => (keyed[k] !== undefined ? String(keyed[k]) : m));
}
