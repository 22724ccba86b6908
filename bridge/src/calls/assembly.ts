/**
 * Call assembly: channels grouped into calls by Linkedid, moved and merged
 * when their Linkedid changes, dial legs, bridges, and who answered.
 *
 * A call is answered when an agent's device is bridged with another party,
 * looking through Local channel pairs; a channel that goes Up in voicemail
 * or an IVR is not an answer.
 */
import { AmiMessage } from '../ami/message';
import { lowerKey } from '../ami/headerNames';
import type { CallDirection } from '../protocol/messages';
import type { Chan } from './channels';
import { type CallRec, type ModelCore, MEANINGLESS_EXTEN, clip, numberOr } from './core';
import { cleanChannel, cleanId, cleanNumber, cleanNumberOpt, cleanTextOpt } from './sanitise';

export class CallAssembly {
  private readonly vmApps: Set<string>;
  /** Called for each channel created (after it joined its call). */
  onChannel: ((ch: Chan, c: CallRec) => void) | undefined;

  constructor(private readonly core: ModelCore) {
    this.vmApps = new Set(core.config.voicemailApplications.map((a) => a.toLowerCase()));
  }

  /**
   * Finds the channel described by `prefix`-ed headers and updates its snapshot;
   * creates it when `create` (events that only exist for a live channel).
   */
  ensure(m: AmiMessage, prefix: string, ts: number, create = true): Chan | undefined {
    const { core } = this;
    const k = snapshotKeys(prefix);
    const rawUid = m.valueLowered(k.uniqueid);
    if (!rawUid) return undefined;
    const existing = core.channels.get(rawUid);
    if (existing) {
      // An event about the channel itself: it is not only someone's dial destination.
      if (prefix === '') existing.destOnly = false;
      this.update(existing, m, k);
      return existing;
    }
    // A new channel: every PBX string it brings is cleaned here, once (sanitise.ts).
    const uid = cleanId(rawUid);
    if (!uid || !create || core.channels.hasEnded(uid)) return undefined;
    const name = cleanChannel(m.valueLowered(k.channel));
    if (!name) return undefined;
    const linked = cleanId(m.valueLowered(k.linkedid));
    const context = cleanTextOpt(m.valueLowered(k.context));
    const cls = core.cls.classify(name, context);
    const linkedid = linked ?? uid;
    const callId = core.linkedToCall.get(linkedid);
    const c = (callId !== undefined ? core.calls.get(callId) : undefined) ?? core.newCall(linkedid, uid, ts);
    const ch = core.channels.add({
      uniqueid: uid,
      name,
      linkedid,
      linkedidKnown: linked !== undefined,
      callId: c.id,
      kind: cls.kind,
      ext: cls.ext,
      state: numberOr(m.valueLowered(k.channelState)) ?? 0,
      callerNum: cleanNumberOpt(m.valueLowered(k.callerIdNum)),
      context,
      exten: cleanNumberOpt(m.valueLowered(k.exten)),
      bridgeId: undefined,
      hold: false,
      holdBridge: undefined,
      moh: false,
      destOnly: prefix !== '',
      dialedBy: undefined,
      talked: false,
      createdAt: ts,
    });
    c.channels.add(uid);
    if (ch.kind === 'agent' && ch.ext) c.agents.add(ch.ext);
    if (c.originUid === uid) this.initFromOrigin(c, ch);
    this.refreshDirection(c);
    this.onChannel?.(ch, c);
    core.touch(c);
    return ch;
  }

  /**
   * A VarSet (about half of all events) or a NewConnectedLine: it brings in a channel we missed
   * like any channel event, but on a known channel only its name and Linkedid can say something
   * new: state and caller ID changes come with events of their own (Newstate, NewCallerid) first.
   * (The name: after an Asterisk 11 masquerade, the next event of the channel may be the first
   * to carry its new name, as a Newexten does in panoramisk/originate_with_events.txt.)
   */
  snapshotOnly(m: AmiMessage, ts: number): void {
    const k = snapshotKeys('');
    const uid = m.valueLowered(k.uniqueid);
    if (!uid) return;
    const ch = this.core.channels.get(uid);
    if (!ch) {
      this.ensure(m, '', ts, true);
      return;
    }
    ch.destOnly = false;
    this.nameFrom(ch, m, k);
    this.linkFrom(ch, m, k);
  }

