/**
 * Channels going away and calls ending. A call ends when its last live
 * channel is gone, whatever events were missed:
 *  - a Local channel's other half goes with it (Asterisk hangs up both);
 *  - a channel known only as someone's dial destination (its own events,
 *    Hangup included, never came) goes at its DialEnd or with its caller;
 *  - a reconciliation against CoreShowChannels ends what the PBX no longer has.
 */
import type { AmiMessage } from '../ami/message';
import type { CallAssembly } from './assembly';
import type { Chan } from './channels';
import type { CallRec, ModelCore } from './core';
import { disposition } from './disposition';
import { cleanId } from './sanitise';

export interface ResyncToken {
  seq: number;
}

export interface ReconcileResult {
  /** Channels the PBX no longer reports, ended here. */
  channelsEnded: number;
  /** Calls ended because their last channel was among them. */
  callsEnded: number;
}

export class CallLifecycle {
  /** Told of each channel gone, before its call is checked for its end. */
  onGone: ((ch: Chan, c: CallRec) => void) | undefined;
  /** Calls ended so far. */
  endedCount = 0;

  constructor(
    private readonly core: ModelCore,
    private readonly assembly: CallAssembly,
    private readonly ended: (c: CallRec) => void,
  ) {}

  hangup(ch: Chan, cause: number | undefined, ts: number): void {
    const { core } = this;
    if (core.channels.get(ch.uniqueid) !== ch) return;
    core.channels.remove(ch);
    const c = core.callOf(ch);
    if (c) {
      c.channels.delete(ch.uniqueid);
      if (ch.uniqueid === c.originUid) {
        c.originCause = cause;
        c.originHungUpFirst ??= true;
      } else c.originHungUpFirst ??= false;
      const leg = c.legs.get(ch.uniqueid);
      if (leg && !leg.status && cause === 17) leg.status = 'BUSY';
      this.onGone?.(ch, c);
      core.touch(c);
    }
    const partner = ch.kind === 'local' ? core.channels.partner(ch) : undefined;
    if (partner) this.hangup(partner, cause, ts);
    if (c) {
      for (const x of core.channelsOf(c)) if (x.destOnly && x.dialedBy === ch.uniqueid) this.hangup(x, undefined, ts);
      // Nothing left but channels never seen on their own: whoever dialled them is gone.
      const rest = core.channelsOf(c);
      if (rest.length > 0 && rest.every((x) => x.destOnly)) for (const x of rest) this.hangup(x, undefined, ts);
      if (c.channels.size === 0) this.endCall(c, ts);
    }
  }

  endCall(c: CallRec, ts: number): void {
    const { core } = this;
    if (c.endedAt !== null) return;
    c.endedAt = Math.max(ts, c.startedAt);
    this.endedCount++;
    c.disposition = disposition(c);
    for (const l of c.linkedIds) if (core.linkedToCall.get(l) === c.id) core.linkedToCall.delete(l);
    if (c.originate?.actionId) core.originateByAction.delete(c.originate.actionId);
    core.calls.delete(c.id);
    core.dirty.delete(c);
    this.ended(c);
  }

  /**
   * Rebuilds live channels from a CoreShowChannels answer: channels the PBX no longer
   * reports are ended (only those known before `token`, so a channel created while the
   * list was on its way survives), channels it has that the model missed are added.
   */
  resync(list: AmiMessage[], token: ResyncToken | undefined, ts: number): ReconcileResult {
    const { core, assembly } = this;
    const seen = new Set<string>();
    const endedBefore = this.endedCount;
    let channelsEnded = 0;
    for (const m of list) {
      const uid = cleanId(m.value('Uniqueid'));
      // A channel seen hanging up stays gone: the list may predate its Hangup.
      if (!uid || core.channels.hasEnded(uid)) continue;
      seen.add(uid);
      const dur = parseDuration(m.value('Duration'));
      const ch = assembly.ensure(m, '', core.channels.get(uid) || dur === undefined ? ts : ts - dur * 1000);
      if (!ch) continue;
      const bridge = m.value('BridgeId') ?? m.value('BridgedUniqueid');
      if (bridge !== ch.bridgeId) {
        if (ch.bridgeId) core.channels.leaveBridge(ch);
        if (bridge) core.channels.enterBridge(ch, bridge);
        core.touch(core.callOf(ch));
      }
      assembly.noteApplication(ch, m.value('Application'));
    }
    for (const ch of [...core.channels.all()]) {
      if (seen.has(ch.uniqueid)) continue;
      if (token && ch.seq > token.seq) continue;
      channelsEnded++;
      this.hangup(ch, undefined, ts);
    }
    for (const id of [...core.channels.bridgeIds()]) assembly.evaluateBridge(id, ts);
    return { channelsEnded, callsEnded: this.endedCount - endedBefore };
  }
}

/** CoreShowChannel `Duration: HH:MM:SS` -> seconds. */
function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const p = v.split(':').map(Number);
  if (p.some((n) => !Number.isFinite(n))) return undefined;
  return p.reduce((acc, n) => acc * 60 + n, 0);
}
