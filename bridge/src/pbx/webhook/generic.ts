/**
 * The generic JSON webhook: the event set of Zammad's generic CTI interface (newCall, answer,
 * hangup with callId, from, to, direction, user, cause; docs.zammad.org, "Generic CTI"), sent
 * as JSON to `POST /pbx/webhook/generic` with the shared token in `Authorization: Bearer`. Many
 * PBXs and middlewares already speak it. A call is reported only: the bar shows it ringing,
 * answered, ended, with the caller's card, and the call log gets its record; nothing is
 * commanded back, so the driver declares no capability.
 *
 * Replays: each event of a call is accepted once (a second newCall, answer or hangup for the
 * same callId is refused), and an event carrying a `timestamp` outside the replay window is
 * refused as stale.
 */
import { z } from 'zod';
import type { HangupCause, PbxCallEvent } from '../callEvents';
import { FieldMapper } from '../mapping';
import { requireBearer } from './auth';
import { WebhookRefusal, type WebhookSpec } from './endpoint';

export const GENERIC_PATH = '/pbx/webhook/generic';
/** The fields of the Zammad event set that can name the agent. */
export const GENERIC_AGENT_FIELDS = ['user', 'answeringNumber'] as const;

export const CAUSES: Record<string, HangupCause> = {
  normalClearing: 'normal',
  busy: 'busy',
  cancel: 'cancel',
  noAnswer: 'noAnswer',
  congestion: 'failed',
  notFound: 'failed',
  forwarded: 'forwarded',
};

const text = (max: number) => z.string().max(max);
const CallIdText = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:@-]+$/, 'must be 1-100 letters, digits, . _ : @ -');
const NumberText = z.union([text(64), z.number()]);
const Common = {
  callId: CallIdText,
  from: NumberText,
  to: NumberText,
  direction: z.enum(['in', 'out']),
  user: z.union([text(255), z.array(text(255)).max(64)]).optional(),
  /** sipgate.io's ids beside the names (webhook/sipgate.ts): the same event set. */
  userId: z.union([text(255), z.array(text(255)).max(64)]).optional(),
  fullUserId: z.union([text(255), z.array(text(255)).max(64)]).optional(),
  answeringNumber: text(255).optional(),
  /** Seconds since the epoch (or an ISO time): refused outside the replay window. */
  timestamp: z.union([z.number(), text(40)]).optional(),
  queue: text(255).optional(),
};
const GenericEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('newCall'), ...Common }),
  z.object({ event: z.literal('answer'), ...Common }),
  z.object({ event: z.literal('hangup'), ...Common, cause: z.string().max(64).optional() }),
]);
export type GenericEvent = z.infer<typeof GenericEvent>;
/** The fields an agent can be read from. */
type AgentField = 'user' | 'userId' | 'fullUserId' | 'answeringNumber';

export interface GenericWebhookOptions {
  token: string;
  replayWindowS: number;
  mapper: FieldMapper;
  now?: () => number;
}

export function genericWebhook(o: GenericWebhookOptions): WebhookSpec {
  const now = o.now ?? Date.now;
  return {
    path: GENERIC_PATH,
    checkHeaders: (req) => requireBearer(req, o.token),
    read(req, raw) {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') throw new WebhookRefusal(415, 'content_type', 'send the event as JSON (Content-Type: application/json)');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new WebhookRefusal(400, 'not_json', 'the body is not valid JSON');
      }
      return toCallEvent(parseGeneric(body), o.mapper, o.replayWindowS, now());
    },
  };
}

/** The event, or a 422 that names what is wrong (the unknown event, the missing field). */
export function parseGeneric(body: unknown): GenericEvent {
  const event = (body as { event?: unknown } | null)?.event;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new WebhookRefusal(422, 'invalid_event', 'the body must be a JSON object');
  if (event !== 'newCall' && event !== 'answer' && event !== 'hangup') {
    throw new WebhookRefusal(422, 'unknown_event', `unknown event ${JSON.stringify(String(event ?? '')).slice(0, 40)}: expected newCall, answer or hangup`);
  }
  const r = GenericEvent.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    const missing = issue !== undefined && issue.path.length === 1 && (body as Record<string, unknown>)[String(issue.path[0])] === undefined;
    throw new WebhookRefusal(422, missing ? 'missing_field' : 'invalid_field', missing ? `${event} needs ${where}` : `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

export function toCallEvent(e: GenericEvent, mapper: FieldMapper, windowS: number, nowMs: number): PbxCallEvent {
  const at = eventTime(e.timestamp);
  if (at !== undefined && Math.abs(nowMs / 1000 - at) > windowS) {
    throw new WebhookRefusal(409, 'stale', `the event's timestamp is more than ${windowS} s away from the bridge's clock: refused as a replay`);
  }
  const timing = at !== undefined ? { at } : {};
  const agentValues = (): string[] => {
    const v = e[mapper.agentField as AgentField];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  switch (e.event) {
    case 'newCall': {
      const values = agentValues();
      const agents = [...new Set(values.map((v) => mapper.extension(v)).filter((x): x is string => x !== undefined))];
      if (agents.length === 0) {
        throw new WebhookRefusal(422, 'unknown_agent', values.length === 0 ? `newCall needs ${mapper.agentField} (the agent)` : `no ${mapper.agentField} of this call is a known agent (see pbx.agents)`);
      }
      if (e.direction === 'in') return { kind: 'ringing', callId: e.callId, direction: 'inbound', remote: mapper.number(e.from), dialled: mapper.number(e.to), agents, ...timing };
      return { kind: 'ringing', callId: e.callId, direction: 'outbound', remote: mapper.number(e.to), dialled: mapper.number(e.to), agents: agents.slice(0, 1), ...timing };
    }
    case 'answer': {
      const value = agentValues()[0];
      const agent = value !== undefined ? mapper.extension(value) : undefined;
      if (value !== undefined && agent === undefined) throw new WebhookRefusal(422, 'unknown_agent', `${mapper.agentField} of this answer is not a known agent (see pbx.agents)`);
      return { kind: 'answered', callId: e.callId, ...(agent ? { agent } : {}), ...timing };
    }
    case 'hangup': {
      const cause = e.cause === undefined ? 'normal' : CAUSES[e.cause];
      if (!cause) throw new WebhookRefusal(422, 'invalid_field', `unknown cause ${JSON.stringify((e.cause ?? '').slice(0, 32))}: expected ${Object.keys(CAUSES).join(', ')}`);
      return { kind: 'ended', callId: e.callId, cause, ...timing };
    }
  }
}

function eventTime(t: number | string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const n = typeof t === 'number' ? t : /^\d+(\.\d+)?$/.test(t) ? Number(t) : Date.parse(t) / 1000;
  if (!Number.isFinite(n)) throw new WebhookRefusal(422, 'invalid_field', 'timestamp: seconds since 1970 or an ISO time');
  // Milliseconds given for seconds: read them as such.
  return n > 1e11 ? n / 1000 : n;
}
