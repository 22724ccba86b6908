import { z } from 'zod';
import type { CallRec } from './core';

/**
 * The final record of one call, as printed by `replay` and delivered to the
 * call log. Keys are snake_case and exactly these.
 */
export const CallRecord = z.object({
  call_id: z.string().min(1).max(128),
  linked_ids: z.array(z.string().max(128)).max(256),
  direction: z.enum(['inbound', 'outbound', 'internal']),
  from: z.string().max(64),
  to: z.string().max(64),
  rung: z.array(z.string().max(32)).max(256),
  /** The first agent who answered. */
  answered_by: z.string().max(32).nullable(),
  /** null only for a call still in progress when a replayed stream ends. */
  disposition: z.enum(['answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail']).nullable(),
  started_at: z.string(),
  answered_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  duration_s: z.number().int().nonnegative().nullable(),
  talk_s: z.number().int().nonnegative().nullable(),
  /** Where the call was transferred (or parked and picked up): the agent who took it, or the number dialled. */
  transferred_to: z.string().max(64).nullable(),
  /** Queue the caller waited in, with their position when joining and when giving up, and the wait. */
  queue: z.string().max(80).nullable(),
  queue_position: z.number().int().nonnegative().nullable(),
  abandon_position: z.number().int().nonnegative().nullable(),
  wait_s: z.number().int().nonnegative().nullable(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const CALL_RECORD_KEYS = [
  'call_id',
  'linked_ids',
  'direction',
  'from',
  'to',
  'rung',
  'answered_by',
  'disposition',
  'started_at',
  'answered_at',
  'ended_at',
  'duration_s',
  'talk_s',
  'transferred_to',
  'queue',
  'queue_position',
  'abandon_position',
  'wait_s',
] as const;

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** A call's times as ISO strings, formatted once per value (views are built far more often). */
export interface ShownTimes {
  startedMs: number;
  started: string;
  answeredMs: number | null;
  answered: string | null;
  endedMs: number | null;
  ended: string | null;
}

export function shownTimes(c: CallRec): ShownTimes {
  let t = c.shown;
  if (t === undefined) {
    t = { startedMs: c.startedAt, started: iso(c.startedAt) as string, answeredMs: c.answeredAt, answered: iso(c.answeredAt), endedMs: c.endedAt, ended: iso(c.endedAt) };
    c.shown = t;
    return t;
  }
  if (t.startedMs !== c.startedAt) {
    t.startedMs = c.startedAt;
    t.started = iso(c.startedAt) as string;
  }
  if (t.answeredMs !== c.answeredAt) {
    t.answeredMs = c.answeredAt;
    t.answered = iso(c.answeredAt);
  }
  if (t.endedMs !== c.endedAt) {
    t.endedMs = c.endedAt;
    t.ended = iso(c.endedAt);
  }
  return t;
}

export const seconds = (from: number | null | undefined, to: number | null | undefined): number | null =>
  from === null || from === undefined || to === null || to === undefined ? null : Math.max(0, Math.round((to - from) / 1000));

const count = (n: number | undefined): number | null => (n === undefined || !Number.isInteger(n) || n < 0 ? null : n);

/** The record of a call (ended_at null while it goes on). */
export function buildRecord(c: CallRec): CallRecord {
  const end = c.endedAt;
  const t = shownTimes(c);
  const q = c.queue;
  let wait: number | null = null;
  if (q) wait = count(q.waitS) ?? seconds(q.joinedAt, c.answeredAt ?? end);
  return {
    call_id: c.id,
    linked_ids: c.linkedIds.slice(),
    direction: c.direction,
    from: c.from,
    to: c.to,
    rung: c.rung.slice(),
    answered_by: c.answeredBy,
    disposition: end !== null ? c.disposition : null,
    started_at: t.started,
    answered_at: t.answered,
    ended_at: t.ended,
    duration_s: seconds(c.startedAt, end),
    talk_s: end === null ? null : c.answeredAt === null ? 0 : seconds(c.answeredAt, end),
    transferred_to: c.transferredTo,
    queue: q?.name?.slice(0, 80) ?? null,
    queue_position: count(q?.position),
    abandon_position: count(q?.abandonPosition),
    wait_s: wait,
  };
}
