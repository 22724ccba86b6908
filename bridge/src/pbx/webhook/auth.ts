/** Shared secrets compared in constant time (the webhooks' bearer tokens and signatures). */
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { sameSecret } from '../../auth/constantTime';
import { WebhookRefusal } from './endpoint';

/** `Authorization: Bearer <token>` or a 401 saying what is wrong. */
export function requireBearer(req: http.IncomingMessage, token: string): void {
  const h = req.headers.authorization;
  if (h === undefined) throw new WebhookRefusal(401, 'unauthenticated', 'send the shared token as Authorization: Bearer <token>');
  const m = /^Bearer +(\S+)$/i.exec(h);
  if (!m || !sameSecret(m[1] as string, token)) throw new WebhookRefusal(401, 'bad_token', 'the Bearer token does not match the bridge\'s pbx.token');
}

/** HMAC of the raw body, hex or base64, as providers sign their requests. */
export function hmac(algorithm: 'sha1' | 'sha256', secret: string, body: Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac(algorithm, secret).update(body).digest(encoding);
}
