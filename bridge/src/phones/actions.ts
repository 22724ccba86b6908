import type { PhoneAnswer, PhoneRequestContext } from './context';

/**
 * GET /phone/{vendor}/action/{open|outcome|callback} — the soft keys of the caller page.
 * Stub (helper F replaces it): 501 until the actions exist.
 */
export async function handlePhoneAction(ctx: PhoneRequestContext, action: string): Promise<PhoneAnswer> {
  return { status: 501, body: `phone action ${action} not available yet for ${ctx.vendor}\n`, contentType: 'text/plain; charset=utf-8' };
}
