/**
 * What each agent sees of a call. The state comes from the channels, not
 * from commands: an agent whose phone rings sees `ringing` (a transfer
 * target too), an agent talking sees `answered`, `held` when someone in its
 * bridge is on hold, `transferring` while it consults a transfer target;
 * the others see the call's overall state (`parked`, `transferring`,
 * `held`, `answered`, `ringing`, `transferred`).
 *
 * The views of a call are worked out from one look at its channels (a Scene)
 * shared by every agent who sees it, and compared with what each agent was
 * last sent field by field: most events change nothing anyone sees, and
 * those must cost little (the `ami parser` benchmark).
 */
import type { Call, CallState } from '../protocol/messages';
import type { Chan } from './channels';
import { consultField, sameConsult } from './consultView';
import type { CallRec, ModelCore } from './core';
import { iso, shownTimes as times } from './record';

/** A call's channels as its views need them, looked at once. */
export interface Scene {
  readonly c: CallRec;
  /** The call's agent device channels (with an extension). */
  readonly agents: Chan[];
  /** Per agent channel: in the conversation. */
  readonly talking: boolean[];
  /** Per agent channel: talking, and someone in its bridge is on hold. */
  readonly held: boolean[];
  overall: CallState | undefined;
  talker: string | null | undefined;
}

/** A view's parts that vary between the agents of one call. */
interface Head {
  state: CallState;
  answeredBy: string | null;
}

export class CallViews {
  constructor(private readonly core: ModelCore) {}

  /**
   * An agent's phone in the conversation: bridged with another party, or just picked up
   * (Up, its dial answered) while the PBX joins the bridges (a queue's Local pair).
   */
  private talkingNow(c: CallRec, ch: Chan): boolean {
    if (this.core.channels.isConnected(ch)) return true;
    // (An Originate's first leg is the agent's own phone: picking it up answers nothing yet.)
    return !ch.talked && ch.state === 6 && ch.uniqueid !== c.originUid && c.legs.get(ch.uniqueid)?.status === 'ANSWER';
  }

  /** An agent's phone being offered the call right now (a new channel is about to ring). */
  private ringing(c: CallRec, ch: Chan): boolean {
    if (ch.bridgeId || ch.talked) return false;
    const leg = c.legs.get(ch.uniqueid);
    if (leg?.status) return false;
    return leg !== undefined || ch.state === 5 || ch.state === 0;
  }

  scene(c: CallRec): Scene {
    const agents: Chan[] = [];
    for (const ch of this.core.channelsOf(c)) if (ch.kind === 'agent' && ch.ext) agents.push(ch);
    const talking: boolean[] = [];
    const held: boolean[] = [];
    for (const ch of agents) {
      const t = this.talkingNow(c, ch);
      talking.push(t);
      held.push(t && ch.bridgeId !== undefined && this.core.channels.isHeld(ch.bridgeId));
    }
    return { c, agents, talking, held, overall: undefined, talker: undefined };
  }

  /** The call's overall state (what an agent not in it sees). */
  private overall(s: Scene): CallState {
    if (s.overall === undefined) s.overall = this.computeOverall(s);
    return s.overall;
  }

  private computeOverall(s: Scene): CallState {
    const { c } = s;
    if (c.endedAt !== null) return 'ended';
    if (c.parked) return 'parked';
    if (c.consult) return 'transferring';
    if (s.talking.includes(true)) return s.held.includes(true) ? 'held' : 'answered';
    if (c.answeredAt === null) return 'ringing';
    if (s.agents.some((ch) => this.ringing(c, ch))) return 'ringing';
    if (this.core.channelsOf(c).some((ch) => ch.moh || (ch.hold && ch.holdBridge === ch.bridgeId))) return 'held';
    return c.transferPending ? 'transferred' : 'answered';
  }

  /** The agent talking in the call now (the callee rather than the agent who placed it). */
  private talker(s: Scene): string | null {
    if (s.talker !== undefined) return s.talker;
    let best: Chan | undefined;
    let bestOther: Chan | undefined;
    const origin = this.core.originExt(s.c);
    for (let i = 0; i < s.agents.length; i++) {
      if (!s.talking[i]) continue;
      const ch = s.agents[i] as Chan;
      if (!best || ch.seq > best.seq) best = ch;
      if (ch.ext !== origin && (!bestOther || ch.seq > bestOther.seq)) bestOther = ch;
    }
    s.talker = (bestOther ?? best)?.ext ?? null;
    return s.talker;
  }

