import { z } from 'zod';

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
  answered_by: z.string().max(32).nullable(),
  /** null only for a call still in progress when a replayed stream ends. */
  disposition: z.enum(['answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail']).nullable(),
  started_at: z.string(),
  answered_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  duration_s: z.number().int().nonnegative().nullable(),
  talk_s: z.number().int().nonnegative().nullable(),
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
] as const;

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export const seconds = (from: number | null | undefined, to: number | null | undefined): number | null =>
  from === null || from === undefined || to === null || to === undefined ? null : Math.max(0, Math.round((to - from) / 1000));
