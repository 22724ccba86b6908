import { errors, jwtVerify } from 'jose';
import { z } from 'zod';

/** Claims Magento puts in the agent token (see Bandeau\Cti\Model\AgentTokenIssuer). */
export const TOKEN_ISSUER = 'bandeau-magento';
export const TOKEN_AUDIENCE = 'bandeau-bridge';

const Claims = z.object({
  sub: z.string().regex(/^[1-9][0-9]{0,9}$/, 'sub must be the admin user id'),
  name: z.string().max(255).default(''),
  ext: z.string().regex(/^[0-9A-Za-z*#_-]{1,32}$/, 'ext must be an extension'),
  perms: z.array(z.string().max(64)).max(64),
  /** What the agent may dial besides outside numbers (Magento's configuration; see phone/dialRules.ts). */
  dial: z.object({ ext: z.string().max(256), feat: z.string().max(256) }).optional(),
  /** Token id: grows with each token Magento mints for the user (microseconds); see auth/revocation.ts. */
  tid: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  iat: z.number().int(),
  exp: z.number().int(),
});

export interface AgentIdentity {
  userId: number;
  name: string;
  extension: string;
  permissions: string[];
  /** Unix seconds. */
  expiresAt: number;
  /** The token's id (`tid`): later tokens of a user have higher ids. */
  tokenId: number;
  /** Extension and feature-code patterns from Magento; absent: the bridge's own config applies. */
  dial?: { extensionPattern: string; featureCodePattern: string };
}

export class TokenError extends Error {
  constructor(
    readonly code: 'token_missing' | 'token_invalid' | 'token_expired' | 'token_forged' | 'token_claims',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface VerifyOptions {
  secret: string;
  maxLifetimeS: number;
  clockToleranceS: number;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}

/** Verifies an HS256 agent token minted by Magento and returns who it speaks for. */
export class AgentTokenVerifier {
  private readonly key: Uint8Array;

  constructor(private readonly opts: VerifyOptions) {
    this.key = new TextEncoder().encode(opts.secret);
  }

  async verify(token: unknown): Promise<AgentIdentity> {
    if (typeof token !== 'string' || token.length === 0) throw new TokenError('token_missing', 'no agent token was presented');
    if (token.length > 4096) throw new TokenError('token_invalid', 'agent token is too long');
    const now = this.opts.now?.();
    let payload: Record<string, unknown>;
    try {
      const r = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        clockTolerance: this.opts.clockToleranceS,
        requiredClaims: ['exp', 'iat', 'sub', 'tid'],
        ...(now !== undefined ? { currentDate: new Date(now * 1000) } : {}),
      });
      payload = r.payload as Record<string, unknown>;
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenError('token_expired', 'agent token has expired');
      if (err instanceof errors.JWSSignatureVerificationFailed) throw new TokenError('token_forged', 'agent token signature does not match');
      if (err instanceof errors.JWTClaimValidationFailed) throw new TokenError('token_claims', `agent token claim rejected: ${err.claim} ${err.reason}`);
      throw new TokenError('token_invalid', `agent token is malformed: ${(err as Error).message}`);
    }
    const c = Claims.safeParse(payload);
    if (!c.success) throw new TokenError('token_claims', `agent token claims are invalid: ${c.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { iat, exp } = c.data;
    if (exp - iat > this.opts.maxLifetimeS) throw new TokenError('token_claims', `agent token lives ${exp - iat}s, more than the ${this.opts.maxLifetimeS}s allowed`);
    const nowS = now ?? Math.floor(Date.now() / 1000);
    if (iat > nowS + this.opts.clockToleranceS) throw new TokenError('token_claims', 'agent token is issued in the future');
    const dial = c.data.dial ? { dial: { extensionPattern: c.data.dial.ext, featureCodePattern: c.data.dial.feat } } : {};
    return { userId: Number(c.data.sub), name: c.data.name, extension: c.data.ext, permissions: c.data.perms, expiresAt: exp, tokenId: c.data.tid, ...dial };
  }
}
