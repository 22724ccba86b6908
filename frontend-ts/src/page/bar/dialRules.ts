import type { AgentInfo } from '../../../../bridge/src/protocol/messages';
import type { StringKey, Translate } from '../strings';

/**
 * What the dial box does with an entry, decided in the page so it can answer at once: dial it
 * (a number, or an extension or feature code the bridge's rules allow), or search the directory
 * for it (a name, an e-mail, an order number). The bridge checks every dial again: it is the
 * authority, this only chooses between dialling and searching and words its refusals.
 */
export type DialIntent = 'empty' | 'internal' | 'number' | 'search';

/** The bridge's defaults (calls.extensionPattern, callControl.featureCodePattern) until it says. */
const DEFAULT_RULES = { extension: '^\\d{2,6}$', featureCode: '\\*[0-9]{2,6}' };
const INTERNAL_CHARS = /^[0-9*#]{1,16}$/;
/** Words that may label an extension after a number (the bridge's normalize.ts reads the same). */
const EXTENSION_LABEL = /\b(?:ext|extn|extension|x|poste|p)\b\.?/gi;

export interface PageDialRules {
  extension: RegExp | null;
  featureCode: RegExp | null;
}

const cache = new Map<string, PageDialRules>();

export function pageDialRules(dial: AgentInfo['dial'] | undefined): PageDialRules {
  const r = dial ?? DEFAULT_RULES;
  const key = `${r.extension}\u0000${r.featureCode}`;
  let c = cache.get(key);
  if (!c) {
    const one = (src: string): RegExp | null => {
      if (!src) return null;
      try {
        return new RegExp(`^(?:${src})$`);
      } catch {
        return null;
      }
    };
    c = { extension: one(r.extension), featureCode: one(r.featureCode) };
    cache.set(key, c);
  }
  return c;
}

export function dialIntent(text: string, rules: PageDialRules): DialIntent {
  const s = text.trim();
  if (!s) return 'empty';
  if (INTERNAL_CHARS.test(s) && (rules.extension?.test(s) || rules.featureCode?.test(s))) return 'internal';
  // Letters other than an extension label, or an @: a name or an e-mail to look up.
  if (/[@\p{L}]/u.test(s.replace(EXTENSION_LABEL, ''))) return 'search';
  return 'number';
}

/**
 * Worth asking the directory: a name or e-mail of 2+ characters, or 3+ digits (an order number,
 * which may look like an extension too: both are offered, Enter dials the extension).
 */
export function searchable(text: string, intent: DialIntent): boolean {
  const s = text.trim();
  if (intent === 'search') return s.length >= 2;
  return (intent === 'number' || intent === 'internal') && !/[*#]/.test(s) && (s.match(/[0-9]/g)?.length ?? 0) >= 3;
}

/** The bridge's reason for refusing a dial (phone/dialRules.ts DialRefusal), as a sentence. */
export const REFUSAL: Record<string, StringKey> = {
  not_text: 'Type a number, an extension or a feature code.',
  empty: 'Type a number, an extension or a feature code.',
  control: 'The number contains a line break or another control character.',
  too_long: 'The number is too long.',
  characters: 'A phone number may only contain digits, spaces, + - . / and brackets, then an extension such as ext. 12.',
  plus: 'A + may only start the number.',
  region: 'The phone system has no valid default country: ask an administrator.',
  not_a_number: 'This is not a phone number.',
  invalid: 'This is not a valid phone number. For another country, start with + and its code.',
  extension_empty: 'The extension after the number has no digits.',
  extension_position: 'The extension must be digits at the end of the number.',
  extension_too_long: 'The extension after the number is too long.',
  not_extension: 'This is neither a phone number nor an extension you may call.',
  feature_code: 'This feature code is not allowed.',
  own_extension: 'This is your own extension.',
  extension_transfer: 'A transfer cannot go to a number with an extension.',
};

/** Why a dial was refused, in the agent's language; the bridge's words only when nothing fits. */
export function refusalSentence(err: { code?: string; reason?: string; message?: string }, t: Translate): string {
  const key = err.reason ? REFUSAL[err.reason] : undefined;
  if (key) return t(key);
  if (err.code === 'forbidden') return t('You are not allowed to place calls.');
  return t('The call could not be placed: %1', err.message ?? err.code ?? '?');
}
