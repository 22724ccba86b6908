import type { Call } from './messages';

/**
 * The few run-time values of the protocol the page bundle needs, without zod: the page imports
 * these, and only types from messages.ts, so zod stays out of what every admin page loads
 * (frontend-ts/src/page/workerMessages.ts says why the page needs no schema). messages.ts
 * re-exports them: bridge and worker code imports them from there as before.
 */

/** The defaults of the page config Magento renders (PageConfig in messages.ts uses these). */
export const PAGE_CONFIG_DEFAULTS = { workerName: 'bandeau-cti', transport: 'auto', mode: 'desk', role: 'page' } as const;

/**
 * A locale as the page config carries it: Magento's language_REGION (`fr_FR`) or, for the
 * languages written in more than one script, language_Script_REGION (`zh_Hans_CN`, `sr_Latn_RS`).
 * Intl throws on a malformed one; whatever this passes is a well-formed BCP 47 tag once `_` reads `-`.
 */
export const LOCALE_PATTERN = /^[a-z]{2,3}(?:_[A-Za-z]{4})?(?:_(?:[A-Za-z]{2}|[0-9]{3}))?$/;

/** The outside party's number of a call (to look up, call back, fill in); null for internal calls. */
export function farNumber(call: Call): string | null {
  if (call.direction === 'internal') return null;
  const n = call.direction === 'inbound' ? call.from : call.to;
  return n && n !== '<unknown>' ? n : null;
}
