/**
 * The live call model: AMI channel events in, calls out.
 *
 * Channels are keyed by Uniqueid; calls group channels by Linkedid, and a
 * channel whose Linkedid changes moves to the call that owns the new one
 * (the emptied call is merged into it). A call is answered when an agent's
 * device is bridged with another party, looking through Local channel
 * pairs; a channel that goes Up in voicemail or an IVR is not an answer.
 *
 * Events:
 *  - 'update' (call: Call, extensions: string[])  the call changed; push it to these agents
 *  - 'removed' (callId: string, extensions: string[])  the call was merged into another one
 *  - 'ended' (record: CallRecord, call: Call, extensions: string[])  final record, once per call
 *
 * Everything here is synchronous and never throws on odd input.
 */
import { EventEmitter } from 'node:events';
import type { Call, CallDirection, CallDisposition, CallState } from '../protocol/messages';
import { AmiMessage } from '../ami/message';
import { CallModelConfig, type CallModelConfigInput } from './config';
import { ChannelClassifier, localPartnerName, type ChannelKind } from './classify';
import { type CallRecord, iso, seconds } from './record';
import { emitIsolated } from '../ami/isolatedEmit';
import { createLogger, type Logger } from '../logger';

export interface ChannelView {
  uniqueid: string;
  linkedid: string;
  name: string;
  kind: ChannelKind;
  ext: string | undefined;
  state: number;
  bridgeId: string | undefined;
  callId: string;
  onHold: boolean;
}

interface Chan {
  uniqueid: string;
  name: string;
  linkedid: string;
  /** False when the server never told us the Linkedid (Asterisk 11). */
  linkedidKnown: boolean;
  callId: string;
  kind: ChannelKind;
  ext: string | undefined;
  state: number;
  callerNum: string | undefined;
  context: string | undefined;
  exten: string | undefined;
  bridgeId: string | undefined;
  hold: boolean;
  moh: boolean;
  createdAt: number;
  seq: number;
}

interface Leg {
  ext: string | undefined;
  status: string | undefined;
}

interface CallRec {
  id: string;
  linkedIds: string[];
  channels: Set<string>;
  originUid: string;
  direction: CallDirection;
  from: string;
  to: string;
  /** from/to/direction were set by the bridge's own Originate. */
  fixed: boolean;
  rung: string[];
  agents: Set<string>;
  answeredBy: string | null;
  answeredAt: number | null;
  startedAt: number;
  endedAt: number | null;
  disposition: CallDisposition | null;
  legs: Map<string, Leg>;
  voicemail: boolean;
  abandoned: boolean;
  transferPending: boolean;
  originHungUpFirst: boolean | undefined;
  originCause: number | undefined;
  originate: { channelId: string; actionId?: string; ext: string; reason?: number } | undefined;
  lastSent: string | undefined;
}

export interface ResyncToken {
  seq: number;
}

export interface OriginateExpectation {
  channelId: string;
  otherChannelId?: string;
  actionId?: string;
  extension: string;
  number: string;
}

export interface CallModelOptions {
  /** Clock (ms since epoch) for events without a Timestamp header. */
  now?: () => number;
  logger?: Logger;
}

const FAILED_CAUSES = new Set([1, 2, 3, 21, 22, 27, 28, 29, 34, 38, 41, 42, 44, 58, 66, 88]);
const NO_ANSWER_CAUSES = new Set([18, 19, 20]);
const MEANINGLESS_EXTEN = new Set(['s', 'h', 'i', 't', '']);

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

export class CallModel extends EventEmitter {
  readonly config: CallModelConfig;
  private readonly cls: ChannelClassifier;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly channels = new Map<string, Chan>();
  private readonly byName = new Map<string, string>();
  private readonly bridges = new Map<string, Set<string>>();
  private readonly calls = new Map<string, CallRec>();
  private readonly linkedToCall = new Map<string, string>();
  private readonly originateByAction = new Map<string, string>();
  private readonly ended = new Map<string, true>();
  private readonly dirty = new Set<CallRec>();
  private seq = 0;
  private vmApps: Set<string>;
  /** Events handled, for metrics. */
  eventsHandled = 0;

  constructor(config: CallModelConfigInput | CallModelConfig = {}, options: CallModelOptions = {}) {
    super();
    this.config = CallModelConfig.parse(config);
    this.cls = new ChannelClassifier(this.config);
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? createLogger('silent');
    this.vmApps = new Set(this.config.voicemailApplications.map((a) => a.toLowerCase()));
  }

  // ------------------------------------------------------------------ queries

