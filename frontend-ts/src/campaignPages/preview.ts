import type { AdminReply } from './adminReply';
import { phrase } from './phrase';

export interface PreviewTexts {
  /** "%1 customers to call (%2 abandoned carts in the window)." */
  result: string;
  error: string;
}

/** The text "Preview Count" shows for the Preview controller's reply {"customers","carts"}. */
export function previewText(reply: AdminReply, texts: PreviewTexts): string {
  if (reply.kind === 'ok') {
    const customers = Number(reply.data.customers);
    const carts = Number(reply.data.carts);
    if (Number.isInteger(customers) && Number.isInteger(carts)) return phrase(texts.result, customers, carts);
    return texts.error;
  }
  return reply.kind === 'error' && reply.message ? reply.message : texts.error;
}
