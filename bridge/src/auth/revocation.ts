import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Which agent tokens may still open or renew a socket. Magento gives every token an id (`tid`,
 * microseconds at minting, so a user's tokens grow with time); the bridge remembers per user the
 * highest id it has seen and the floor Magento set when it revoked (logout, role or extension
 * change). A token below either, or one already held by another live socket, is refused.
 *
 * Kept in memory; alone, after a bridge restart an older token is accepted again until it expires
 * (tokens live minutes, `token.maxLifetimeS` at most). With several bridges (issue 18) the marks
 * are shared in Redis and absorbed here before each check (`absorb`).
 */
export type TokenRefusal = 'token_revoked' | 'token_stale' | 'token_in_use';

interface UserTokens {
  /** Highest token id seen on a connection or a renewal. */
  highest: number;
  /** Magento revoked every token below this id. */
  floor: number;
  /** Token id -> id of the socket that holds it. */
  held: Map<number, string>;
}

export class TokenLedger {
  private readonly users = new Map<number, UserTokens>();

  /**
   * Why `tokenId` may not be used by `socketId` now, or null when it may. `alive` says whether a
   * socket holding a token is still connected (a holder that left without a disconnect does not count).
   */
  check(userId: number, tokenId: number, socketId: string, alive: (socketId: string) => boolean): TokenRefusal | null {
    const u = this.users.get(userId);
    if (!u) return null;
    if (tokenId < u.floor) return 'token_revoked';
    if (tokenId < u.highest) return 'token_stale';
    const holder = u.held.get(tokenId);
    if (holder !== undefined && holder !== socketId && alive(holder)) return 'token_in_use';
    return null;
  }

  /** `socketId` now holds `tokenId` (and gave up `previous`, on a renewal). Call after check() said null. */
  claim(userId: number, tokenId: number, socketId: string, previous?: number): void {
    const u = this.user(userId);
    if (previous !== undefined && u.held.get(previous) === socketId) u.held.delete(previous);
    u.held.set(tokenId, socketId);
    if (tokenId > u.highest) u.highest = tokenId;
  }

  release(userId: number, tokenId: number, socketId: string): void {
    const u = this.users.get(userId);
    if (u && u.held.get(tokenId) === socketId) u.held.delete(tokenId);
  }

  /** Every token of the user below `notBefore` is refused from now on; returns the floor in force. */
  revoke(userId: number, notBefore: number): number {
    const u = this.user(userId);
    if (notBefore > u.floor) u.floor = notBefore;
    return u.floor;
  }

  /** Marks another bridge instance has seen (from Redis): each raises ours, never lowers it. */
  absorb(userId: number, marks: { highest: number; floor: number }): void {
    if (marks.highest <= 0 && marks.floor <= 0) return;
    const u = this.user(userId);
    if (marks.highest > u.highest) u.highest = marks.highest;
    if (marks.floor > u.floor) u.floor = marks.floor;
  }

  /** Whether a token is below the user's revocation floor. */
  isRevoked(userId: number, tokenId: number): boolean {
    return tokenId < (this.users.get(userId)?.floor ?? 0);
  }

  private user(userId: number): UserTokens {
    let u = this.users.get(userId);
    if (!u) {
      u = { highest: 0, floor: 0, held: new Map() };
      this.users.set(userId, u);
    }
    return u;
  }
}

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the shared secret>`. */
export const REVOCATION_SIGNATURE_HEADER = 'x-bandeau-signature';
/** How far a revocation's `ts` may be from the bridge's clock (a replay then is refused). */
export const REVOCATION_MAX_SKEW_S = 300;

/** Body of Magento's revocation call (Bandeau\Cti\Model\Bridge\TokenRevoker). */
export const RevocationRequest = z
  .object({
    userId: z.number().int().positive().max(2 ** 32),
    /** Token ids below this are revoked (Magento's token id clock when it revoked). */
    notBefore: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    reason: z.enum(['logout', 'user_changed', 'role_changed']).default('logout'),
    /** Unix seconds when Magento sent it. */
    ts: z.number().int().positive(),
  })
  .strict();
export type RevocationRequest = z.infer<typeof RevocationRequest>;

export class RevocationError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly code: 'revocation_unsigned' | 'revocation_forged' | 'revocation_invalid' | 'revocation_expired',
    message: string,
  ) {
    super(message);
    this.name = 'RevocationError';
  }
}

export function signRevocation(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Why a signed body from Magento was refused (the code's suffix after `<kind>_`). */
export type SignedBodyRefusal = 'unsigned' | 'forged' | 'invalid' | 'expired';

/**
 * A body Magento signed with the shared secret (revocations, routing invalidations): the
 * signature first (nothing of an unsigned body is read), then JSON, the shape and the time.
 * `fail` builds the caller's own error; `noun` names the body in the messages.
 */
export function verifySignedBody<T>(o: {
  secret: string;
  body: string;
  signature: string | undefined;
  schema: z.ZodType<T>;
  sentAt: (value: T) => number;
  noun: string;
  fail: (status: 400 | 401, refusal: SignedBodyRefusal, message: string) => Error;
  nowS: number;
  /** How many validation issues the message lists (all when absent). */
  maxIssues?: number;
}): T {
  if (!o.signature) throw o.fail(401, 'unsigned', `the ${REVOCATION_SIGNATURE_HEADER} header is missing`);
  const expected = Buffer.from(signRevocation(o.secret, o.body));
  const given = Buffer.from(o.signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw o.fail(401, 'forged', `the ${o.noun} signature does not match`);
  let json: unknown;
  try {
    json = JSON.parse(o.body);
  } catch {
    throw o.fail(400, 'invalid', `the ${o.noun} body is not JSON`);
  }
  const r = o.schema.safeParse(json);
  if (!r.success) throw o.fail(400, 'invalid', `the ${o.noun} is invalid: ${r.error.issues.slice(0, o.maxIssues).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const sent = o.sentAt(r.data);
  if (Math.abs(o.nowS - sent) > REVOCATION_MAX_SKEW_S) throw o.fail(401, 'expired', `the ${o.noun} was sent at ${sent}, more than ${REVOCATION_MAX_SKEW_S}s from now`);
  return r.data;
}

/** Checks the signature first (nothing of an unsigned body is read), then the shape and the time. */
export function verifyRevocation(secret: string, body: string, signature: string | undefined, nowS: number = Math.floor(Date.now() / 1000)): RevocationRequest {
  return verifySignedBody({
    secret,
    body,
    signature,
    schema: RevocationRequest,
    sentAt: (r) => r.ts,
    noun: 'revocation',
    fail: (status, refusal, message) => new RevocationError(status, `revocation_${refusal}`, message),
    nowS,
  });
}
