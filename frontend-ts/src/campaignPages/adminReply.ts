/**
 * What a Magento admin controller's answer means: its data, an expired session (Magento answers
 * `{"ajaxExpired":1,"ajaxRedirect":…}` to requests marked isAjax), or an error: the module's
 * controllers send `{"error":{"code","message"}}`, Magento's own refusals (form key, secret key)
 * `{"error":true,"message":…}` with status 200.
 */
export type AdminReply =
  | { kind: 'ok'; data: Record<string, unknown> }
  | { kind: 'expired'; redirect: string }
  | { kind: 'error'; status: number; message: string | null };

export function readAdminReply(status: number, json: unknown): AdminReply {
  const body = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null;
  if (body && body.ajaxExpired && typeof body.ajaxRedirect === 'string') {
    return { kind: 'expired', redirect: body.ajaxRedirect };
  }
  if (status >= 200 && status < 300 && body && !body.error) return { kind: 'ok', data: body };
  if (body?.error === true) {
    return { kind: 'error', status, message: typeof body.message === 'string' ? body.message : null };
  }
  const error = body?.error as { message?: unknown } | undefined;
  return { kind: 'error', status, message: typeof error?.message === 'string' ? error.message : null };
}