  getCall(id: string): Call | undefined {
    const c = this.calls.get(id);
    return c ? this.view(c) : undefined;
  }

  liveCalls(): Call[] {
    return [...this.calls.values()].map((c) => this.view(c));
  }

  /** Calls an agent should see: its extension rang, answered or has a channel in them. */
  callsForExtension(ext: string): Call[] {
    return [...this.calls.values()].filter((c) => this.extensionsOf(c).includes(ext)).map((c) => this.view(c));
  }

  /** Extensions concerned by a call (the agents to push it to). */
  extensionsFor(callId: string): string[] {
    const c = this.calls.get(callId);
    return c ? this.extensionsOf(c) : [];
  }

  liveChannels(): ChannelView[] {
    return [...this.channels.values()].map((ch) => this.chanView(ch));
  }

  /** Live channels of a call. */
  channelsOf(callId: string): ChannelView[] {
    const c = this.calls.get(callId);
    if (!c) return [];
    return [...c.channels].map((u) => this.channels.get(u)).filter((x): x is Chan => !!x).map((ch) => this.chanView(ch));
  }

  /** The agent's own live device channel in a call (the bridged one first). */
  agentChannel(callId: string, ext: string): ChannelView | undefined {
    const mine = this.channelsOf(callId).filter((ch) => ch.kind === 'agent' && ch.ext === ext);
    return mine.find((ch) => ch.bridgeId !== undefined) ?? mine[mine.length - 1];
  }

  /** The party the agent talks to: a channel bridged with the agent's, looking through Local pairs. */
  farChannel(callId: string, ext: string): ChannelView | undefined {
    const mine = this.agentChannel(callId, ext);
    if (!mine?.bridgeId) return undefined;
    const parties = this.parties(mine.bridgeId);
    for (const p of parties) if (p.uniqueid !== mine.uniqueid) return this.chanView(p);
    return undefined;
  }

  /** Live call records as they would be if the stream ended now (ended_at null). */
  openRecords(): CallRecord[] {
    return [...this.calls.values()].map((c) => this.record(c));
  }

  // ------------------------------------------------------------------ input

  /** Applies one AMI event. Never throws. */
  handleEvent(m: AmiMessage): void {
    this.eventsHandled++;
    try {
      this.apply(m);
    } catch (err) {
      this.log.error({ err: (err as Error).message, event: m.event }, 'call model: event ignored after an error');
    }
    this.flush();
  }

  /** Marks the current channels before a CoreShowChannels request (see resync). */
  beginResync(): ResyncToken {
    return { seq: this.seq };
  }

