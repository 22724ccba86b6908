import { createHmac } from 'node:crypto';
import { sameSecret } from '../auth/constantTime';

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
  return sameSecret(presented, deviceToken(secret, tokenVersion, extension));
}
