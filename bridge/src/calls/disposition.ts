/**
 * How a finished call ended, from what the model saw of it. "Abandoned" is a
 * queue (or IVR) word: the caller gave up before anyone was offered the call
 * or while waiting in a queue. A direct call the caller cancels while an
 * agent's phone rings is a missed call for that agent.
 */
import type { CallDisposition } from '../protocol/messages';
import type { CallRec } from './core';

const FAILED_CAUSES = new Set([1, 2, 3, 21, 22, 27, 28, 29, 34, 38, 41, 42, 44, 58, 66, 88]);
const NO_ANSWER_CAUSES = new Set([18, 19, 20]);
const FAILED_STATUSES = new Set(['CONGESTION', 'CHANUNAVAIL', 'INVALIDARGS']);

export function disposition(c: CallRec): CallDisposition {
  if (c.answeredAt !== null) return 'answered';
  if (c.voicemail) return 'voicemail';
  // Nobody took it because the agents declined it: missed for the caller, whatever the PBX said.
  if (c.declinedBy.size > 0) return 'missed';
  const r = c.originate?.reason;
  if (r !== undefined && r !== 4) return r === 5 ? 'busy' : r === 3 ? 'missed' : 'failed';
  // A queue caller who hung up (or whose channel vanished) before an agent took the call.
  if (c.queue && (c.queue.abandoned || c.originHungUpFirst !== false)) return 'abandoned';
  const st = [...c.legs.values()].map((l) => l.status).filter((s): s is string => !!s);
  if (st.includes('BUSY')) return 'busy';
  if (st.length > 0 && st.every((s) => FAILED_STATUSES.has(s))) return 'failed';
  if (st.includes('CANCEL') || st.includes('NOANSWER')) return 'missed';
  const cause = c.originCause;
  if (cause === 17) return 'busy';
  if (cause !== undefined && FAILED_CAUSES.has(cause)) return 'failed';
  if (cause !== undefined && NO_ANSWER_CAUSES.has(cause)) return 'missed';
  if (c.originate) return 'missed';
  if (c.direction === 'outbound') return c.legs.size > 0 ? 'missed' : 'failed';
  // Nobody was offered the call (IVR, waiting): the caller gave up.
  if (c.rung.length === 0) return 'abandoned';
  return 'missed';
}
