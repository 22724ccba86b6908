import { z } from 'zod';
import { REVOCATION_MAX_SKEW_S, REVOCATION_SIGNATURE_HEADER, signRevocation, verifySignedBody } from '../auth/revocation';

/**
 * Magento's "these numbers' facts changed" notification (POST /routing/invalidate on the admin
 * listener), signed exactly as a token revocation is: `X-Bandeau-Signature: sha256=<HMAC-SHA256 of
 * the raw body with the shared secret>`, and refused when its `iat` is more than
 * REVOCATION_MAX_SKEW_S from the bridge's clock. A replay inside that window only makes the bridge
 * forget and refetch the same numbers again, which is harmless.
 */
export const INVALIDATION_SIGNATURE_HEADER = REVOCATION_SIGNATURE_HEADER;
export const INVALIDATION_MAX_SKEW_S = REVOCATION_MAX_SKEW_S;
export const INVALIDATION_MAX_PHONES = 100;
/** 100 E.164 numbers (at most 16 bytes and quotes each) and the rest fit well within. */
export const INVALIDATION_MAX_BODY = 4096;

export const InvalidationRequest = z
  .object({
    phones: z.array(z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number')).max(INVALIDATION_MAX_PHONES),
    /** The rules changed: fetch them again now. */
    rules: z.boolean(),
    /** Unix seconds when Magento sent it. */
    iat: z.number().int().positive(),
  })
  .strict()
  .refine((r) => r.phones.length > 0 || r.rules, { message: 'nothing to invalidate (no phones and rules false)', path: ['phones'] });
export type InvalidationRequest = z.infer<typeof InvalidationRequest>;

export type InvalidationRefusal = 'invalidation_unsigned' | 'invalidation_forged' | 'invalidation_invalid' | 'invalidation_expired';

export class InvalidationError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly code: InvalidationRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidationError';
  }
}

export function signInvalidation(secret: string, body: string): string {
  return signRevocation(secret, body);
}

/** Signature first (nothing of an unsigned body is parsed), then shape, then time: as a revocation. */
export function verifyInvalidation(secret: string, body: string, signature: string | undefined, nowS: number = Math.floor(Date.now() / 1000)): InvalidationRequest {
  return verifySignedBody({
    secret,
    body,
    signature,
    schema: InvalidationRequest,
    sentAt: (r) => r.iat,
    noun: 'invalidation',
    fail: (status, refusal, message) => new InvalidationError(status, `invalidation_${refusal}`, message),
    nowS,
    maxIssues: 3,
  });
}
