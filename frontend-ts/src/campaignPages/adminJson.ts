/**
 * A JSON request to a Magento admin controller as the admin's own scripts make it: session
 * cookie, XHR header and `isAjax=true` in the query string, where Magento looks for it before
 * answering an expired session or a stale form key with JSON rather than a redirect.
 */
import { readAdminReply, type AdminReply } from './adminReply';

export async function adminJson(url: string, body?: URLSearchParams): Promise<AdminReply> {
  let res: Response;
  const headers = { 'x-requested-with': 'XMLHttpRequest', accept: 'application/json' };
  const target = `${url}${url.includes('?') ? '&' : '?'}isAjax=true`;
  try {
    res = body
      ? await fetch(target, { method: 'POST', credentials: 'same-origin', headers, body })
      : await fetch(target, { credentials: 'same-origin', headers });
  } catch {
    return { kind: 'error', status: 0, message: null };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: judged by the status
  }
  return readAdminReply(res.status, json);
}
