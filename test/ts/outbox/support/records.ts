import type { CallRecord } from '../../../../bridge/src/calls/record';

/** The i-th call of a test burst, shaped as the call model's `ended` record. */
export function burstRecord(prefix: string, i: number): CallRecord {
  const start = Date.UTC(2024, 4, 1, 12, 0, 0) + i * 1000;
  const answered = i % 3 !== 2;
  const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    call_id: `${prefix}.${i}`,
    linked_ids: [`${prefix}.${i}`, `${prefix}.${i}.1`],
    direction: i % 2 === 0 ? 'inbound' : 'outbound',
    from: `+3361234${String(i % 10000).padStart(4, '0')}`,
    to: '1001',
    rung: ['1001', '1002'],
    answered_by: answered ? '1001' : null,
    disposition: answered ? 'answered' : 'missed',
    started_at: iso(start),
    answered_at: answered ? iso(start + 5000) : null,
    ended_at: iso(start + 65_000),
    duration_s: 65,
    talk_s: answered ? 60 : 0,
    transferred_to: null,
    queue: null,
    queue_position: null,
    abandon_position: null,
    wait_s: null,
  };
}

export const burstIds = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, k) => `${prefix}.${from + k}`);
