/** Call model rigs for the PBX driver tests: what a driver's events make of calls (not a test file). */
import { CallModel } from '../../../bridge/src/calls/model';
import { createReplay } from '../../../bridge/src/calls/replay';
import type { CallRecord } from '../../../bridge/src/calls/record';
import type { Call } from '../../../bridge/src/protocol/messages';
import { asteriskCapture } from '../calls/streams';

/** What the records are compared on (ids and times differ between a recording and a webhook). */
export const OUTCOME_KEYS = ['direction', 'from', 'to', 'rung', 'answered_by', 'disposition', 'transferred_to', 'queue'] as const;
export type Outcome = Pick<CallRecord, (typeof OUTCOME_KEYS)[number]>;
export const outcome = (r: CallRecord): Outcome => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, r[k]])) as unknown as Outcome;

export interface ModelRig {
  model: CallModel;
  records: CallRecord[];
  /** States pushed to each extension, repeats folded. */
  states: Record<string, string[]>;
  clock: { now: number };
}

export function modelRig(): ModelRig {
  const clock = { now: 1_800_000_000_000 };
  const model = new CallModel({}, { now: () => clock.now });
  const records: CallRecord[] = [];
  const states: Record<string, string[]> = {};
  model.on('ended', (r: CallRecord) => records.push(r));
  model.on('update', (call: Call, exts: string[]) => foldState(states, call, exts));
  return { model, records, states, clock };
}

function foldState(states: Record<string, string[]>, call: Call, exts: string[]): void {
  for (const e of exts.length > 0 ? exts : ['-']) {
    const seq = (states[e] ??= []);
    if (seq[seq.length - 1] !== call.state) seq.push(call.state);
  }
}

/** A recorded Asterisk stream's records and bar states (../shared/asterisk/captures). */
export function amiOutcome(name: string): { records: CallRecord[]; states: Record<string, string[]> } {
  const states: Record<string, string[]> = {};
  const session = createReplay({}, { onUpdate: (call, exts) => foldState(states, call, exts) });
  session.push(asteriskCapture(name));
  return { records: session.end().records, states };
}