  /*
   * A known channel's name and Linkedid as the event gives them, cleaned (sanitise.ts) only when
   * they differ from what the channel has: the usual event costs a string comparison each.
   */
  private nameFrom(ch: Chan, m: AmiMessage, k: SnapshotKeys): void {
    const rawName = m.valueLowered(k.channel);
    if (rawName && rawName !== ch.name) {
      const name = cleanChannel(rawName);
      if (name && name !== ch.name) this.rename(ch, name);
    }
  }

  private linkFrom(ch: Chan, m: AmiMessage, k: SnapshotKeys): void {
    const rawLinked = m.valueLowered(k.linkedid);
    if (!rawLinked) return;
    const linked = rawLinked === ch.linkedid ? rawLinked : cleanId(rawLinked);
    if (linked && linked !== ch.linkedid) this.relink(ch, linked);
    else if (linked && !ch.linkedidKnown) ch.linkedidKnown = true;
  }

  /** snapshotOnly's usual case, which needs no time: a known channel, same name and Linkedid. */
  snapshotUnchanged(m: AmiMessage): boolean {
    const k = snapshotKeys('');
    const ch = this.core.channels.get(m.valueLowered(k.uniqueid));
    if (!ch) return false;
    const name = m.valueLowered(k.channel);
    if (name && name !== ch.name) return false;
    const linked = m.valueLowered(k.linkedid);
    if (linked && (linked !== ch.linkedid || !ch.linkedidKnown)) return false;
    ch.destOnly = false;
    return true;
  }

  private update(ch: Chan, m: AmiMessage, k: SnapshotKeys): void {
    const { core } = this;
    const state = numberOr(m.valueLowered(k.channelState));
    if (state !== undefined && state !== ch.state) {
      ch.state = state;
      // Views read the state of agents' phones and of Local channels (a consultation's answer) only.
      if (ch.kind === 'agent' || ch.kind === 'local') core.touch(core.callOf(ch));
    }
    this.nameFrom(ch, m, k);
    // (Kept unless changed: a value is a slice of its message's text and keeps that text alive.
    // Cleaned only when it differs from what the channel has, so the usual event pays nothing.)
    const rawCtx = m.valueLowered(k.context);
    if (rawCtx && rawCtx !== ch.context) {
      const ctx = cleanTextOpt(rawCtx);
      if (ctx && ctx !== ch.context) ch.context = ctx;
    }
    const rawExten = m.valueLowered(k.exten);
    if (rawExten && rawExten !== ch.exten) {
      const exten = cleanNumber(rawExten);
      if (exten !== ch.exten) ch.exten = exten;
    }
    const rawCid = m.valueLowered(k.callerIdNum);
    const cid = rawCid && rawCid !== ch.callerNum ? cleanNumber(rawCid) : undefined;
    if (cid && cid !== ch.callerNum) {
      ch.callerNum = cid;
      const c = core.callOf(ch);
      // The caller's number as the PBX learns it; an agent's phone is its extension whatever
      // caller ID an Originate gave its leg.
      if (c && c.originUid === ch.uniqueid && !c.fixed && c.answeredAt === null && ch.kind !== 'agent') {
        c.from = clip(cid, 64);
        core.touch(c);
      }
    }
    this.linkFrom(ch, m, k);
  }

  rename(ch: Chan, name: string): void {
    const { core } = this;
    core.channels.rename(ch, name);
    const k = core.cls.classify(name, ch.context);
    ch.kind = k.kind;
    ch.ext = k.ext;
    const c = core.callOf(ch);
    if (c && ch.kind === 'agent' && ch.ext) c.agents.add(ch.ext);
    core.touch(c);
  }

  private initFromOrigin(c: CallRec, ch: Chan): void {
    if (c.fixed) return;
    c.from = clip(ch.callerNum ?? ch.ext ?? '', 64);
    if (ch.exten && !MEANINGLESS_EXTEN.has(ch.exten)) c.to = clip(ch.exten, 64);
  }

  refreshDirection(c: CallRec): void {
    const { core } = this;
    if (c.fixed || c.answeredAt !== null) return;
    const origin = core.channels.get(c.originUid);
    let dir: CallDirection = 'internal';
    if (origin?.kind === 'trunk') dir = 'inbound';
    else {
      let trunk = false;
      for (const u of c.channels) if (core.channels.get(u)?.kind === 'trunk') trunk = true;
      if (trunk || core.cls.looksExternal(c.to)) dir = 'outbound';
    }
    if (dir !== c.direction) {
      c.direction = dir;
      core.touch(c);
    }
  }

