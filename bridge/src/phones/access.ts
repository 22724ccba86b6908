import type http from 'node:http';
import type { BlockList } from 'node:net';
import { clientIp } from '../http/origin';
import { allowList, inList } from '../net/addressList';
import type { PhonesConfig } from './config';
import { deviceTokenMatches } from './deviceToken';

/** What an extension may look like in a phone's URL or basic-auth user (digits mostly; SIP users sometimes). */
const EXTENSION = /^[0-9A-Za-z_.*#+-]{1,32}$/;

export type PhoneAccessResult =
  | { ok: true; extension: string | null }
  | { ok: false; status: 401 | 403; code: 'network_not_allowed' | 'credentials_missing' | 'credentials_invalid' | 'extension_mismatch' };

export interface PhoneAccessOptions {
  config: PhonesConfig;
  /** The bridge's shared secret (the device token's key); read at each request. */
  secret: () => string;
  /** Demo only: no credentials asked; the extension is whatever `ext` says. Networks still apply. */
  open?: boolean;
}

/**
 * Who may use /phone/*: first the network (phones.networks; the peer address of the TCP
 * connection, never a forwarded header), then the device's credentials, as configured:
 * `token` wants `ext` and `t` in the URL, `basic` an Authorization header (user = extension,
 * password = token). Either way the token is Magento's HMAC for that extension, compared in
 * constant time; an `ext` in the URL must be the authenticated one.
 */
export class PhoneAccess {
  private readonly networks: BlockList;

  constructor(private readonly o: PhoneAccessOptions) {
    this.networks = allowList(o.config.networks);
  }

  check(req: http.IncomingMessage, query: URLSearchParams): PhoneAccessResult {
    if (!inList(this.networks, clientIp(req))) return { ok: false, status: 403, code: 'network_not_allowed' };
    const asked = query.get('ext');
    if (this.o.open) return { ok: true, extension: asked !== null && EXTENSION.test(asked) ? asked : null };
    const { auth, tokenVersion } = this.o.config;
    let extension: string;
    let token: string;
    if (auth === 'basic') {
      const creds = basicCredentials(req.headers.authorization);
      if (!creds) return { ok: false, status: 401, code: 'credentials_missing' };
      [extension, token] = creds;
      if (asked !== null && asked !== extension) return { ok: false, status: 403, code: 'extension_mismatch' };
    } else {
      const t = query.get('t');
      if (asked === null || t === null) return { ok: false, status: 403, code: 'credentials_missing' };
      [extension, token] = [asked, t];
    }
    if (!EXTENSION.test(extension) || !deviceTokenMatches(this.o.secret(), tokenVersion, extension, token)) {
      return { ok: false, status: auth === 'basic' ? 401 : 403, code: 'credentials_invalid' };
    }
    return { ok: true, extension };
  }
}

/** `Authorization: Basic base64(user:password)` as [user, password], or null. */
function basicCredentials(header: string | undefined): [string, string] | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,512})$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 1 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
