import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { z } from 'zod';
import type { CallRecord } from '../calls/record';

/** ISO-8601 time as the module accepts it (test/contract/README.md): UTC `Z` or an offset. */
const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, 'must be an ISO-8601 time');
const Id = z.number().int().positive();
/** The module's caps (test/contract/README.md): a queue position or wait past them is a bad record. */
const MAX_QUEUE_POSITION = 100_000;
const MAX_WAIT_S = 604_800;
/** The routing contract's names (bridge/src/routing/contract.ts) and the module's columns (varchar 32, 32, 16). */
const ROUTE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
const RULE_CODE = /^[a-z0-9_-]{1,32}$/;
const ROUTE_REASONS = ['rule', 'no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error'] as const;

/**
 * One call as POST /V1/bandeau/calls takes it (`{"call": …}`), field for field the contract of
 * test/contract/README.md. Absent or null fields keep what Magento already stored.
 */
export const ContractCall = z
  .object({
    call_id: z.string().min(1).max(128),
    linked_ids: z.array(z.string().min(1).max(128)).max(256).optional(),
    direction: z.enum(['inbound', 'outbound', 'internal']),
    from: z.string().max(64).nullable().optional(),
    to: z.string().max(64).nullable().optional(),
    agent_user_id: Id.nullable().optional(),
    agent_extension: z.string().max(32).nullable().optional(),
    customer_id: Id.nullable().optional(),
    order_id: Id.nullable().optional(),
    campaign_id: Id.nullable().optional(),
    started_at: IsoTime,
    answered_at: IsoTime.nullable().optional(),
    ended_at: IsoTime.nullable().optional(),
    duration_s: z.number().int().nonnegative().nullable().optional(),
    talk_s: z.number().int().nonnegative().nullable().optional(),
    disposition: z.enum(['answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail']).nullable().optional(),
    recording_url: z.string().max(1024).regex(/^https?:\/\//i, 'must be an http(s) URL').nullable().optional(),
    note: z.string().max(65535).nullable().optional(),
    transferred_to: z.string().max(64).nullable().optional(),
    queue: z.string().max(80).nullable().optional(),
    queue_position: z.number().int().nonnegative().max(MAX_QUEUE_POSITION).nullable().optional(),
    abandon_position: z.number().int().nonnegative().max(MAX_QUEUE_POSITION).nullable().optional(),
    wait_s: z.number().int().nonnegative().max(MAX_WAIT_S).nullable().optional(),
    /** How the PBX routed the call (FastAGI, issue 15): route name, rule code, reason; null when it was not asked. */
    route: z.string().regex(ROUTE_NAME).nullable().optional(),
    route_rule: z.string().regex(RULE_CODE).nullable().optional(),
    route_reason: z.enum(ROUTE_REASONS).nullable().optional(),
  })
  .strict();
export type ContractCall = z.infer<typeof ContractCall>;

/**
 * What the outbox takes: the call model's final record (its `ended` event), plus the links the
 * model or the bridge may know already. Every extra field is optional (the transfer and queue
 * fields too: records queued by an older bridge do not have them).
 */
type TransferQueueKeys = 'transferred_to' | 'queue' | 'queue_position' | 'abandon_position' | 'wait_s';
export type CallRecordInput = Omit<CallRecord, 'rung' | TransferQueueKeys> &
  Partial<Pick<CallRecord, TransferQueueKeys>> & {
  rung?: string[];
  agent_user_id?: number | null;
  customer_id?: number | null;
  order_id?: number | null;
  campaign_id?: number | null;
  /** From the PBX (a MixMonitor / MIXMONITOR_FILENAME seen by the model, already a URL). */
  recording_url?: string | null;
  note?: string | null;
  /** How the PBX routed the call (routing/routedCalls.ts `routeRecordFields`); absent or null when it was not asked. */
  route?: string | null;
  route_rule?: string | null;
  route_reason?: string | null;
};

/** Looks up what the record itself cannot say; each may answer null/undefined (unknown). */
export interface RecordLinks {
  /** Admin user id of the agent on an extension (learnt from agent tokens). */
  agentUserId?: (extension: string) => number | null | undefined;
  /** Magento customer of the call (from the caller lookup the bridge already made). */
  customerId?: (record: CallRecordInput) => number | null | undefined;
  /** Recording URL template, e.g. https://pbx.example/recordings/{call_id}.wav. */
  recordingUrlTemplate?: string;
}

function safe<T>(fn: (() => T) | undefined): T | undefined {
  if (!fn) return undefined;
  try {
    return fn();
  } catch {
    return undefined; // a broken resolver never costs a call record
  }
}

function positiveId(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** A count within the module's range, else null: one odd queue figure must not cost the record. */
function count(v: unknown, max: number): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : null;
}

/** A short text as the module stores it (trimmed, control characters refused), else null. */
function shortText(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  // eslint-disable-next-line no-control-regex
  return t === '' || /[\u0000-\u001f\u007f]/.test(t) ? null : t.slice(0, max);
}

/** The value when it is a string matching `re`, else null. */
function pattern(v: unknown, re: RegExp): string | null {
  return typeof v === 'string' && re.test(v) ? v : null;
}

export function recordingUrlFromTemplate(template: string, record: Pick<CallRecordInput, 'call_id' | 'linked_ids'>): string {
  return template
    .replaceAll('{call_id}', encodeURIComponent(record.call_id))
    .replaceAll('{linked_id}', encodeURIComponent(record.linked_ids[0] ?? record.call_id));
}

/**
 * ContractCall compiled by ajv from its own JSON Schema (z.toJSONSchema): the outbox checks every
 * record of a burst on the event loop, and this check builds no copy of the record (zod's parse
 * does), about a quarter of its cost. Only its yes is taken as final: what it refuses goes to zod,
 * whose verdict and messages stand (the JSON Schema cannot say all the zod schema says, e.g. the
 * recording URL's case-insensitive scheme, so it may refuse more, never accept more).
 */
let fastCheck: ValidateFunction | undefined;
export function passesFastContractCheck(call: unknown): boolean {
  return compiledContractCheck()(call);
}

/** Compiles the fast check (tens of ms) if not done yet: the outbox does it when it is made, not at the first call's end. */
export function compiledContractCheck(): ValidateFunction {
  return (fastCheck ??= new Ajv2020({ strict: false, allErrors: false }).compile(z.toJSONSchema(ContractCall)));
}

/** Why a call does not match the contract, or null when it does. */
export function contractProblems(call: Record<string, unknown>): string | null {
  if (passesFastContractCheck(call)) return null;
  const r = ContractCall.safeParse(call);
  return r.success ? null : `invalid call record: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}

/**
 * Maps a call record to the contract's call: answered_by becomes agent_extension, the links are
 * resolved, empty values become null. Check the result with `contractProblems`.
 */
export function toContractCall(record: CallRecordInput, links: RecordLinks = {}): Record<string, unknown> {
  const extension = record.answered_by || null;
  const agentUserId = positiveId(record.agent_user_id) ?? (extension ? positiveId(safe(() => links.agentUserId?.(extension))) : null);
  const customerId = positiveId(record.customer_id) ?? positiveId(safe(() => links.customerId?.(record)));
  let recordingUrl = record.recording_url || null;
  if (!recordingUrl && links.recordingUrlTemplate && record.disposition === 'answered') {
    recordingUrl = recordingUrlFromTemplate(links.recordingUrlTemplate, record);
  }
  const call: Record<string, unknown> = {
    call_id: record.call_id,
    linked_ids: record.linked_ids,
    direction: record.direction,
    from: record.from || null,
    to: record.to || null,
    agent_user_id: agentUserId,
    agent_extension: extension,
    customer_id: customerId,
    order_id: positiveId(record.order_id),
    campaign_id: positiveId(record.campaign_id),
    started_at: record.started_at,
    answered_at: record.answered_at,
    ended_at: record.ended_at,
    duration_s: record.duration_s,
    talk_s: record.talk_s,
    disposition: record.disposition,
    recording_url: recordingUrl,
    transferred_to: shortText(record.transferred_to, 64),
    queue: shortText(record.queue, 80),
    queue_position: count(record.queue_position, MAX_QUEUE_POSITION),
    abandon_position: count(record.abandon_position, MAX_QUEUE_POSITION),
    wait_s: count(record.wait_s, MAX_WAIT_S),
  };
  if (record.note) call.note = record.note;
  // Only routed calls carry the route fields: a module without the route columns still takes the others.
  const route = pattern(record.route, ROUTE_NAME);
  if (route) {
    call.route = route;
    call.route_rule = pattern(record.route_rule, RULE_CODE);
    call.route_reason = (ROUTE_REASONS as readonly unknown[]).includes(record.route_reason) ? record.route_reason : null;
  }
  return call;
}

/**
 * Upsert semantics of the module, applied locally when a record for the same call comes again:
 * fields the newer record leaves null or out keep the older value.
 */
export function mergeCalls<T extends Record<string, unknown>>(older: T, newer: T): T {
  const out: Record<string, unknown> = { ...older };
  for (const [k, v] of Object.entries(newer)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}
