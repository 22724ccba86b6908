/**
 * What the bridge sends agents, checked with the schema the worker reads it with
 * (protocol/perCall.ts) before it goes out. The call model only keeps cleaned PBX strings
 * (sanitise.ts), so this is the safety net for what is added later (names, display numbers) or
 * a bug: a call that fails is repaired (its optional decorations dropped, its numbers cleaned
 * again) or, failing that, left out; never the whole snapshot. Each problem is logged once per
 * call and field path, with the call id and never the value.
 */
import { Call, parseMessage, type ServerMessage } from '../protocol/messages';
import type { Logger } from '../logger';
import { cleanNumber } from './sanitise';

/** Optional parts of a call a failure can cost it, before the call itself is given up. */
const OPTIONAL: ReadonlyArray<keyof Call> = ['names', 'display', 'consult', 'declinedBy', 'routing'];
/** Problems already logged (call id + path), so one bad call does not flood the log. */
const LOGGED_MAX = 1000;

export class OutgoingCheck {
  private readonly logged = new Set<string>();
  /** Calls repaired and calls left out since the bridge started (tests, diagnostics). */
  repaired = 0;
  dropped = 0;

  constructor(private readonly log: Logger) {}

  /** The call as it may go out: itself (usual case), a repaired copy, or undefined (left out). */
  call(call: Call): Call | undefined {
    const first = Call.safeParse(call);
    if (first.success) return call;
    // Field paths without record keys (names and display are keyed by number): never a value in the log.
    const paths = first.error.issues.map((i) => i.path.map((p, n) => (n === 0 || typeof p === 'number' ? String(p) : '*')).join('.') || '(root)');
    const fixed = repair(call, new Set(first.error.issues.map((i) => String(i.path[0] ?? ''))));
    const again = fixed ? parseMessage(Call, fixed) : undefined;
    const ok = again?.ok === true;
    if (ok) this.repaired++;
    else this.dropped++;
    this.report(typeof call?.id === 'string' ? call.id : '(no id)', paths, ok ? 'repaired' : 'left out');
    return again?.ok ? again.value : undefined;
  }

  /** The message as it may go out: a snapshot keeps its valid calls; a call.update whose call fails is not sent. */
  message<T extends ServerMessage>(msg: T): T | undefined {
    if (msg.type === 'snapshot') {
      const calls = msg.calls.map((c) => this.call(c)).filter((c): c is Call => c !== undefined);
      const recent = msg.recent.map((c) => this.call(c)).filter((c): c is Call => c !== undefined);
      return { ...msg, calls, recent };
    }
    if (msg.type === 'call.update') {
      const call = this.call(msg.call);
      return call ? { ...msg, call } : undefined;
    }
    return msg;
  }

  private report(callId: string, paths: string[], outcome: string): void {
    const key = `${callId} ${paths.join(',')}`;
    if (this.logged.has(key)) return;
    if (this.logged.size >= LOGGED_MAX) this.logged.clear();
    this.logged.add(key);
    this.log.warn({ callId, fields: paths.slice(0, 5), outcome }, 'outgoing call failed the protocol schema');
  }
}

/** A copy of the call without what failed: optional parts dropped, numbers and names cleaned again. */
function repair(call: Call, failing: Set<string>): Call | undefined {
  if (call === null || typeof call !== 'object') return undefined;
  const out: Record<string, unknown> = { ...call };
  for (const key of OPTIONAL) if (failing.has(key)) delete out[key];
  if (failing.has('from') && typeof call.from === 'string') out.from = cleanNumber(call.from);
  if (failing.has('to') && typeof call.to === 'string') out.to = cleanNumber(call.to);
  for (const key of ['rung', 'declinedBy'] as const) {
    const list = out[key];
    if (failing.has(key) && Array.isArray(list)) out[key] = list.filter((e) => typeof e === 'string' && /^[0-9A-Za-z*#_-]{1,32}$/.test(e));
  }
  if (failing.has('answeredBy')) out.answeredBy = null;
  return out as Call;
}
