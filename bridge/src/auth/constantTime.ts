import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A per-process key: the digests compared below mean nothing outside this process. */
const KEY = randomBytes(32);

function digest(value: string): Buffer {
  return createHmac('sha256', KEY).update(value, 'utf8').digest();
}

/**
 * Whether a presented secret (token, signature) equals the expected one, in constant time.
 * Both sides are HMAC'd to 32 bytes first, so a wrong length costs the same as a wrong byte
 * and the time taken tells nothing about the expected value's length or content.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
