import type { MagentoRest } from './context';

/**
 * One JSON request to Magento's REST for a phone page (caller lookup, quick outcomes): never
 * throws; `ok` false when Magento is not configured, unreachable, slow or refuses, `body` null
 * when the answer is not JSON.
 */
export async function magentoJson(
  magento: MagentoRest | null,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ ok: boolean; body: unknown }> {
  if (!magento) return { ok: false, body: null };
  try {
    const res = await fetch(`${magento.url.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${magento.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: res.ok, body: await res.json().catch(() => null) };
  } catch {
    return { ok: false, body: null };
  }
}
