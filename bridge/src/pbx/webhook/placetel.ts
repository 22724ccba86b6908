/**
 * placetel: its Notify API posts `IncomingCall`, `OutgoingCall`, `CallAccepted` and `HungUp`
 * form-encoded (from, to, call_id; peer, the SIP user, on CallAccepted and OutgoingCall; type,
 * the hangup's cause, on HungUp), each signed: `X-PLACETEL-SIGNATURE` is the HMAC-SHA256 of the
 * raw body with the shared secret set in placetel's External APIs page, in hex
 * (github.com/Placetel/call-control-notify-api). An incoming call does not say whose phones ring:
 * `pbx.ring` says it per called number, else every mapped agent's bar rings until one answers.
 * placetel sends no CallAccepted for outgoing calls: a HungUp of type `accepted` says it was talked.
 */
import { z } from 'zod';
import type { HangupCause, PbxCallEvent } from '../callEvents';
import type { FieldMapper } from '../mapping';
import { sameSecret } from '../../auth/constantTime';
import { hmac } from './auth';
import { WebhookRefusal, type WebhookSpec } from './endpoint';
import { formToObject } from './sipgate';

export const PLACETEL_PATH = '/pbx/webhook/placetel';
export const PLACETEL_AGENT_FIELDS = ['peer'] as const;

const HANGUP_TYPES: Record<string, HangupCause> = {
  accepted: 'normal',
  missed: 'noAnswer',
  voicemail: 'noAnswer',
  busy: 'busy',
  canceled: 'cancel',
  unavailable: 'failed',
  blocked: 'failed',
  congestion: 'failed',
};

const text = (max: number) => z.string().max(max);
const Common = { call_id: z.string().regex(/^[A-Za-z0-9._:@-]{1,100}$/, 'must be 1-100 letters, digits, . _ : @ -'), from: text(64), to: text(64) };
const PlacetelEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('IncomingCall'), ...Common }),
  z.object({ event: z.literal('OutgoingCall'), ...Common, peer: text(255) }),
  z.object({ event: z.literal('CallAccepted'), ...Common, peer: text(255).optional() }),
  z.object({ event: z.literal('HungUp'), ...Common, type: text(32).optional() }),
]);

export interface PlacetelWebhookOptions {
  secret: string;
  mapper: FieldMapper;
  /** Called number -> the extensions it rings; absent: `everyone`. */
  ring: Record<string, string[]>;
  /** Every mapped agent (an incoming call rings them all when `ring` does not say). */
  everyone: string[];
}

export function placetelWebhook(o: PlacetelWebhookOptions): WebhookSpec {
  return {
    path: PLACETEL_PATH,
    checkBody(req, raw) {
      const given = req.headers['x-placetel-signature'];
      if (typeof given !== 'string' || given === '') throw new WebhookRefusal(401, 'unsigned', 'the request has no X-PLACETEL-SIGNATURE');
      if (!sameSecret(given.toLowerCase(), hmac('sha256', o.secret, raw, 'hex'))) throw new WebhookRefusal(401, 'bad_signature', 'X-PLACETEL-SIGNATURE does not match the HMAC of the body with pbx.secret');
    },
    read(req, raw): PbxCallEvent {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new WebhookRefusal(415, 'content_type', 'placetel posts application/x-www-form-urlencoded');
      const body = formToObject(raw);
      const name = body.event;
      if (name !== 'IncomingCall' && name !== 'OutgoingCall' && name !== 'CallAccepted' && name !== 'HungUp') {
        throw new WebhookRefusal(422, 'unknown_event', `unknown event ${JSON.stringify(String(name ?? '')).slice(0, 40)}: expected IncomingCall, OutgoingCall, CallAccepted or HungUp`);
      }
      const r = PlacetelEvent.safeParse(body);
      if (!r.success) {
        const issue = r.error.issues[0];
        const where = issue?.path.join('.') || 'body';
        const missing = issue !== undefined && body[String(issue.path[0])] === undefined;
        throw new WebhookRefusal(422, missing ? 'missing_field' : 'invalid_field', missing ? `${name} needs ${where}` : `${where}: ${issue?.message ?? 'invalid'}`);
      }
      const e = r.data;
      const callId = e.call_id;
      switch (e.event) {
        case 'IncomingCall': {
          const to = o.mapper.number(e.to);
          const agents = o.ring[e.to] ?? o.ring[to] ?? o.everyone;
          if (agents.length === 0) throw new WebhookRefusal(422, 'unknown_agent', 'no agent to ring: set pbx.ring or pbx.agents.map');
          return { kind: 'ringing', callId, direction: 'inbound', remote: o.mapper.number(e.from), dialled: to, agents };
        }
        case 'OutgoingCall': {
          const agent = o.mapper.extension(e.peer);
          if (!agent) throw new WebhookRefusal(422, 'unknown_agent', 'peer of this call is not a known agent (see pbx.agents)');
          return { kind: 'ringing', callId, direction: 'outbound', remote: o.mapper.number(e.to), dialled: o.mapper.number(e.to), agents: [agent] };
        }
        case 'CallAccepted': {
          const agent = e.peer !== undefined ? o.mapper.extension(e.peer) : undefined;
          if (e.peer !== undefined && !agent) throw new WebhookRefusal(422, 'unknown_agent', 'peer of this answer is not a known agent (see pbx.agents)');
          return { kind: 'answered', callId, ...(agent ? { agent } : {}) };
        }
        case 'HungUp': {
          const cause = e.type === undefined ? 'normal' : HANGUP_TYPES[e.type];
          if (!cause) throw new WebhookRefusal(422, 'invalid_field', `unknown type ${JSON.stringify((e.type ?? '').slice(0, 32))}: expected ${Object.keys(HANGUP_TYPES).join(', ')}`);
          return { kind: 'ended', callId, cause, ...(e.type === 'accepted' ? { talked: true } : {}) };
        }
      }
    },
  };
}
