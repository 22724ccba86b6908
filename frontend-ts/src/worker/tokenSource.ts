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
    const res = await fetch(this.tokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'XMLHttpRequest' },
      body,
    });
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new Error(`the token endpoint answered ${res.status} without JSON (is the admin session still open?)`);
    }
    const j = json as { token?: unknown; expiresAt?: unknown; error?: { message?: unknown } };
    if (!res.ok || typeof j.token !== 'string') {
      const why = typeof j.error?.message === 'string' ? j.error.message : `HTTP ${res.status}`;
      throw new Error(`could not get an agent token: ${why}`);
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
