/**
 * Lower-case header names. Asterisk uses a few dozen names over and over; a small
 * direct-mapped cache (slot from the length and three characters) hands back one lower-case
 * string per name, so neither the parser nor a lookup allocates or hashes one per header.
 * A collision only costs a toLowerCase.
 */
const SLOTS = 4096;
const MAX_CACHED = 48;
const names: string[] = new Array<string>(SLOTS).fill('');
const lowers: string[] = new Array<string>(SLOTS).fill('');

function slotOf(s: string, n: number): number {
  return (n * 131 + s.charCodeAt(0) * 31 + s.charCodeAt(n >> 1) * 7 + s.charCodeAt(n - 1)) & (SLOTS - 1);
}

/**
 * A copy that keeps no larger string alive: a slice of 13 characters or more shares the text it
 * was cut from (here the parser's whole run). Only on a miss, so its cost does not matter.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** Lower-case form of a header name. */
export function lowerKey(key: string): string {
  const n = key.length;
  if (n === 0 || n > MAX_CACHED) return key.toLowerCase();
  const h = slotOf(key, n);
  if (names[h] === key) return lowers[h] as string;
  const lk = key.toLowerCase();
  names[h] = detached(key);
  lowers[h] = lk;
  return lk;
}
