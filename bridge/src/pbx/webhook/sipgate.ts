/**
 * sipgate.io: its push API posts `newCall`, `answer` and `hangup` (and `dtmf`, ignored) as
 * form-encoded bodies (from, to, direction, callId, user[], userId[], fullUserId[], on answer
 * user, userId, fullUserId, answeringNumber, on hangup cause), signed: `X-Sipgate-Signature` is
 * the RSA SHA-256 signature of the raw body, base64, checked with sipgate's public key (pasted in
 * the configuration). sipgate sends answer and hangup only to the URLs its newCall's XML answer
 * names, so newCall is answered `<Response onAnswer=".." onHangup=".."/>` with this endpoint.
 * Click-to-call goes through its REST API (sipgateClickToCall.ts).
 */
import { verify } from 'node:crypto';
import type { PbxCallEvent } from '../callEvents';
import type { FieldMapper } from '../mapping';
import { WebhookRefusal, type WebhookSpec } from './endpoint';
import { parseGeneric, toCallEvent } from './generic';
import { xmlEscape } from '../../phones/sanitise';

export const SIPGATE_PATH = '/pbx/webhook/sipgate';
export const SIPGATE_AGENT_FIELDS = ['user', 'userId', 'fullUserId', 'answeringNumber'] as const;

export interface SipgateWebhookOptions {
  /** sipgate's public key (PEM) that verifies X-Sipgate-Signature. */
  publicKey: string;
  /** This endpoint as sipgate reaches it (named in the answer to newCall). */
  publicUrl: string;
  mapper: FieldMapper;
}

/** A form body as the event object: `user[]` keys become the `user` list. */
export function formToObject(raw: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) {
    if (k.endsWith('[]')) {
      const key = k.slice(0, -2);
      const list = out[key];
      out[key] = Array.isArray(list) ? [...list, v] : [v];
    } else if (!(k in out)) {
      out[k] = v;
    }
  }
  return out;
}

export function sipgateWebhook(o: SipgateWebhookOptions): WebhookSpec {
  return {
    path: SIPGATE_PATH,
    checkBody(req, raw) {
      const header = req.headers['x-sipgate-signature'];
      if (typeof header !== 'string' || header === '') throw new WebhookRefusal(401, 'unsigned', 'the request has no X-Sipgate-Signature');
      let ok = false;
      try {
        ok = verify('sha256', raw, o.publicKey, Buffer.from(header, 'base64'));
      } catch {
        ok = false;
      }
      if (!ok) throw new WebhookRefusal(401, 'bad_signature', 'X-Sipgate-Signature does not verify with the configured sipgate public key');
    },
    read(req, raw): PbxCallEvent | null {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new WebhookRefusal(415, 'content_type', 'sipgate.io posts application/x-www-form-urlencoded');
      const body = formToObject(raw);
      // Digits typed during the call: nothing for the bar.
      if (body.event === 'dtmf') return null;
      // sipgate has no timestamp: the signature and the once-per-call events stand against replays.
      return toCallEvent(parseGeneric(body), o.mapper, Number.POSITIVE_INFINITY, Date.now());
    },
    respond(event) {
      if (event?.kind !== 'ringing') return { contentType: 'application/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' };
      const url = xmlEscape(o.publicUrl);
      return { contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?><Response onAnswer="${url}" onHangup="${url}"/>` };
    },
  };
}
