/**
 * Names and readable numbers on the calls the bridge sends to agents: colleagues by extension
 * (every agent token carries its owner's name), the caller as each agent's own lookup found
 * them (`agent.callerName`, kept for that agent only), and from/to in the national format.
 * Calls are decorated as they leave for an agent's session, so the session's recent calls keep
 * the names they had at call time.
 */
import { farNumber, type Call } from '../protocol/messages';
import { displayNumber } from './display';

const MAX_AGENTS = 10_000;
const MAX_CALLERS = 20_000;

export class CallPeople {
  /** Extension -> the agent's name, from the tokens seen (kept after the agent leaves). */
  private readonly agents = new Map<string, string>();
  /** `${userId}:${callId}` -> the caller's name as that agent's lookup found it. */
  private readonly callers = new Map<string, string>();

  constructor(private readonly region: string) {}

  noteAgent(extension: string, name: string): void {
    const n = name.trim();
    if (!n || this.agents.get(extension) === n) return;
    this.agents.delete(extension);
    if (this.agents.size >= MAX_AGENTS) this.agents.delete(this.agents.keys().next().value as string);
    this.agents.set(extension, n.slice(0, 255));
  }

  agentName(extension: string): string | undefined {
    return this.agents.get(extension);
  }

  /** Remembers the caller's name of one call for one agent; false when it was already that. */
  setCaller(userId: number, callId: string, name: string): boolean {
    const key = `${userId}:${callId}`;
    const n = name.trim().slice(0, 255);
    if (!n || this.callers.get(key) === n) return false;
    this.callers.delete(key);
    if (this.callers.size >= MAX_CALLERS) this.callers.delete(this.callers.keys().next().value as string);
    this.callers.set(key, n);
    return true;
  }

  /**
   * The call as `userId` sees it: names of the colleagues and of the caller, numbers for display.
   * Names the call already carries (from call time) stay; new knowledge fills the gaps.
   */
  decorate(call: Call, userId?: number): Call {
    const names: Record<string, string> = {};
    for (const ext of [call.from, call.to, call.answeredBy, ...call.rung]) {
      const name = ext ? this.agents.get(ext) : undefined;
      if (name && ext) names[ext] = name;
    }
    Object.assign(names, call.names);
    // The agent's latest word on their caller wins (they may have picked another customer since).
    const far = farNumber(call);
    const caller = userId === undefined ? undefined : this.callers.get(`${userId}:${call.id}`);
    if (far && caller) names[far] = caller;
    const display: Record<string, string> = { ...call.display };
    for (const n of [call.from, call.to]) {
      const shown = n && !display[n] ? displayNumber(n, this.region) : null;
      if (shown && n) display[n] = shown;
    }
    const out: Call = { ...call };
    if (Object.keys(names).length) out.names = limit(names, 64);
    if (Object.keys(display).length) out.display = display;
    return out;
  }
}

function limit(r: Record<string, string>, max: number): Record<string, string> {
  const keys = Object.keys(r);
  return keys.length <= max ? r : Object.fromEntries(keys.slice(0, max).map((k) => [k, r[k] as string]));
}
