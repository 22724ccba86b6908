import { log } from '../shared/log';

export interface MintedToken {
  token: string;
  /** Unix seconds. */
  expiresAt: number;
}

/** Reads `exp` from a JWT without verifying it (the bridge verifies); null when unreadable. */
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

/**
 * Why Magento gave no token: `session` (the admin session ended or its form key is stale: only a
 * page load signs in again), `network` (Magento unreachable: try again), `refused` (Magento said
 * why, in its admin user's language: `detail`).
 */
export class TokenMintError extends Error {
  constructor(
    readonly kind: 'session' | 'network' | 'refused',
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'TokenMintError';
  }
}

/**
 * Fetches agent tokens from Magento's admin controller (same origin, admin session cookie,
 * form_key) and says when the next one is due.
 */
export class TokenSource {
  constructor(
    private tokenUrl: string,
    private formKey: string | undefined,
  ) {}

  /** A newer page may bring a fresher URL/form key (new admin session). */
  update(tokenUrl: string, formKey: string | undefined): void {
    this.tokenUrl = tokenUrl;
    this.formKey = formKey;
  }

  async mint(): Promise<MintedToken> {
    const body = new URLSearchParams();
    if (this.formKey) body.set('form_key', this.formKey);
    body.set('isAjax', 'true');
    let res: Response;
    try {
      res = await fetch(this.tokenUrl, {
        method: 'POST',
        credentials: 'same-origin',
        // A signed-out admin is redirected to the login page: that is an answer, not a token.
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'XMLHttpRequest' },
        body,
      });
    } catch (err) {
      throw new TokenMintError('network', `the token endpoint is unreachable: ${(err as Error).message}`);
    }
    if (res.type === 'opaqueredirect' || res.status === 401 || (res.status >= 300 && res.status < 400)) {
      throw new TokenMintError('session', `the token endpoint answered ${res.status || 'a redirect'}: the admin session has ended`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      if (res.status >= 500) throw new TokenMintError('network', `the token endpoint answered ${res.status} without JSON`);
      throw new TokenMintError('session', `the token endpoint answered ${res.status} without JSON (is the admin session still open?)`);
    }
    const j = json as { token?: unknown; expiresAt?: unknown; error?: { code?: unknown; message?: unknown } };
    if (!res.ok || typeof j.token !== 'string') {
      const why = typeof j.error?.message === 'string' ? j.error.message.slice(0, 300) : `HTTP ${res.status}`;
      // Magento's form key check: the page that configured the session is from an admin session that ended.
      if (res.status === 403 && (j.error?.code === 'invalid_form_key' || /form key/i.test(why))) throw new TokenMintError('session', `could not get an agent token: ${why}`);
      if (res.status >= 500) throw new TokenMintError('network', `could not get an agent token: ${why}`);
      throw new TokenMintError('refused', `could not get an agent token: ${why}`, why);
    }
    const expiresAt = typeof j.expiresAt === 'number' ? j.expiresAt : tokenExpiry(j.token) ?? Math.floor(Date.now() / 1000) + 300;
    log.info('agent token minted, expires at', new Date(expiresAt * 1000).toISOString());
    return { token: j.token, expiresAt };
  }
}

/** Refresh when 75% of the remaining lifetime has passed, never sooner than 5 s from now. */
export function refreshDelayMs(expiresAt: number, nowMs: number = Date.now()): number {
  const remaining = expiresAt * 1000 - nowMs;
  return Math.max(5_000, Math.floor(remaining * 0.75));
}
