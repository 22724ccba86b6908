/**
 * What each agent sees of a call. The state comes from the channels, not
 * from commands: an agent whose phone rings sees `ringing` (a transfer
 * target too), an agent talking sees `answered`, `held` when someone in its
 * bridge is on hold, `transferring` while it consults a transfer target;
 * the others see the call's overall state (`parked`, `transferring`,
 * `held`, `answered`, `ringing`, `transferred`).
 */
import type { Call, CallState } from '../protocol/messages';
import type { Chan } from './channels';
import type { CallRec, ModelCore } from './core';
import { iso } from './record';

export class CallViews {
  constructor(private readonly core: ModelCore) {}

  /**
   * An agent's phone in the conversation: bridged with another party, or just picked up
   * (Up, its dial answered) while the PBX joins the bridges (a queue's Local pair).
   */
  private talking(c: CallRec, ch: Chan): boolean {
    if (ch.kind !== 'agent') return false;
    if (this.core.channels.isConnected(ch)) return true;
    // (An Originate's first leg is the agent's own phone: picking it up answers nothing yet.)
    return !ch.talked && ch.state === 6 && ch.uniqueid !== c.originUid && c.legs.get(ch.uniqueid)?.status === 'ANSWER';
  }

  /** An agent's phone being offered the call right now (a new channel is about to ring). */
  private ringing(c: CallRec, ch: Chan): boolean {
    if (ch.kind !== 'agent' || ch.bridgeId || ch.talked) return false;
    const leg = c.legs.get(ch.uniqueid);
    if (leg?.status) return false;
    return leg !== undefined || ch.state === 5 || ch.state === 0;
  }

  private agentChannels(c: CallRec): Chan[] {
    return this.core.channelsOf(c).filter((ch) => ch.kind === 'agent' && ch.ext);
  }

  private held(chs: Chan[]): boolean {
    return chs.some((ch) => ch.bridgeId !== undefined && this.core.channels.isHeld(ch.bridgeId));
  }

  state(c: CallRec): CallState {
    if (c.endedAt !== null) return 'ended';
    if (c.parked) return 'parked';
    if (c.consult) return 'transferring';
    const agents = this.agentChannels(c);
    const talking = agents.filter((ch) => this.talking(c, ch));
    if (talking.length > 0) return this.held(talking) ? 'held' : 'answered';
    if (c.answeredAt === null) return 'ringing';
    if (agents.some((ch) => this.ringing(c, ch))) return 'ringing';
    if (this.core.channelsOf(c).some((ch) => ch.moh || (ch.hold && ch.holdBridge === ch.bridgeId))) return 'held';
    return c.transferPending ? 'transferred' : 'answered';
  }

  agentState(c: CallRec, ext: string): CallState {
    if (c.endedAt !== null) return 'ended';
    const mine = this.agentChannels(c).filter((ch) => ch.ext === ext);
    const talking = mine.filter((ch) => this.talking(c, ch));
    if (talking.length > 0) {
      if (c.consult?.transferer === ext) return 'transferring';
      return this.held(talking) ? 'held' : 'answered';
    }
    if (mine.some((ch) => this.ringing(c, ch))) return 'ringing';
    // They passed it on: it ends for them as soon as their phone leaves it.
    if (c.transferers.has(ext)) return 'transferred';
    return this.state(c);
  }

  /** The agent talking in the call now (the callee rather than the agent who placed it). */
  private talker(c: CallRec): string | null {
    const origin = this.core.originExt(c);
    const talking = this.agentChannels(c)
      .filter((ch) => this.talking(c, ch))
      .sort((a, b) => b.seq - a.seq);
    return (talking.find((ch) => ch.ext !== origin) ?? talking[0])?.ext ?? null;
  }

  /** The call as `ext` sees it (the overall view without `ext`). */
  view(c: CallRec, ext?: string): Call {
    const talking = ext !== undefined && this.agentChannels(c).some((ch) => ch.ext === ext && this.talking(c, ch));
    const last = c.transferredTo !== null && c.connectedEver.has(c.transferredTo) ? c.transferredTo : null;
    return {
      id: c.id,
      direction: c.direction,
      state: ext === undefined ? this.state(c) : this.agentState(c, ext),
      from: c.from,
      to: c.to,
      rung: c.rung.slice(),
      answeredBy: talking ? (ext as string) : (this.talker(c) ?? last ?? c.answeredBy),
      startedAt: iso(c.startedAt) as string,
      answeredAt: iso(c.answeredAt),
      endedAt: iso(c.endedAt),
      disposition: c.endedAt !== null ? c.disposition : null,
      ...(c.declinedBy.size > 0 ? { declinedBy: [...c.declinedBy] } : {}),
    };
  }

  /** The call as it ends for an agent who passed it on while it goes on. */
  departedView(c: CallRec, ext: string, ts: number): Call {
    return { ...this.view(c, ext), state: 'ended', answeredBy: ext, endedAt: iso(Math.max(ts, c.startedAt)), disposition: 'answered' };
  }

  /** The call as it ends for an agent who declined it while it rings others. */
  declinedView(c: CallRec, ext: string, ts: number): Call {
    return { ...this.view(c, ext), state: 'ended', endedAt: iso(Math.max(ts, c.startedAt)), disposition: 'missed' };
  }

  /** Agents whose phones are in the call. */
  liveExtensions(c: CallRec): Set<string> {
    return new Set(this.agentChannels(c).map((ch) => ch.ext as string));
  }
}
