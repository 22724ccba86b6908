/**
 * Hand-scripted calls of the test peer: an inbound call ringing one extension or a ring
 * group, its answer, voicemail, hang-up, the flow that follows an async Originate and a
 * BlindTransfer. The event sets follow the recorded FreePBX/Asterisk 16 stream; for the real
 * sequences of queues, transfers, hold, park and voicemail, play a recorded flow instead
 * (recordedPlayer.ts).
 */
import { randomUUID } from 'node:crypto';
import type { AmiMessage } from '../ami/message';
import { bridgeEvent, channelEvent, dialEvent, snapshot, type Pairs, type PeerChannel } from './builders';
import { newSuffix, type ChannelTable } from './channelTable';

export type OriginateOutcome = 'answer' | 'agent-no-answer' | 'agent-busy' | 'congestion' | 'fail';

interface PeerCall {
  id: string;
  caller: string;
  callee: string | undefined;
  /** Other device legs ringing at the same time (a ring group); cancelled when one answers. */
  alsoRinging: string[];
  bridgeId: string | undefined;
  ringing: boolean;
}

export interface OriginateRequest {
  actionId: string;
  channel: string;
  exten: string;
  context: string;
  cid: string;
  channelId: string | undefined;
}

export class ScriptedCalls {
  private readonly calls = new Map<string, PeerCall>();

  constructor(
    private readonly table: ChannelTable,
    private readonly send: (fields: Pairs) => void,
    private readonly options: { trunk: string; originate: () => OriginateOutcome; customerAnswers: () => boolean },
  ) {}

  /** A channel hung up: forget calls whose caller is gone with nothing left on their Linkedid. */
  channelGone(uid: string): void {
    for (const [id, c] of this.calls) {
      if (c.callee === uid) c.callee = undefined;
      if (c.caller === uid && !this.table.values().some((x) => x.linkedid === id)) this.calls.delete(id);
    }
  }

  /**
   * The caller's channel of an inbound call, as Asterisk creates it before its dialplan runs
   * (Newchannel, state Ring); ringInbound with its uniqueid then dials from it. In between, the
   * dialplan may run an AGI (the demo PBX asks the routing server there).
   */
  inboundChannel(o: { from: string; toExtension: string; did?: string }): PeerChannel {
    return this.table.newChannel({
      name: `${this.options.trunk}-${newSuffix()}`,
      state: 4,
      callerNum: o.from,
      context: 'from-pstn',
      exten: o.did ?? o.toExtension,
    });
  }

  ringInbound(o: { from: string; toExtension: string; alsoRing?: string[]; uniqueid?: string; did?: string }): string {
    const t = this.table;
    // The caller's channel inboundChannel() made already, else a new one.
    const existing = o.uniqueid !== undefined ? t.get(o.uniqueid) : undefined;
    const trunk =
      existing ??
      t.newChannel({
        name: `${this.options.trunk}-${newSuffix()}`,
        uniqueid: o.uniqueid,
        state: 4,
        callerNum: o.from,
        context: 'from-pstn',
        exten: o.did ?? o.toExtension,
      });
    const dev = t.newChannel({
      name: `PJSIP/${o.toExtension}-${newSuffix()}`,
      linkedid: trunk.linkedid,
      state: 0,
      callerNum: o.toExtension,
      connectedNum: o.from,
      context: 'from-internal',
      exten: o.toExtension,
    });
    const legs = [dev];
    for (const ext of o.alsoRing ?? []) {
      legs.push(t.newChannel({ name: `PJSIP/${ext}-${newSuffix()}`, linkedid: trunk.linkedid, state: 0, callerNum: ext, connectedNum: o.from, context: 'from-internal', exten: ext }));
    }
    this.calls.set(trunk.linkedid, { id: trunk.linkedid, caller: trunk.uniqueid, callee: dev.uniqueid, alsoRinging: legs.slice(1).map((l) => l.uniqueid), bridgeId: undefined, ringing: true });
    for (const leg of legs) {
      this.send(dialEvent('DialBegin', trunk, leg, [['DialString', `${leg.callerNum}/sip:${leg.callerNum}@192.0.2.10:5060`]]));
      t.setState(leg, 5);
      this.send(dialEvent('DialState', trunk, leg, [['DialStatus', 'RINGING']]));
    }
    return trunk.linkedid;
  }