  /**
   * Rebuilds live channels from a CoreShowChannels answer: channels the PBX
   * no longer reports are hung up (only those known before `token`, so a
   * channel created while the list was on its way survives), new ones added.
   */
  resync(list: AmiMessage[], token?: ResyncToken): void {
    const ts = this.now();
    const seen = new Set<string>();
    try {
      for (const m of list) {
        const uid = m.value('Uniqueid');
        if (!uid) continue;
        seen.add(uid);
        let ch = this.channels.get(uid);
        if (!ch) {
          this.ended.delete(uid);
          const dur = parseDuration(m.value('Duration'));
          ch = this.ensure(m, '', dur === undefined ? ts : ts - dur * 1000);
        } else this.update(ch, m, '', ts);
        if (!ch) continue;
        const bridge = m.value('BridgeId') ?? m.value('BridgedUniqueid');
        if (bridge !== ch.bridgeId) {
          if (ch.bridgeId) this.leaveBridge(ch);
          if (bridge) this.enterBridge(ch, bridge);
        }
        this.noteApplication(ch, m.value('Application'));
      }
      for (const ch of [...this.channels.values()]) {
        if (seen.has(ch.uniqueid)) continue;
        if (token && ch.seq > token.seq) continue;
        this.hangupChannel(ch, undefined, ts);
      }
      for (const id of this.bridges.keys()) this.evaluateBridge(id, ts);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'call model: resync error');
    }
    this.flush();
  }

  /**
   * Registers a call the bridge is about to originate, so it is tracked
   * from its first event (its id is the ChannelId the bridge chose).
   */
  expectOriginate(o: OriginateExpectation): Call {
    const ts = this.now();
    const c = this.newCall(o.channelId, o.channelId, ts);
    c.fixed = true;
    c.direction = 'outbound';
    c.from = o.extension;
    c.to = clip(o.number, 64);
    c.agents.add(o.extension);
    c.originate = { channelId: o.channelId, actionId: o.actionId, ext: o.extension };
    if (o.actionId) this.originateByAction.set(o.actionId, c.id);
    this.dirty.add(c);
    this.flush();
    return this.view(c);
  }

  /** The Originate was refused (or never answered): forget or fail the expected call. */
  failOriginate(callId: string, reason = 0): void {
    const c = this.calls.get(callId);
    if (!c || !c.originate || c.channels.size > 0) return;
    c.originate.reason = reason;
    this.endCall(c, this.now());
    this.flush();
  }

  // ------------------------------------------------------------------ event handling

  private ts(m: AmiMessage): number {
    const t = m.get('timestamp');
    if (t !== undefined) {
      const v = Number(t);
      if (Number.isFinite(v) && v > 0) return Math.round(v * 1000);
    }
    return this.now();
  }

  private apply(m: AmiMessage): void {
    const ev = (m.event ?? '').toLowerCase();
    if (!ev) return;
    const ts = this.ts(m);
    switch (ev) {
      case 'hangup': {
        const ch = this.channels.get(m.value('Uniqueid') ?? '');
        if (ch) this.hangupChannel(ch, numberOr(m.value('Cause')), ts);
        return;
      }
      case 'newchannel':
      case 'newstate':
      case 'newcallerid':
      case 'newconnectedline':
      case 'newaccountcode':
      case 'hanguprequest':
      case 'softhanguprequest':
      case 'dialstate':
      case 'varset':
        this.ensure(m, '', ts);
        return;
      case 'newexten': {
        const ch = this.ensure(m, '', ts);
        if (ch) this.noteApplication(ch, m.value('Application'));
        return;
      }
      case 'dialbegin': {
        const src = this.ensure(m, '', ts);
        const dst = this.ensure(m, 'Dest', ts);
        if (dst) this.dialBegin(src, dst, m.value('DialString'));
        return;
      }
      case 'dialend': {
        this.ensure(m, '', ts);
        const dst = this.ensure(m, 'Dest', ts);
        if (dst) this.dialEnd(dst, m.value('DialStatus'));
        return;
      }
      case 'dial':
        this.legacyDial(m, ts);
        return;
      case 'bridgeenter': {
        const ch = this.ensure(m, '', ts);
        const bridge = m.value('BridgeUniqueid');
        if (ch && bridge) {
          if (ch.bridgeId && ch.bridgeId !== bridge) this.leaveBridge(ch);
          this.enterBridge(ch, bridge);
          this.evaluateBridge(bridge, ts);
        }
        return;
      }
      case 'bridgeleave': {
        const ch = this.ensure(m, '', ts);
        if (ch && ch.bridgeId === m.value('BridgeUniqueid')) this.leaveBridge(ch);
        return;
      }
      case 'bridge':
        this.legacyBridge(m, ts);
        return;
      case 'localbridge':
        this.legacyLocalBridge(m);
        return;
      case 'hold':
      case 'unhold': {
        const ch = this.ensure(m, '', ts);
        if (ch) this.setHold(ch, 'hold', ev === 'hold');
        return;
      }
      case 'musiconholdstart':
      case 'musiconholdstop': {
        const ch = this.ensure(m, '', ts);
        if (ch) this.setHold(ch, 'moh', ev === 'musiconholdstart');
        return;
      }
      case 'blindtransfer':
      case 'attendedtransfer':
        this.transfer(m, ts);
        return;
      case 'agentcalled':
        this.agentCalled(m, ts);
        return;
      case 'agentconnect':
        this.agentConnect(m, ts);
        return;
      case 'agentringnoanswer': {
        const caller = this.ensure(m, '', ts);
        const ext = this.cls.interfaceExtension(m.value('Interface') ?? m.value('DestChannel') ?? '');
        if (caller && ext) {
          const c = this.calls.get(caller.callId);
          if (c) for (const leg of c.legs.values()) if (leg.ext === ext && !leg.status) leg.status = 'NOANSWER';
        }
        return;
      }
      case 'queuecallerabandon': {
        const ch = this.ensure(m, '', ts);
        const c = ch && this.calls.get(ch.callId);
        if (c) c.abandoned = true;
        return;
      }
      case 'originateresponse':
        this.originateResponse(m, ts);
        return;
      case 'rename': {
        const ch = this.channels.get(m.value('Uniqueid') ?? '');
        const newName = m.value('Newname');
        if (ch && newName) this.rename(ch, newName);
        return;
      }
      default:
        // Any other event that carries a channel snapshot keeps channels current.
        if (m.has('uniqueid') && m.has('channel')) this.ensure(m, '', ts);
    }
  }

  /** Finds or creates the channel described by `prefix`-ed headers, updating its snapshot. */
  private ensure(m: AmiMessage, prefix: string, ts: number): Chan | undefined {
    const uid = m.value(`${prefix}Uniqueid`);
    if (!uid) return undefined;
    const existing = this.channels.get(uid);
    if (existing) {
      this.update(existing, m, prefix, ts);
      return existing;
    }
    if (this.ended.has(uid)) return undefined;
    const name = m.value(`${prefix}Channel`);
    if (!name) return undefined;
    const linked = m.value(`${prefix}Linkedid`);
    const context = m.value(`${prefix}Context`);
    const k = this.cls.classify(name, context);
    const linkedid = linked ?? uid;
    let callId = this.linkedToCall.get(linkedid);
    let c = callId !== undefined ? this.calls.get(callId) : undefined;
    if (!c) {
      c = this.newCall(linkedid, uid, ts);
      callId = c.id;
    }
    const ch: Chan = {
      uniqueid: uid,
      name,
      linkedid,
      linkedidKnown: linked !== undefined,
      callId: c.id,
      kind: k.kind,
      ext: k.ext,
      state: numberOr(m.value(`${prefix}ChannelState`)) ?? 0,
      callerNum: m.value(`${prefix}CallerIDNum`),
      context,
      exten: m.value(`${prefix}Exten`),
      bridgeId: undefined,
      hold: false,
      moh: false,
      createdAt: ts,
      seq: ++this.seq,
    };
    this.channels.set(uid, ch);
    this.byName.set(name, uid);
    c.channels.add(uid);
    if (ch.kind === 'agent' && ch.ext) c.agents.add(ch.ext);
    if (c.originUid === uid) this.initFromOrigin(c, ch);
    this.refreshDirection(c);
    this.dirty.add(c);
    return ch;
  }

  private update(ch: Chan, m: AmiMessage, prefix: string, _ts: number): void {
    const state = numberOr(m.value(`${prefix}ChannelState`));
    if (state !== undefined && state !== ch.state) ch.state = state;
    const name = m.value(`${prefix}Channel`);
    if (name && name !== ch.name) this.rename(ch, name);
    const ctx = m.value(`${prefix}Context`);
    if (ctx) ch.context = ctx;
    const exten = m.value(`${prefix}Exten`);
    if (exten) ch.exten = exten;
    const cid = m.value(`${prefix}CallerIDNum`);
    if (cid && cid !== ch.callerNum) {
      ch.callerNum = cid;
      const c = this.calls.get(ch.callId);
      if (c && c.originUid === ch.uniqueid && !c.fixed && c.answeredAt === null) {
        c.from = clip(cid, 64);
        this.dirty.add(c);
      }
    }
    const linked = m.value(`${prefix}Linkedid`);
    if (linked && linked !== ch.linkedid) this.relink(ch, linked);
    else if (linked && !ch.linkedidKnown) ch.linkedidKnown = true;
  }

  private rename(ch: Chan, name: string): void {
    if (this.byName.get(ch.name) === ch.uniqueid) this.byName.delete(ch.name);
    ch.name = name;
    this.byName.set(name, ch.uniqueid);
    const k = this.cls.classify(name, ch.context);
    ch.kind = k.kind;
    ch.ext = k.ext;
    const c = this.calls.get(ch.callId);
    if (c && ch.kind === 'agent' && ch.ext) c.agents.add(ch.ext);
  }

  private newCall(id: string, originUid: string, ts: number): CallRec {
    const c: CallRec = {
      id,
      linkedIds: [id],
      channels: new Set(),
      originUid,
      direction: 'internal',
      from: '',
      to: '',
      fixed: false,
      rung: [],
      agents: new Set(),
      answeredBy: null,
      answeredAt: null,
      startedAt: ts,
      endedAt: null,
      disposition: null,
      legs: new Map(),
      voicemail: false,
      abandoned: false,
      transferPending: false,
      originHungUpFirst: undefined,
      originCause: undefined,
      originate: undefined,
      lastSent: undefined,
    };
    this.calls.set(id, c);
    this.linkedToCall.set(id, id);
    return c;
  }

  private initFromOrigin(c: CallRec, ch: Chan): void {
    if (c.fixed) return;
    c.from = clip(ch.callerNum ?? ch.ext ?? '', 64);
    if (ch.exten && !MEANINGLESS_EXTEN.has(ch.exten)) c.to = clip(ch.exten, 64);
  }

  private refreshDirection(c: CallRec): void {
    if (c.fixed || c.answeredAt !== null) return;
    const origin = this.channels.get(c.originUid);
    let dir: CallDirection = 'internal';
    if (origin?.kind === 'trunk') dir = 'inbound';
    else {
      let trunk = false;
      for (const u of c.channels) if (this.channels.get(u)?.kind === 'trunk') trunk = true;
      if (trunk || this.cls.looksExternal(c.to)) dir = 'outbound';
    }
    if (dir !== c.direction) {
      c.direction = dir;
      this.dirty.add(c);
    }
  }

  /** A channel's Linkedid changed: it joins the call owning the new one (merging an emptied call). */
  private relink(ch: Chan, linked: string): void {
    const from = this.calls.get(ch.callId);
    ch.linkedid = linked;
    ch.linkedidKnown = true;
    if (!from) return;
    const targetId = this.linkedToCall.get(linked);
    const target = targetId !== undefined ? this.calls.get(targetId) : undefined;
    if (!target) {
      this.linkedToCall.set(linked, from.id);
      if (!from.linkedIds.includes(linked)) from.linkedIds.push(linked);
      return;
    }
    if (target === from) return;
    this.moveChannel(ch, from, target);
    if (from.channels.size === 0) this.merge(from, target);
  }

  private moveChannel(ch: Chan, from: CallRec, to: CallRec): void {
    from.channels.delete(ch.uniqueid);
    to.channels.add(ch.uniqueid);
    ch.callId = to.id;
    const leg = from.legs.get(ch.uniqueid);
    if (leg) {
      from.legs.delete(ch.uniqueid);
      to.legs.set(ch.uniqueid, leg);
    }
    if (ch.kind === 'agent' && ch.ext) to.agents.add(ch.ext);
    if (to.transferPending && ch.kind === 'agent' && ch.ext) this.addRung(to, ch.ext);
    this.refreshDirection(to);
    this.dirty.add(to);
    this.dirty.add(from);
  }

  /** `from` has no channel left: fold it into `into` and drop it. */
  private merge(from: CallRec, into: CallRec): void {
    for (const l of from.linkedIds) {
      this.linkedToCall.set(l, into.id);
      if (!into.linkedIds.includes(l)) into.linkedIds.push(l);
    }
    for (const [u, leg] of from.legs) if (!into.legs.has(u)) into.legs.set(u, leg);
    for (const e of from.rung) this.addRung(into, e);
    for (const a of from.agents) into.agents.add(a);
    into.startedAt = Math.min(into.startedAt, from.startedAt);
    if (into.answeredAt === null && from.answeredAt !== null) {
      into.answeredAt = from.answeredAt;
      into.answeredBy = from.answeredBy;
    }
    into.voicemail ||= from.voicemail;
    const exts = this.extensionsOf(from);
    this.calls.delete(from.id);
    this.dirty.delete(from);
    this.dirty.add(into);
    this.emitSafe('removed', from.id, exts);
  }

  private addRung(c: CallRec, ext: string): void {
    if (!c.rung.includes(ext) && c.rung.length < 256) {
      c.rung.push(ext);
      this.dirty.add(c);
    }
    c.agents.add(ext);
  }

  private dialBegin(src: Chan | undefined, dst: Chan, dialString: string | undefined): void {
    const c = this.calls.get(src?.callId ?? dst.callId);
    if (!c) return;
    // Asterisk 11 gives no Linkedid: the dialled channel belongs to the caller's call.
    if (src && dst.callId !== src.callId && !dst.linkedidKnown) {
      const old = this.calls.get(dst.callId);
      if (old) {
        this.moveChannel(dst, old, c);
        if (old.channels.size === 0) this.merge(old, c);
      }
    }
    const ext = dst.ext;
    const leg = c.legs.get(dst.uniqueid);
    if (!leg) c.legs.set(dst.uniqueid, { ext, status: undefined });
    if (ext && (dst.kind === 'agent' || dst.kind === 'local')) {
      const originExt = this.originExt(c);
      if (ext !== originExt || c.originate === undefined) this.addRung(c, ext);
    }
    if (!c.to && !c.fixed) {
      const target = ext ?? dialString?.split(/[/@]/)[0];
      if (target) c.to = clip(target, 64);
    }
    this.refreshDirection(c);
    this.dirty.add(c);
  }

  private dialEnd(dst: Chan, status: string | undefined): void {
    const c = this.calls.get(dst.callId);
    if (!c || !status) return;
    const leg = c.legs.get(dst.uniqueid) ?? { ext: dst.ext, status: undefined };
    // A duplicate DialEnd (queues send two) changes nothing.
    leg.status = status.toUpperCase();
    c.legs.set(dst.uniqueid, leg);
  }

  private legacyDial(m: AmiMessage, ts: number): void {
    const sub = (m.value('SubEvent') ?? '').toLowerCase();
    const src = this.channels.get(m.value('UniqueID') ?? '');
    if (sub === 'begin') {
      const dstUid = m.value('DestUniqueID');
      let dst = dstUid ? this.channels.get(dstUid) : undefined;
      const destName = m.value('Destination');
      if (!dst && dstUid && destName) dst = this.ensure(AmiMessage.from({ Uniqueid: dstUid, Channel: destName }), '', ts);
      if (dst) this.dialBegin(src, dst, m.value('Dialstring'));
    } else if (sub === 'end' && src) {
      const c = this.calls.get(src.callId);
      const status = m.value('DialStatus');
      if (c && status) for (const leg of c.legs.values()) if (!leg.status) leg.status = status.toUpperCase();
    }
  }

  private legacyBridge(m: AmiMessage, ts: number): void {
    const a = this.channels.get(m.value('Uniqueid1') ?? '');
    const b = this.channels.get(m.value('Uniqueid2') ?? '');
    if (!a || !b) return;
    const id = `legacy-${a.uniqueid}`;
    if ((m.value('Bridgestate') ?? 'Link').toLowerCase() === 'link') {
      for (const ch of [a, b]) {
        if (ch.bridgeId && ch.bridgeId !== id) this.leaveBridge(ch);
        this.enterBridge(ch, id);
      }
      this.evaluateBridge(id, ts);
    } else {
      for (const ch of [a, b]) if (ch.bridgeId === id) this.leaveBridge(ch);
    }
  }

  private legacyLocalBridge(m: AmiMessage): void {
    const a = this.channels.get(m.value('Uniqueid1') ?? '');
    const b = this.channels.get(m.value('Uniqueid2') ?? '');
    if (!a || !b || a.callId === b.callId || b.linkedidKnown) return;
    const from = this.calls.get(b.callId);
    const to = this.calls.get(a.callId);
    if (!from || !to) return;
    this.moveChannel(b, from, to);
    if (from.channels.size === 0) this.merge(from, to);
  }

  private enterBridge(ch: Chan, bridge: string): void {
    ch.bridgeId = bridge;
    let set = this.bridges.get(bridge);
    if (!set) {
      set = new Set();
      this.bridges.set(bridge, set);
    }
    set.add(ch.uniqueid);
  }

  private leaveBridge(ch: Chan): void {
    const id = ch.bridgeId;
    ch.bridgeId = undefined;
    if (!id) return;
    const set = this.bridges.get(id);
    if (!set) return;
    set.delete(ch.uniqueid);
    if (set.size === 0) this.bridges.delete(id);
  }

  /** Non-Local channels talking through a bridge, following Local pairs to the far side. */
  private parties(bridge: string, seen = new Set<string>()): Chan[] {
    if (seen.has(bridge)) return [];
    seen.add(bridge);
    const out: Chan[] = [];
    for (const uid of this.bridges.get(bridge) ?? []) {
      const ch = this.channels.get(uid);
      if (!ch) continue;
      if (ch.kind !== 'local') {
        out.push(ch);
        continue;
      }
      const partnerName = localPartnerName(ch.name);
      const partner = partnerName !== undefined ? this.channels.get(this.byName.get(partnerName) ?? '') : undefined;
      if (partner?.bridgeId) out.push(...this.parties(partner.bridgeId, seen));
    }
    return out;
  }

  private originExt(c: CallRec): string | undefined {
    const o = this.channels.get(c.originUid);
    if (o?.kind === 'agent') return o.ext;
    return c.originate?.ext;
  }

  private evaluateBridge(bridge: string, ts: number): void {
    const parties = this.parties(bridge);
    if (parties.length < 2) return;
    const agents = parties.filter((p) => p.kind === 'agent' && p.ext);
    if (agents.length === 0) return;
    const callIds = new Set(parties.map((p) => p.callId));
    for (const id of callIds) {
      const c = this.calls.get(id);
      if (!c) continue;
      if (c.answeredAt === null) {
        const originExt = this.originExt(c);
        const callee = agents.find((a) => a.ext !== originExt && a.callId === c.id) ?? agents.find((a) => a.ext !== originExt);
        c.answeredBy = (callee ?? agents[0])?.ext ?? null;
        c.answeredAt = ts;
        this.dirty.add(c);
      }
      if (c.transferPending) {
        c.transferPending = false;
        for (const a of agents) if (a.ext && a.ext !== c.answeredBy) this.addRung(c, a.ext);
        this.dirty.add(c);
      }
    }
  }

  private noteApplication(ch: Chan, app: string | undefined): void {
    if (!app || !this.vmApps.has(app.toLowerCase())) return;
    const c = this.calls.get(ch.callId);
    if (c && !c.voicemail) {
      c.voicemail = true;
      this.dirty.add(c);
    }
  }

  private setHold(ch: Chan, kind: 'hold' | 'moh', on: boolean): void {
    if (ch[kind] === on) return;
    ch[kind] = on;
    const c = this.calls.get(ch.callId);
    if (c) this.dirty.add(c);
  }

  private transfer(m: AmiMessage, ts: number): void {
    const result = (m.value('Result') ?? 'Success').toLowerCase();
    if (result !== 'success') return;
    for (const prefix of ['Transferer', 'Transferee', 'OrigTransferer', 'SecondTransferer', 'TransferTarget']) {
      const ch = this.ensure(m, prefix, ts);
      const c = ch && this.calls.get(ch.callId);
      if (c && c.answeredAt !== null) {
        c.transferPending = true;
        this.dirty.add(c);
      }
    }
  }

  private agentCalled(m: AmiMessage, ts: number): void {
    const caller = this.ensure(m, '', ts);
    const dst = this.ensure(m, 'Dest', ts);
    const c = caller && this.calls.get(caller.callId);
    if (!c) return;
    const ext = dst?.ext ?? this.cls.interfaceExtension(m.value('Interface') ?? '');
    if (ext) this.addRung(c, ext);
    if (dst && !c.legs.has(dst.uniqueid)) c.legs.set(dst.uniqueid, { ext, status: undefined });
  }

  private agentConnect(m: AmiMessage, ts: number): void {
    const caller = this.ensure(m, '', ts);
    const c = caller && this.calls.get(caller.callId);
    if (!c || c.answeredAt !== null) return;
    const ext = this.ensure(m, 'Dest', ts)?.ext ?? this.cls.interfaceExtension(m.value('Interface') ?? '');
    if (!ext) return;
    c.answeredAt = ts;
    c.answeredBy = ext;
    this.addRung(c, ext);
    this.dirty.add(c);
  }

  private originateResponse(m: AmiMessage, ts: number): void {
    const aid = m.value('ActionID');
    let id = aid !== undefined ? this.originateByAction.get(aid) : undefined;
    if (aid !== undefined) this.originateByAction.delete(aid);
    const uid = m.value('Uniqueid');
    if (id === undefined && uid) id = this.channels.get(uid)?.callId ?? this.linkedToCall.get(uid);
    const c = id !== undefined ? this.calls.get(id) : undefined;
    if (!c) return;
    const reason = numberOr(m.value('Reason')) ?? 0;
    if (c.originate) c.originate.reason = reason;
    else c.originate = { channelId: uid ?? c.id, actionId: aid, ext: '', reason };
    if (reason !== 4 && c.channels.size === 0) this.endCall(c, ts);
  }

  private hangupChannel(ch: Chan, cause: number | undefined, ts: number): void {
    if (ch.bridgeId) this.leaveBridge(ch);
    this.channels.delete(ch.uniqueid);
    if (this.byName.get(ch.name) === ch.uniqueid) this.byName.delete(ch.name);
    this.ended.set(ch.uniqueid, true);
    if (this.ended.size > this.config.endedMemory) {
      const first = this.ended.keys().next();
      if (!first.done) this.ended.delete(first.value);
    }
    const c = this.calls.get(ch.callId);
    if (!c) return;
    c.channels.delete(ch.uniqueid);
    if (ch.uniqueid === c.originUid) {
      c.originCause = cause;
      if (c.originHungUpFirst === undefined) c.originHungUpFirst = true;
    } else if (c.originHungUpFirst === undefined) c.originHungUpFirst = false;
    const leg = c.legs.get(ch.uniqueid);
    if (leg && !leg.status && cause === 17) leg.status = 'BUSY';
    this.dirty.add(c);
    if (c.channels.size === 0) this.endCall(c, ts);
  }

  private endCall(c: CallRec, ts: number): void {
    if (c.endedAt !== null) return;
    c.endedAt = Math.max(ts, c.startedAt);
    c.disposition = this.disposition(c);
    for (const l of c.linkedIds) if (this.linkedToCall.get(l) === c.id) this.linkedToCall.delete(l);
    if (c.originate?.actionId) this.originateByAction.delete(c.originate.actionId);
    this.calls.delete(c.id);
    this.dirty.delete(c);
    const exts = this.extensionsOf(c);
    const view = this.view(c);
    c.lastSent = JSON.stringify(view);
    this.emitSafe('update', view, exts);
    this.emitSafe('ended', this.record(c), view, exts);
  }

  private disposition(c: CallRec): CallDisposition {
    if (c.answeredAt !== null) return 'answered';
    if (c.voicemail) return 'voicemail';
    const r = c.originate?.reason;
    if (r !== undefined && r !== 4) return r === 5 ? 'busy' : r === 3 ? 'missed' : 'failed';
    if (c.abandoned) return 'abandoned';
    const st = [...c.legs.values()].map((l) => l.status).filter((s): s is string => !!s);
    if (st.includes('BUSY')) return 'busy';
    if (st.length > 0 && st.every((s) => s === 'CONGESTION' || s === 'CHANUNAVAIL' || s === 'INVALIDARGS')) return 'failed';
    if (st.includes('CANCEL')) return 'abandoned';
    if (st.includes('NOANSWER')) return 'missed';
    const cause = c.originCause;
    if (cause === 17) return 'busy';
    if (cause !== undefined && FAILED_CAUSES.has(cause)) return 'failed';
    if (cause !== undefined && NO_ANSWER_CAUSES.has(cause)) return 'missed';
    if (c.originate) return 'missed';
    if (c.direction === 'outbound') return c.legs.size > 0 ? 'missed' : 'failed';
    // Nobody was offered the call (IVR, queue wait): the caller gave up.
    if (c.rung.length === 0) return 'abandoned';
    return c.originHungUpFirst === false ? 'missed' : 'abandoned';
  }

  // ------------------------------------------------------------------ output

  private state(c: CallRec): CallState {
    if (c.endedAt !== null) return 'ended';
    if (c.answeredAt !== null) {
      for (const u of c.channels) {
        const ch = this.channels.get(u);
        if (ch && (ch.hold || ch.moh)) return 'held';
      }
      if (c.transferPending) return 'transferred';
      return 'answered';
    }
    return 'ringing';
  }

  private extensionsOf(c: CallRec): string[] {
    const s = new Set<string>(c.agents);
    for (const e of c.rung) s.add(e);
    if (c.answeredBy) s.add(c.answeredBy);
    return [...s];
  }

  private view(c: CallRec): Call {
    return {
      id: c.id,
      direction: c.direction,
      state: this.state(c),
      from: c.from,
      to: c.to,
      rung: c.rung.slice(),
      answeredBy: c.answeredBy,
      startedAt: iso(c.startedAt) as string,
      answeredAt: iso(c.answeredAt),
      endedAt: iso(c.endedAt),
      disposition: c.endedAt !== null ? c.disposition : null,
    };
  }

  private record(c: CallRec): CallRecord {
    const end = c.endedAt;
    return {
      call_id: c.id,
      linked_ids: c.linkedIds.slice(),
      direction: c.direction,
      from: c.from,
      to: c.to,
      rung: c.rung.slice(),
      answered_by: c.answeredBy,
      disposition: end !== null ? c.disposition : null,
      started_at: iso(c.startedAt) as string,
      answered_at: iso(c.answeredAt),
      ended_at: iso(end),
      duration_s: seconds(c.startedAt, end),
      talk_s: end === null ? null : c.answeredAt === null ? 0 : seconds(c.answeredAt, end),
    };
  }

  private chanView(ch: Chan): ChannelView {
    return {
      uniqueid: ch.uniqueid,
      linkedid: ch.linkedid,
      name: ch.name,
      kind: ch.kind,
      ext: ch.ext,
      state: ch.state,
      bridgeId: ch.bridgeId,
      callId: ch.callId,
      onHold: ch.hold || ch.moh,
    };
  }

  private flush(): void {
    if (this.dirty.size === 0) return;
    const list = [...this.dirty];
    this.dirty.clear();
    for (const c of list) {
      if (!this.calls.has(c.id)) continue;
      const view = this.view(c);
      const json = JSON.stringify(view);
      if (json === c.lastSent) continue;
      c.lastSent = json;
      this.emitSafe('update', view, this.extensionsOf(c));
    }
  }

  private emitSafe(event: string, ...args: unknown[]): void {
    emitIsolated(this, this.log, event, args);
  }

}

export interface CallModel {
  on(event: 'update', listener: (call: Call, extensions: string[]) => void): this;
  on(event: 'removed', listener: (callId: string, extensions: string[]) => void): this;
  on(event: 'ended', listener: (record: CallRecord, call: Call, extensions: string[]) => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}

function numberOr(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** CoreShowChannel `Duration: HH:MM:SS` -> seconds. */
function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const p = v.split(':').map(Number);
  if (p.some((n) => !Number.isFinite(n))) return undefined;
  return p.reduce((acc, n) => acc * 60 + n, 0);
}