  /** A channel's Linkedid changed: it joins the call owning the new one (merging an emptied call). */
  private relink(ch: Chan, linked: string): void {
    const { core } = this;
    const from = core.callOf(ch);
    ch.linkedid = linked;
    ch.linkedidKnown = true;
    if (!from) return;
    const targetId = core.linkedToCall.get(linked);
    const target = targetId !== undefined ? core.calls.get(targetId) : undefined;
    if (!target) {
      core.linkedToCall.set(linked, from.id);
      if (!from.linkedIds.includes(linked)) from.linkedIds.push(linked);
      return;
    }
    if (target === from) return;
    this.moveChannel(ch, from, target);
    if (from.channels.size === 0) this.merge(from, target);
  }

  moveChannel(ch: Chan, from: CallRec, to: CallRec): void {
    from.channels.delete(ch.uniqueid);
    to.channels.add(ch.uniqueid);
    ch.callId = to.id;
    const leg = from.legs.get(ch.uniqueid);
    if (leg) {
      from.legs.delete(ch.uniqueid);
      to.legs.set(ch.uniqueid, leg);
    }
    if (ch.kind === 'agent' && ch.ext) to.agents.add(ch.ext);
    this.refreshDirection(to);
    this.core.touch(to);
    this.core.touch(from);
  }

  /** `from` has no channel left: fold it into `into` and drop it. */
  merge(from: CallRec, into: CallRec): void {
    const { core } = this;
    for (const l of from.linkedIds) {
      core.linkedToCall.set(l, into.id);
      if (!into.linkedIds.includes(l)) into.linkedIds.push(l);
    }
    for (const [u, leg] of from.legs) if (!into.legs.has(u)) into.legs.set(u, leg);
    for (const e of from.rung) core.addRung(into, e);
    for (const a of from.agents) into.agents.add(a);
    for (const a of from.connectedEver) into.connectedEver.add(a);
    into.startedAt = Math.min(into.startedAt, from.startedAt);
    if (into.answeredAt === null && from.answeredAt !== null) {
      into.answeredAt = from.answeredAt;
      into.answeredBy = from.answeredBy;
    }
    into.voicemail ||= from.voicemail;
    into.queue ??= from.queue;
    into.parked ??= from.parked;
    into.transferredTo ??= from.transferredTo;
    into.routing ??= from.routing;
    const exts = extensionsOf(from);
    core.calls.delete(from.id);
    core.dirty.delete(from);
    core.touch(into);
    core.emit('removed', from.id, exts);
  }

  dialBegin(src: Chan | undefined, dst: Chan, dialString: string | undefined): void {
    const { core } = this;
    const c = core.calls.get(src?.callId ?? dst.callId);
    if (!c) return;
    // Asterisk 11 gives no Linkedid: the dialled channel belongs to the caller's call.
    if (src && dst.callId !== src.callId && !dst.linkedidKnown) {
      const old = core.calls.get(dst.callId);
      if (old) {
        this.moveChannel(dst, old, c);
        if (old.channels.size === 0) this.merge(old, c);
      }
    }
    if (src) dst.dialedBy = src.uniqueid;
    const ext = dst.ext;
    if (!c.legs.has(dst.uniqueid)) c.legs.set(dst.uniqueid, { ext, status: undefined });
    if (ext && (dst.kind === 'agent' || dst.kind === 'local') && ext !== core.originExt(c)) core.addRung(c, ext);
    // An Originate's own first leg names no destination; the leg its agent dials does.
    if (!c.to && (src !== undefined || !c.fixed)) {
      const target = ext ?? dialString?.split(/[/@]/)[0];
      if (target) c.to = clip(cleanNumber(target), 64);
    }
    this.refreshDirection(c);
    core.touch(c);
  }

  /** Records a leg's outcome; answers whether the leg is over without an answer. */
  dialEnd(dst: Chan, status: string | undefined): boolean {
    const { core } = this;
    const c = core.callOf(dst);
    if (!c || !status) return false;
    const leg = c.legs.get(dst.uniqueid) ?? { ext: dst.ext, status: undefined };
    // A duplicate DialEnd (queues send two) changes nothing.
    leg.status = status.toUpperCase();
    c.legs.set(dst.uniqueid, leg);
    core.touch(c);
    return leg.status !== 'ANSWER';
  }

  legacyDial(m: AmiMessage, ts: number): void {
    const { core } = this;
    const sub = (m.value('SubEvent') ?? '').toLowerCase();
    const src = core.channels.get(m.value('UniqueID'));
    if (sub === 'begin') {
      const dstUid = m.value('DestUniqueID');
      let dst = core.channels.get(dstUid);
      const destName = m.value('Destination');
      if (!dst && dstUid && destName) dst = this.ensure(AmiMessage.from({ Uniqueid: dstUid, Channel: destName }), '', ts);
      if (dst) this.dialBegin(src, dst, m.value('Dialstring'));
    } else if (sub === 'end' && src) {
      const c = core.callOf(src);
      const status = m.value('DialStatus');
      if (c && status) for (const leg of c.legs.values()) if (!leg.status) leg.status = status.toUpperCase();
    }
  }