  answer(callId: string, byExtension?: string): void {
    const t = this.table;
    const call = this.calls.get(callId);
    if (!call || !call.ringing || !call.callee) return;
    if (byExtension !== undefined) {
      const legs = [call.callee, ...call.alsoRinging];
      const chosen = legs.find((u) => t.get(u)?.callerNum === byExtension);
      if (!chosen) return;
      call.callee = chosen;
      call.alsoRinging = legs.filter((u) => u !== chosen);
    }
    const trunkLeg = t.get(call.caller);
    for (const u of call.alsoRinging) {
      const leg = t.get(u);
      if (!leg || !trunkLeg) continue;
      this.send(dialEvent('DialEnd', trunkLeg, leg, [['DialStatus', 'CANCEL']]));
      t.hangupChannel(leg, 26);
    }
    call.alsoRinging = [];
    const caller = t.get(call.caller);
    const callee = t.get(call.callee);
    if (!caller || !callee) return;
    call.ringing = false;
    t.setState(callee, 6);
    this.send(dialEvent('DialEnd', caller, callee, [['DialStatus', 'ANSWER']]));
    if (caller.state !== 6) t.setState(caller, 6);
    const bridgeId = randomUUID();
    call.bridgeId = bridgeId;
    callee.bridgeId = bridgeId;
    this.send(bridgeEvent('BridgeEnter', bridgeId, 1, callee));
    caller.bridgeId = bridgeId;
    this.send(bridgeEvent('BridgeEnter', bridgeId, 2, caller));
  }

  voicemail(callId: string): void {
    const t = this.table;
    const call = this.calls.get(callId);
    if (!call?.callee) return;
    const caller = t.get(call.caller);
    const callee = t.get(call.callee);
    if (!caller || !callee) return;
    call.ringing = false;
    this.send(dialEvent('DialEnd', caller, callee, [['DialStatus', 'NOANSWER']]));
    t.hangupChannel(callee, 19);
    call.callee = undefined;
    Object.assign(caller, { context: 'macro-vm', exten: 's', priority: 1, application: 'VoiceMail', appData: `${callee.callerNum}@default` });
    this.send(channelEvent('Newexten', caller, [['Extension', 's'], ['Application', 'VoiceMail'], ['AppData', caller.appData]]));
    t.setState(caller, 6);
  }

  hangup(callId: string, cause = 16): void {
    const t = this.table;
    const call = this.calls.get(callId);
    const members = t.values().filter((c) => c.linkedid === callId || (call && (c.uniqueid === call.caller || c.uniqueid === call.callee)));
    if (call?.ringing && call.callee) {
      const caller = t.get(call.caller);
      for (const u of [call.callee, ...call.alsoRinging]) {
        const callee = t.get(u);
        if (caller && callee) this.send(dialEvent('DialEnd', caller, callee, [['DialStatus', 'CANCEL']]));
      }
    }
    for (const ch of members) t.hangupChannel(ch, cause);
    this.calls.delete(callId);
  }

  /**
   * An agent's ringing phone hung up by the Hangup action (a declined call). In a ring group the
   * others go on ringing; the last one declining ends the call. DialEnd says what app_dial makes
   * of the cause (ast_hangup_cause_to_dial_status: UNKNOWN for 21, call rejected).
   */
  declineLeg(uid: string, cause: number): boolean {
    const t = this.table;
    const call = [...this.calls.values()].find((c) => c.ringing && (c.callee === uid || c.alsoRinging.includes(uid)));
    const caller = call && t.get(call.caller);
    const leg = t.get(uid);
    if (!call || !caller || !leg) return false;
    this.send(dialEvent('DialEnd', caller, leg, [['DialStatus', cause === 17 ? 'BUSY' : 'UNKNOWN']]));
    t.hangupChannel(leg, cause);
    const rest = [call.callee, ...call.alsoRinging].filter((u): u is string => u !== undefined && u !== uid && t.get(u) !== undefined);
    if (rest.length === 0) {
      this.hangup(call.id);
      return true;
    }
    call.callee = rest[0];
    call.alsoRinging = rest.slice(1);
    return true;
  }

  hangupAll(): void {
    for (const id of [...this.calls.keys()]) this.hangup(id);
    for (const ch of this.table.values()) this.table.hangupChannel(ch, 16);
  }

  callOf(channel: string): string | undefined {
    const ch = this.table.find(channel);
    if (!ch) return undefined;
    for (const c of this.calls.values()) if (c.caller === ch.uniqueid || c.callee === ch.uniqueid) return c.id;
    return ch.linkedid;
  }

