/**
 * Phone numbers typed in a browser -> E.164 (plus an extension, if any), or a reason in words.
 * Strict on purpose: only digits, spaces, `+`, `-`, `.`, `/`, brackets and, before an extension,
 * one label word (`ext`, `x`, `poste`...), `#` or `,` are accepted; other letters, `;`, control
 * characters and anything long are refused before libphonenumber even sees them.
 * libphonenumber splits the extension off; the French labels it does not know (`poste`, `p.`)
 * are read as `ext` first.
 */
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/**
 * Why a number was refused, for programs: the page says it as a sentence in the agent's language
 * (frontend-ts/src/page/bar/dialRules.ts), `reason` says it in English for logs and the CLI.
 */
export type PhoneRefusal =
  | 'not_text'
  | 'control'
  | 'empty'
  | 'too_long'
  | 'characters'
  | 'plus'
  | 'region'
  | 'not_a_number'
  | 'invalid'
  | 'extension_empty'
  | 'extension_position'
  | 'extension_too_long';

export type PhoneResult =
  | { ok: true; e164: string; national: string; country: string | undefined; extension?: string }
  | { ok: false; reason: string; code: PhoneRefusal };

const refuse = (code: PhoneRefusal, reason: string): PhoneResult => ({ ok: false, reason, code });

export const MAX_PHONE_INPUT = 48;
/** Extension digits are played as DTMF after the call connects: a short run of digits only. */
export const MAX_EXTENSION_DIGITS = 16;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const ALLOWED = /^[0-9+\-. /()\u00a0#,a-zA-Z]+$/;
const WORD = /[a-zA-Z]+/g;
/** Words that may stand before an extension: libphonenumber's own, then the French ones it lacks. */
const LABELS = new Set(['ext', 'extn', 'extension', 'x']);
const FRENCH_LABELS = new Set(['poste', 'p']);

export function isRegion(cc: string): cc is CountryCode {
  return /^[A-Z]{2}$/.test(cc) && isSupportedCountry(cc as CountryCode);
}

export function normalizePhone(input: unknown, defaultRegion: string): PhoneResult {
  if (typeof input !== 'string') return refuse('not_text', 'the number must be text');
  if (CONTROL.test(input)) return refuse('control', 'the number contains a control character (such as a line break)');
  const trimmed = input.trim();
  if (trimmed === '') return refuse('empty', 'the number is empty');
  if (trimmed.length > MAX_PHONE_INPUT) return refuse('too_long', `the number is too long (at most ${MAX_PHONE_INPUT} characters)`);
  const words = trimmed.match(WORD) ?? [];
  const labelled = words.length === 1 && (LABELS.has(words[0]!.toLowerCase()) || FRENCH_LABELS.has(words[0]!.toLowerCase()));
  if (!ALLOWED.test(trimmed) || (words.length > 0 && !labelled)) {
    return refuse('characters', 'the number may only contain digits, spaces, +, -, ., / and brackets, then an extension (ext. 12, x12, poste 12, #12)');
  }
  if (trimmed.indexOf('+') > 0 || (trimmed.match(/\+/g)?.length ?? 0) > 1) return refuse('plus', 'a + may only start the number');
  const region = defaultRegion.toUpperCase();
  if (!isRegion(region)) return refuse('region', `unknown default country ${JSON.stringify(defaultRegion.slice(0, 8))}`);
  // "00" international prefix, common in Europe, as "+"; French extension labels as "ext".
  const text = trimmed.replace(/^00(?=[1-9])/, '+').replace(WORD, (w) => (FRENCH_LABELS.has(w.toLowerCase()) ? 'ext' : w));
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed) return refuse('not_a_number', 'this is not a phone number');
  if (!parsed.isValid()) return refuse('invalid', `this is not a valid phone number for ${parsed.country ?? region}`);
  const extension = parsed.ext;
  const marked = labelled || /[#,]/.test(trimmed);
  if (extension === undefined) {
    if (marked) return refuse('extension_empty', 'the extension has no digits');
  } else if (!/^[0-9]+$/.test(extension) || !trimmed.replace(/[\s#]+$/, '').endsWith(extension)) {
    // libphonenumber skips what follows a number it recognised; nothing may be left behind.
    return refuse('extension_position', 'the extension must be digits at the end of the number');
  } else if (extension.length > MAX_EXTENSION_DIGITS) {
    return refuse('extension_too_long', `the extension is too long (at most ${MAX_EXTENSION_DIGITS} digits)`);
  }
  let national: string | undefined;
  const result = {
    ok: true as const,
    e164: parsed.number,
    // Formatted when first read: it costs about half a parse, and the routing server's hot path
    // (caller id -> E.164, every FastAGI request) never reads it.
    get national(): string {
      return (national ??= parsed.formatNational({ formatExtension: (n) => n }));
    },
    country: parsed.country,
  };
  return extension === undefined ? result : { ...result, extension };
}

/** A short internal extension (digits only, per the configured pattern). */
export function isExtension(input: unknown, pattern: RegExp): input is string {
  return typeof input === 'string' && /^[0-9]{1,16}$/.test(input) && pattern.test(input);
}

export type DialFormat = 'e164' | 'digits' | 'national';

/** The form the PBX dialplan expects: `+33612345678`, `33612345678` or `0612345678`. */
export function formatForDial(e164: string, format: DialFormat, defaultRegion: string): string {
  if (format === 'e164') return e164;
  if (format === 'digits') return e164.slice(1);
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.country === defaultRegion.toUpperCase()) return parsed.formatNational().replace(/[^0-9]/g, '');
  return e164;
}
