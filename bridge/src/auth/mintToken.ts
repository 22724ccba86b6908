import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './agentToken';

export interface MintOptions {
  secret: string;
  userId: number;
  name: string;
  extension: string;
  permissions: string[];
  ttlS: number;
  /** Dial rules as Magento's configuration sets them (`dial` claim); omitted: the bridge's config applies. */
  dial?: { extensionPattern: string; featureCodePattern: string };
  /** Unix seconds; defaults to now. */
  now?: number;
  /** The token id (`tid`); defaults to the next id of this process's token id clock. */
  tokenId?: number;
}

let lastTokenId = 0;

/** Token ids as Magento makes them: microseconds since the epoch, strictly growing within a process. */
export function nextTokenId(): number {
  lastTokenId = Math.max(lastTokenId + 1, Date.now() * 1000);
  return lastTokenId;
}

/**
 * Mints an agent token exactly as the Magento module does (AgentTokenIssuer). Used by the
 * demo, which stands in for Magento, and by `bandeau-bridge token` for diagnostics.
 */
export async function mintAgentToken(o: MintOptions): Promise<{ token: string; expiresAt: number }> {
  const iat = o.now ?? Math.floor(Date.now() / 1000);
  const exp = iat + o.ttlS;
  const dial = o.dial ? { dial: { ext: o.dial.extensionPattern, feat: o.dial.featureCodePattern } } : {};
  const token = await new SignJWT({ name: o.name, ext: o.extension, perms: o.permissions, ...dial, tid: o.tokenId ?? nextTokenId() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(String(o.userId))
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomBytes(8).toString('hex'))
    .sign(new TextEncoder().encode(o.secret));
  return { token, expiresAt: exp };
}