  originateFlow(o: OriginateRequest): void {
    const t = this.table;
    const outcome = this.options.originate();
    const response = (ch: PeerChannel | undefined, success: boolean, reason: number): void =>
      this.send([
        ['Event', 'OriginateResponse'],
        ['Privilege', 'call,all'],
        ['ActionID', o.actionId],
        ['Response', success ? 'Success' : 'Failure'],
        ['Channel', ch?.name ?? o.channel],
        ['Context', o.context],
        ['Exten', o.exten],
        ['Reason', String(reason)],
        ['Uniqueid', ch?.uniqueid ?? '<null>'],
        ['CallerIDNum', o.cid || '<unknown>'],
        ['CallerIDName', '<unknown>'],
      ]);
    if (outcome === 'fail') return response(undefined, false, 0);
    const agent = t.newChannel({ name: `${o.channel}-${newSuffix()}`, uniqueid: o.channelId, state: 0, callerNum: o.cid, context: o.context, exten: o.exten });
    this.calls.set(agent.linkedid, { id: agent.linkedid, caller: agent.uniqueid, callee: undefined, alsoRinging: [], bridgeId: undefined, ringing: true });
    t.setState(agent, 5);
    if (outcome !== 'answer') {
      const [cause, reason] = outcome === 'agent-busy' ? [17, 5] : outcome === 'congestion' ? [34, 8] : [19, 3];
      t.hangupChannel(agent, cause);
      this.calls.delete(agent.linkedid);
      return response(agent, false, reason);
    }
    t.setState(agent, 6);
    response(agent, true, 4);
    // A colleague's extension rings their phone (as FreePBX's from-internal does); anything else goes out the trunk.
    const colleague = /^[0-9]{2,6}$/.test(o.exten);
    const trunk = t.newChannel({
      name: colleague ? `PJSIP/${o.exten}-${newSuffix()}` : `${this.options.trunk}-${newSuffix()}`,
      linkedid: agent.linkedid,
      state: 0,
      callerNum: o.exten,
      connectedNum: agent.callerNum,
      context: 'from-internal',
      exten: colleague ? o.exten : 's',
    });
    const call = this.calls.get(agent.linkedid);
    if (call) call.callee = trunk.uniqueid;
    this.send(dialEvent('DialBegin', agent, trunk, [['DialString', colleague ? `${o.exten}/sip:${o.exten}@192.0.2.10:5060` : `trunk/sip:${o.exten}@198.51.100.1`]]));
    t.setState(trunk, 5);
    if (this.options.customerAnswers()) this.answer(agent.linkedid);
  }

  /** The BlindTransfer action on a scripted call: answered, then the scripted events. */
  blindTransfer(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const t = this.table;
    const transferer = t.find(m.get('channel') ?? '');
    const exten = m.get('exten') ?? '';
    if (!transferer) return error('No such channel');
    if (!exten) return error('No extension specified');
    const callId = this.callOf(transferer.uniqueid);
    const call = callId ? this.calls.get(callId) : undefined;
    const otherUid = call ? (call.caller === transferer.uniqueid ? call.callee : call.caller) : undefined;
    const transferee = otherUid ? t.get(otherUid) : undefined;
    if (!call || !transferee) return error('Transfer failed');
    ok([['Message', 'Transfer succeeded']]);
    this.send([
      ['Event', 'BlindTransfer'],
      ['Privilege', 'call,all'],
      ['Result', 'Success'],
      ...snapshot(transferer, 'Transferer'),
      ...snapshot(transferee, 'Transferee'),
      ['IsExternal', 'No'],
      ['Context', m.get('context') ?? 'from-internal'],
      ['Extension', exten],
    ]);
    t.hangupChannel(transferer, 16);
    if (transferee.bridgeId) this.send(bridgeEvent('BridgeLeave', transferee.bridgeId, 0, transferee));
    const target = t.newChannel({
      name: `PJSIP/${exten}-${newSuffix()}`,
      linkedid: transferee.linkedid,
      state: 0,
      callerNum: exten,
      connectedNum: transferee.callerNum,
      context: 'from-internal',
      exten,
    });
    call.caller = transferee.uniqueid;
    call.callee = target.uniqueid;
    call.ringing = true;
    this.send(dialEvent('DialBegin', transferee, target, [['DialString', exten]]));
    t.setState(target, 5);
  }
}
