import { SoftphoneCredentials, parseMessage } from '../../../../bridge/src/protocol/messages';

/**
 * The logged-in admin user's SIP credentials from the module's controller: a POST with the
 * form key over the admin session (cookies), never page markup. Throws with a reason for the bar.
 */
export async function fetchSoftphoneCredentials(url: string, formKey: string | undefined): Promise<SoftphoneCredentials> {
  const form = new URLSearchParams({ isAjax: 'true' });
  if (formKey) form.set('form_key', formKey);
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: form,
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === 'string' ? message : `the softphone credentials endpoint answered HTTP ${res.status}`);
  }
  const parsed = parseMessage(SoftphoneCredentials, body);
  if (!parsed.ok) throw new Error(`invalid softphone credentials: ${parsed.reason}`);
  return parsed.value;
}
