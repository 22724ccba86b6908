/**
 * Lower-case header names. Asterisk uses a few dozen names over and over; a small cache (two
 * ways per set, the set from the length and a few characters) hands back one lower-case string
 * per name, so neither the parser nor a lookup allocates or hashes one per header.
 * A miss only costs a toLowerCase.
 */
const SETS = 2048;
const MAX_CACHED = 48;
/** Set i holds slots 2i (most recent) and 2i + 1. */
const names: string[] = new Array<string>(SETS * 2).fill('');
const lowers: string[] = new Array<string>(SETS * 2).fill('');

function setOf(s: string, n: number): number {
  const h = Math.imul(n * 131 + s.charCodeAt(0) * 31 + s.charCodeAt(n >> 1) * 7 + s.charCodeAt(n - 1), 0x9e3779b1) ^ Math.imul(s.charCodeAt(n >> 2), 0x85ebca6b);
  return (h ^ (h >>> 15)) & (SETS - 1);
}

/**
 * A copy that keeps no larger string alive: a slice of 13 characters or more shares the text it
 * was cut from (here the parser's whole run). Only on a miss, so its cost does not matter.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * The engine's unique copy of a string (property names are kept that way): two such strings are
 * equal only if they are the same, so a lookup comparing names does not compare characters.
 */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0] as string;
}

/** Lower-case form of a header name. */
export function lowerKey(key: string): string {
  const n = key.length;
  if (n === 0 || n > MAX_CACHED) return key.toLowerCase();
  const i = setOf(key, n) << 1;
  if (names[i] === key) return lowers[i] as string;
  // Names of one length that share those characters (BridgeName/BridgeType, CallerIDNum/
  // CallerIDnum, LocalOne…/LocalTwo…) come in pairs: the second way keeps both.
  if (names[i + 1] === key) return lowers[i + 1] as string;
  const lk = internalize(key.toLowerCase());
  names[i + 1] = names[i] as string;
  lowers[i + 1] = lowers[i] as string;
  names[i] = detached(key);
  lowers[i] = lk;
  return lk;
}
