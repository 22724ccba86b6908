import type { MagentoRest } from './context';

/** Magento's answer: `status` null when there was none (not configured, unreachable, slow), `error` then says why. */
export interface MagentoAnswer {
  ok: boolean;
  status: number | null;
  body: unknown;
  error?: string;
}

/**
 * One JSON request to Magento's REST (caller lookup, quick outcomes): never throws; `ok` false
 * when Magento is not configured, unreachable, slow or refuses, `body` null when the answer is
 * not JSON.
 */
export async function magentoJson(
  magento: MagentoRest | null,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<MagentoAnswer> {
  if (!magento) return { ok: false, status: null, body: null, error: 'Magento REST is not configured' };
  try {
    const res = await fetch(`${magento.url.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${magento.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) };
  } catch (err) {
    return { ok: false, status: null, body: null, error: (err as Error).message };
  }
}
