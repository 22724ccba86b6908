/**
 * POSTs to a Magento admin controller the way the admin does (session cookie, form_key,
 * XHR header) and returns its JSON; a refusal becomes an Error carrying Magento's message.
 */
export async function adminPost(url: string, formKey: string | undefined, params: Record<string, string>): Promise<unknown> {
  const body = new URLSearchParams({ ...params, isAjax: 'true' });
  if (formKey) body.set('form_key', formKey);
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'x-requested-with': 'XMLHttpRequest', accept: 'application/json' }, body });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: judged by the status below
  }
  if (res.ok && json !== null) return json;
  const e = json as { error?: { message?: unknown; code?: unknown } } | null;
  const message = typeof e?.error?.message === 'string' ? e.error.message : `HTTP ${res.status}`;
  throw Object.assign(new Error(message), { code: typeof e?.error?.code === 'string' ? e.error.code : `http_${res.status}` });
}
