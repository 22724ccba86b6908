/**
 * Click-to-call: an Originate first rings the agent's own phone, then dials
 * the destination from it. Whoever sent it (the bridge, or another AMI
 * client in a recorded stream), the call goes from that agent to the
 * destination, whatever caller ID the agent's leg was given.
 */
import type { AmiMessage } from '../ami/message';
import type { Chan } from './channels';
import { type CallRec, type ModelCore, MEANINGLESS_EXTEN, clip, numberOr } from './core';
import { cleanId, cleanNumberOpt } from './sanitise';

export interface OriginateExpectation {
  channelId: string;
  otherChannelId?: string;
  actionId?: string;
  extension: string;
  number: string;
  /** The destination is a colleague's extension or a feature code, not an outside number. */
  internal?: boolean;
}

export class OriginateTracker {
  constructor(
    private readonly core: ModelCore,
    private readonly endCall: (c: CallRec, ts: number) => void,
  ) {}

  /** The bridge is about to originate: track the call from its first event (its id is the ChannelId). */
  expect(o: OriginateExpectation, ts: number): CallRec {
    const c = this.core.newCall(o.channelId, o.channelId, ts);
    c.fixed = true;
    c.direction = o.internal ? 'internal' : 'outbound';
    c.from = o.extension;
    c.to = clip(o.number, 64);
    c.agents.add(o.extension);
    c.originate = { channelId: o.channelId, actionId: o.actionId, ext: o.extension };
    if (o.actionId) this.core.originateByAction.set(o.actionId, c.id);
    this.core.touch(c);
    return c;
  }

  /** The Originate was refused (or never answered): forget or fail the expected call. */
  fail(callId: string, reason: number, ts: number): void {
    const c = this.core.calls.get(callId);
    if (!c || !c.originate || c.channels.size > 0) return;
    c.originate.reason = reason;
    this.endCall(c, ts);
  }

  /**
   * A DialBegin with no calling channel is an Originate ringing its first leg: when that
   * leg is an agent's phone, the agent places the call.
   */
  firstLeg(dst: Chan): void {
    const c = this.core.callOf(dst);
    if (!c || c.originUid !== dst.uniqueid || dst.kind !== 'agent' || !dst.ext) return;
    if (!c.originate) c.originate = { channelId: dst.uniqueid, ext: dst.ext };
    else if (!c.originate.ext) c.originate.ext = dst.ext;
    if (!c.fixed) {
      c.fixed = true;
      c.direction = 'outbound';
      c.from = dst.ext;
      c.to = '';
    }
    this.core.touch(c);
  }

  response(m: AmiMessage, ts: number): void {
    const { core } = this;
    const aid = m.value('ActionID');
    let id = aid !== undefined ? core.originateByAction.get(aid) : undefined;
    if (aid !== undefined) core.originateByAction.delete(aid);
    const uid = cleanId(m.value('Uniqueid'));
    if (id === undefined && uid) id = core.channels.get(uid)?.callId ?? core.linkedToCall.get(uid);
    const c = id !== undefined ? core.calls.get(id) : undefined;
    if (!c) return;
    const reason = numberOr(m.value('Reason')) ?? 0;
    if (c.originate) c.originate.reason = reason;
    else c.originate = { channelId: uid ?? c.id, actionId: aid, ext: '', reason };
    // Another client's click-to-call: the response names the agent's channel and the destination.
    const origin = core.channels.get(c.originUid);
    if (!c.originate.ext && origin?.kind === 'agent' && origin.ext && origin.uniqueid === uid) this.firstLeg(origin);
    const exten = cleanNumberOpt(m.value('Exten'));
    if (c.originate.ext && exten && !MEANINGLESS_EXTEN.has(exten) && c.to === '') {
      c.to = clip(exten, 64);
      core.touch(c);
    }
    if (reason !== 4 && c.channels.size === 0) this.endCall(c, ts);
  }
}
