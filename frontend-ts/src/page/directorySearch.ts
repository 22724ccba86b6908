import type { DirectoryResponse } from '../../../bridge/src/protocol/messages';
import { adminPost } from './adminPost';
import { protocolChecks } from './protocolChecks';

/**
 * Magento's directory search from the dial box (`POST bandeau/directory/search`, admin session,
 * form key): the people found for a name, an e-mail or an order number, checked against the
 * protocol's schema before the bar shows any of it.
 */
export async function searchDirectory(url: string, formKey: string | undefined, q: string): Promise<DirectoryResponse> {
  const [answer, { parseMessage, DirectoryResponse }] = await Promise.all([adminPost(url, formKey, { q }), protocolChecks()]);
  const parsed = parseMessage(DirectoryResponse, answer);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
