import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A desk phone's token: proves the URL was handed out by Magento for this extension (Magento
 * computes the same value for its "Desk phones" page). Lowercase hex of
 * HMAC-SHA256(secret, "bandeau-phone:v{version}:{extension}"), first 32 characters.
 */
export function deviceToken(secret: string, tokenVersion: number, extension: string): string {
  return createHmac('sha256', secret).update(`bandeau-phone:v${tokenVersion}:${extension}`).digest('hex').slice(0, 32);
}

/** Constant-time check of a presented token (any length or alphabet is refused without leaking timing). */
export function deviceTokenMatches(secret: string, tokenVersion: number, extension: string, presented: string): boolean {
  const expected = Buffer.from(deviceToken(secret, tokenVersion, extension), 'utf8');
  const given = Buffer.from(presented, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself so both paths cost the same.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