  legacyBridge(m: AmiMessage, ts: number): void {
    const { core } = this;
    const a = core.channels.get(m.value('Uniqueid1'));
    const b = core.channels.get(m.value('Uniqueid2'));
    if (!a || !b) return;
    const id = `legacy-${a.uniqueid}`;
    if ((m.value('Bridgestate') ?? 'Link').toLowerCase() === 'link') {
      for (const ch of [a, b]) core.channels.enterBridge(ch, id);
      this.evaluateBridge(id, ts);
    } else {
      for (const ch of [a, b]) if (ch.bridgeId === id) core.channels.leaveBridge(ch);
    }
    core.touch(core.callOf(a));
    core.touch(core.callOf(b));
  }

  legacyLocalBridge(m: AmiMessage): void {
    const { core } = this;
    const a = core.channels.get(m.value('Uniqueid1'));
    const b = core.channels.get(m.value('Uniqueid2'));
    if (!a || !b || a.callId === b.callId || b.linkedidKnown) return;
    const from = core.callOf(b);
    const to = core.callOf(a);
    if (!from || !to) return;
    this.moveChannel(b, from, to);
    if (from.channels.size === 0) this.merge(from, to);
  }

  /**
   * Someone entered a bridge: a first agent talking answers the call; an agent who
   * talks in it after another one did has taken it over (the transfer target).
   */
  evaluateBridge(bridge: string, ts: number): void {
    const { core } = this;
    const parties = core.channels.parties(bridge);
    for (const p of parties) core.touch(core.callOf(p));
    if (parties.length < 2) return;
    const agents = parties.filter((p) => p.kind === 'agent' && p.ext);
    if (agents.length === 0) return;
    for (const a of agents) a.talked = true;
    for (const id of new Set(parties.map((p) => p.callId))) {
      const c = core.calls.get(id);
      if (!c) continue;
      const originExt = core.originExt(c);
      if (c.answeredAt === null) {
        const callee = agents.find((a) => a.ext !== originExt && a.callId === c.id) ?? agents.find((a) => a.ext !== originExt);
        c.answeredBy = (callee ?? agents[0])?.ext ?? null;
        c.answeredAt = ts;
      }
      const hadTalker = c.connectedEver.size > 0;
      for (const a of agents) {
        const ext = a.ext as string;
        if (c.connectedEver.has(ext)) continue;
        c.connectedEver.add(ext);
        // During a consultation the target talks to the transferer only: not taken over yet.
        if (hadTalker && !c.consult && ext !== c.answeredBy && ext !== originExt) {
          c.transferredTo = ext;
          c.transferPending = false;
        }
      }
      core.touch(c);
    }
  }

  noteApplication(ch: Chan, app: string | undefined): void {
    if (!app || !this.vmApps.has(app.toLowerCase())) return;
    const c = this.core.callOf(ch);
    if (c && !c.voicemail) {
      c.voicemail = true;
      this.core.touch(c);
    }
  }
}

/** Lower-case header names of a channel snapshot under one prefix (`Dest`, `Transferee`…), built once per prefix. */
interface SnapshotKeys {
  uniqueid: string;
  channel: string;
  linkedid: string;
  context: string;
  exten: string;
  channelState: string;
  callerIdNum: string;
}

const snapshotKeyCache = new Map<string, SnapshotKeys>();

function snapshotKeys(prefix: string): SnapshotKeys {
  let k = snapshotKeyCache.get(prefix);
  if (!k) {
    const lk = (name: string): string => lowerKey(`${prefix}${name}`);
    k = {
      uniqueid: lk('Uniqueid'),
      channel: lk('Channel'),
      linkedid: lk('Linkedid'),
      context: lk('Context'),
      exten: lk('Exten'),
      channelState: lk('ChannelState'),
      callerIdNum: lk('CallerIDNum'),
    };
    snapshotKeyCache.set(prefix, k);
  }
  return k;
}

/** Extensions concerned by a call (the agents to push it to): those it has not ended for. */
export function extensionsOf(c: CallRec): string[] {
  const s = new Set<string>(c.agents);
  for (const e of c.rung) s.add(e);
  if (c.answeredBy) s.add(c.answeredBy);
  for (const d of c.departed) s.delete(d);
  return [...s];
}
