import type { PhoneAnswer, PhoneRequestContext } from './context';

/**
 * GET /phone/{vendor}/caller.xml?number=E164 | ?ext=EXT — the caller details page.
 * Stub (helper F replaces it): 501 until the page exists.
 */
export async function renderCallerPage(ctx: PhoneRequestContext): Promise<PhoneAnswer> {
  return { status: 501, body: `caller page not available yet for ${ctx.vendor}\n`, contentType: 'text/plain; charset=utf-8' };
}
