/**
 * One provider's webhook on the bridge's port: POST only, the body within its limit, the
 * sender authenticated (a shared token or the provider's signature), the event read and checked,
 * then applied to the call model. Every refusal answers its reason and changes nothing:
 * 400 unreadable body, 401 not authenticated, 405 not a POST, 409 replayed or stale, 413 too
 * large, 415 not the body type the provider sends, 422 an event that cannot apply (unknown
 * event, missing field, unknown agent or call).
 */
import type http from 'node:http';
import type { HttpRoute } from '../../server';
import type { Logger } from '../../logger';
import { BodyTooLarge, readRequestLimited } from '../../http/readLimited';
import { CallEventRefused, type PbxCallEvent } from '../callEvents';
import type { ChannelEventWriter } from '../channelEvents';

export class WebhookRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 405 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRefusal';
  }
}

/** The body limit of every webhook: provider events are a few hundred bytes. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

export interface WebhookSpec {
  /** `/pbx/webhook/generic`. */
  path: string;
  maxBody?: number;
  /** Before the body is read: a shared token in a header (throws WebhookRefusal). */
  checkHeaders?(req: http.IncomingMessage): void;
  /** After: a signature over the body (throws WebhookRefusal). */
  checkBody?(req: http.IncomingMessage, raw: Buffer): void;
  /** The provider's event as the bridge's (throws WebhookRefusal); null: an event the bridge has nothing to do with (200). */
  read(req: http.IncomingMessage, raw: Buffer): PbxCallEvent | null;
  /** The provider's own answer to an accepted event (sipgate.io wants XML naming its next webhooks); default JSON. */
  respond?(event: PbxCallEvent | null): { contentType: string; body: string };
}

export interface WebhookStats {
  accepted: number;
  refused: number;
  lastEventAt: number | null;
}

const REFUSED_STATUS: Record<CallEventRefused['code'], 409 | 422> = { replayed: 409, unknown_call: 422, unknown_agent: 422 };

export function webhookRoute(spec: WebhookSpec, writer: ChannelEventWriter, log: Logger, stats: WebhookStats): HttpRoute {
  const max = spec.maxBody ?? MAX_WEBHOOK_BODY;
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== spec.path) return false;
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}): true => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
      res.end(`${JSON.stringify(body)}\n`);
      return true;
    };
    try {
      if (req.method !== 'POST') throw new WebhookRefusal(405, 'method', 'only POST is accepted here');
      spec.checkHeaders?.(req);
      const raw = await readRequestLimited(req, res, max).catch((err: unknown) => {
        throw err instanceof BodyTooLarge ? new WebhookRefusal(413, 'too_large', err.message) : err;
      });
      spec.checkBody?.(req, raw);
      const event = spec.read(req, raw);
      if (event) writer.apply(event);
      stats.accepted++;
      stats.lastEventAt = Date.now();
      const own = spec.respond?.(event);
      if (own) {
        res.writeHead(200, { 'content-type': own.contentType, 'cache-control': 'no-store' });
        res.end(own.body);
        return true;
      }
      return answer(200, event ? { ok: true, event: event.kind, callId: writer.callIdOf(event.callId) } : { ok: true, ignored: true });
    } catch (err) {
      const refusal =
        err instanceof WebhookRefusal ? err : err instanceof CallEventRefused ? new WebhookRefusal(REFUSED_STATUS[err.code], err.code, err.message) : undefined;
      if (!refusal) throw err;
      stats.refused++;
      // The reason and where from; never the body (numbers are personal data).
      log.warn({ path: spec.path, status: refusal.status, code: refusal.code, reason: refusal.message, ip: req.socket.remoteAddress }, 'webhook request refused');
      return answer(refusal.status, { error: { code: refusal.code, message: refusal.message } }, refusal.status === 405 ? { allow: 'POST' } : {});
    }
  };
}