  /** Who the call is with for an agent not talking in it: the talker, else whoever took it last. */
  private others(s: Scene): string | null {
    const { c } = s;
    const last = c.transferredTo !== null && c.connectedEver.has(c.transferredTo) ? c.transferredTo : null;
    return this.talker(s) ?? last ?? c.answeredBy;
  }

  /** State and speaker as `ext` sees them (the overall ones without `ext`). */
  private head(s: Scene, ext: string | undefined): Head {
    const { c } = s;
    if (ext === undefined) return { state: this.overall(s), answeredBy: this.others(s) };
    let talking = false;
    let held = false;
    let ringing = false;
    for (let i = 0; i < s.agents.length; i++) {
      const ch = s.agents[i] as Chan;
      if (ch.ext !== ext) continue;
      if (s.talking[i]) {
        talking = true;
        if (s.held[i]) held = true;
      } else if (this.ringing(c, ch)) ringing = true;
    }
    if (c.endedAt !== null) return { state: 'ended', answeredBy: talking ? ext : this.others(s) };
    if (talking) return { state: c.consult?.transferer === ext ? 'transferring' : held ? 'held' : 'answered', answeredBy: ext };
    if (ringing) return { state: 'ringing', answeredBy: this.others(s) };
    // They passed it on: it ends for them as soon as their phone leaves it.
    if (c.transferers.has(ext)) return { state: 'transferred', answeredBy: this.others(s) };
    return { state: this.overall(s), answeredBy: this.others(s) };
  }

  private build(c: CallRec, h: Head): Call {
    const t = times(c);
    return {
      id: c.id,
      direction: c.direction,
      state: h.state,
      from: c.from,
      to: c.to,
      rung: c.rung.slice(),
      answeredBy: h.answeredBy,
      startedAt: t.started,
      answeredAt: t.answered,
      endedAt: t.ended,
      disposition: c.endedAt !== null ? c.disposition : null,
      ...(c.declinedBy.size > 0 ? { declinedBy: [...c.declinedBy] } : {}),
      ...consultField(this.core, c),
      ...(c.routing ? { routing: c.routing } : {}),
    };
  }

  /** The call as `ext` sees it (the overall view without `ext`). */
  view(c: CallRec, ext?: string, s: Scene = this.scene(c)): Call {
    return this.build(c, this.head(s, ext));
  }

  /**
   * The view of `ext` if it differs from `sent` (what that agent was last sent, compared field
   * by field), else undefined. `like` are views built for other agents in this round: an equal
   * one is handed back instead of a copy, so agents seeing the same view are told together.
   */
  changedView(s: Scene, ext: string | undefined, sent: Call | undefined, like: Call[]): Call | undefined {
    const h = this.head(s, ext);
    if (sent !== undefined && sameView(sent, s.c, h) && sameConsult(sent, this.core, s.c)) return undefined;
    for (const v of like) if (sameView(v, s.c, h) && sameConsult(v, this.core, s.c)) return v;
    return this.build(s.c, h);
  }

  /** The call as it ends for an agent who passed it on while it goes on. */
  departedView(s: Scene, ext: string, ts: number): Call {
    return { ...this.view(s.c, ext, s), state: 'ended', answeredBy: ext, endedAt: iso(Math.max(ts, s.c.startedAt)), disposition: 'answered' };
  }

  /** The call as it ends for an agent who declined it while it rings others. */
  declinedView(s: Scene, ext: string, ts: number): Call {
    return { ...this.view(s.c, ext, s), state: 'ended', endedAt: iso(Math.max(ts, s.c.startedAt)), disposition: 'missed' };
  }

  /** Agents whose phones are in the call. */
  liveExtensions(s: Scene): Set<string> {
    return new Set(s.agents.map((ch) => ch.ext as string));
  }
}

/** `v` is exactly the view build(c, h) would give. */
function sameView(v: Call, c: CallRec, h: Head): boolean {
  if (v.state !== h.state || v.answeredBy !== h.answeredBy || v.id !== c.id || v.direction !== c.direction || v.from !== c.from || v.to !== c.to) return false;
  const t = times(c);
  if (v.startedAt !== t.started || v.answeredAt !== t.answered || v.endedAt !== t.ended) return false;
  if (v.disposition !== (c.endedAt !== null ? c.disposition : null)) return false;
  if (!sameList(v.rung, c.rung) || v.routing !== c.routing) return false;
  if (c.declinedBy.size === 0) return v.declinedBy === undefined;
  return v.declinedBy !== undefined && sameList(v.declinedBy, [...c.declinedBy]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
