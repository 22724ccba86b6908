/**
 * What the PBX says about a call is data from outside: a caller ID is whatever the caller's
 * network put in it (`+3369\u001b[2J\u0007\r99999`, a bidi override, a zero-width space, a lone
 * surrogate, ten kilobytes). Every string the call model keeps from an AMI event goes through one
 * of these once, where the event enters the model, so a Call, its views and its record only ever
 * hold text the agents' bars and Magento accept.
 *
 * Each function has a fast path (one regular expression test) for what Asterisk normally sends:
 * the model reads these fields on most events (the `ami parser` benchmark).
 */

/** Longest value kept, per kind of field (UTF-16 units, never cutting a surrogate pair). */
export const FIELD_CAPS = {
  /** Caller/callee numbers, dialled extensions, transfer targets. */
  number: 32,
  /** Caller ID names, queue names, context names. */
  name: 80,
  /** Channel names (`PJSIP/trunk-0000002a`, `Local/7001@from-queue-00000003;1`). */
  channel: 128,
  /** Uniqueid / Linkedid (call ids). */
  id: 128,
} as const;

/** What Asterisk shows for a number it does not have: a number emptied by cleaning becomes it. */
export const UNKNOWN_NUMBER = '<unknown>';

/** Plain printable ASCII, single spaces inside, none at the ends: already clean text. */
const CLEAN_ASCII_TEXT = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;
/** What a number can hold in its usual forms (`+33612345678`, `7001`, `*97`, `anonymous`, `trunk_out`). */
const CLEAN_NUMBER = /^[0-9A-Za-z+*#_.@-]+$/;
/** An id as Asterisk makes them (`1796049326.12`, `host-1796049326.12`): printable, no space. */
const CLEAN_ID = /^[\x21-\x7e]+$/;

/** Terminal escape sequences (CSI `ESC [ … letter`, OSC `ESC ] … BEL/ST`, two-character `ESC x`): removed whole. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]?/g;
/** Any run of white space (tabs, CR/LF, NBSP, line and paragraph separators…). */
const SPACES = /\s+/g;
/** Control (C0, DEL, C1), format (bidi overrides, zero-width, soft hyphen, BOM…) and lone surrogate code points. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
const NOT_IN_NUMBER = /[^0-9A-Za-z+*#_.@-]/g;
const NOT_IN_PHONE = /[^0-9*#]/g;
/** A digit or `+` first (after an opening bracket): a phone number, whatever else got in. */
const PHONE_LIKE = /^\(?\+?[0-9]/;

/** Cuts to `max` UTF-16 units without leaving half of a surrogate pair at the end. */
function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Removes escape sequences, control and format characters; white space becomes single spaces. */
function visible(s: string): string {
  return s.replace(ESCAPES, '').replace(SPACES, ' ').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/**
 * Free text: a caller ID name, a queue or context name. Control and format characters removed,
 * white space collapsed, at most `max` long; '' when nothing visible is left.
 */
export function cleanText(s: string, max: number = FIELD_CAPS.name): string {
  if (s.length <= max && CLEAN_ASCII_TEXT.test(s)) return s;
  return cap(visible(s), max).trim();
}

/**
 * A number (caller ID number, extension, dialled string): only what a number can hold. One that
 * looks like a phone number (a digit or `+` first) keeps its digits, `*` and `#` and a leading
 * `+`; a word (`anonymous`, an extension named `trunk_out`) keeps letters, digits and `+*#_.@-`.
 * Nothing left of a non-empty value: `<unknown>`, as Asterisk says of a number it does not have.
 */
export function cleanNumber(s: string, max: number = FIELD_CAPS.number): string {
  if (s.length <= max && CLEAN_NUMBER.test(s)) return s;
  if (s === UNKNOWN_NUMBER || s === '') return s;
  const v = visible(s).replace(SPACES, '');
  let out: string;
  if (PHONE_LIKE.test(v)) {
    const plus = v.replace(/^\(/, '').startsWith('+') ? '+' : '';
    out = plus + v.replace(NOT_IN_PHONE, '');
  } else {
    out = v.replace(NOT_IN_NUMBER, '');
  }
  out = out.slice(0, max);
  return out === '' || out === '+' ? UNKNOWN_NUMBER : out;
}

/** `cleanNumber` of a header that may be absent. */
export function cleanNumberOpt(s: string | undefined, max: number = FIELD_CAPS.number): string | undefined {
  return s === undefined ? undefined : cleanNumber(s, max);
}

/** A channel name: visible characters, no space, at most 128 long; undefined when nothing is left. */
export function cleanChannel(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (s.length <= FIELD_CAPS.channel && CLEAN_ID.test(s)) return s;
  const v = cap(visible(s).replace(SPACES, ''), FIELD_CAPS.channel);
  return v === '' ? undefined : v;
}

/** Uniqueid, Linkedid and the like: as a channel name (they become call ids). */
export function cleanId(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (s.length <= FIELD_CAPS.id && CLEAN_ID.test(s)) return s;
  const v = cap(visible(s).replace(SPACES, ''), FIELD_CAPS.id);
  return v === '' ? undefined : v;
}

/** `cleanText` of a header that may be absent; undefined when nothing visible is left. */
export function cleanTextOpt(s: string | undefined, max: number = FIELD_CAPS.name): string | undefined {
  if (s === undefined) return undefined;
  const v = cleanText(s, max);
  return v === '' ? undefined : v;
}

/** True when the id needs cleaning (lookups clean only on a miss, so the usual hit costs nothing). */
export function idNeedsCleaning(s: string): boolean {
  return s.length > FIELD_CAPS.id || !CLEAN_ID.test(s);
}
