/**
 * The live call model: AMI channel events in, calls out.
 *
 * Channels are keyed by Uniqueid (channels.ts); calls group them by Linkedid
 * (assembly.ts); queue.ts, transferHold.ts and originate.ts read what their
 * events say about a call; lifecycle.ts ends channels and calls, including
 * those whose end the PBX never told us; views.ts says what each agent sees.
 *
 * Events:
 *  - 'update' (call: Call, extensions: string[])  the call changed; push this view to these agents
 *    (agents may see different states of one call: the transfer target `ringing`, the
 *    transferring agent `transferring`; an agent who passed the call on gets it `ended`)
 *  - 'removed' (callId: string, extensions: string[])  the call was merged into another one
 *  - 'ended' (record: CallRecord, call: Call, extensions: string[])  final record, once per call
 *  - 'reconciled' (result: ReconcileResult)  a CoreShowChannels answer was applied
 *
 * Everything here is synchronous and never throws on odd input.
 */
import { EventEmitter } from 'node:events';
import type { Call, CallRouting } from '../protocol/messages';
import type { AmiMessage } from '../ami/message';
import { CallModelConfig, type CallModelConfigInput } from './config';
import { ChannelClassifier, type ChannelKind } from './classify';
import type { Chan } from './channels';
import { type CallRec, ModelCore, numberOr } from './core';
import { CallAssembly, extensionsOf } from './assembly';
import { QueueTracker } from './queue';
import { TransferHoldTracker } from './transferHold';
import { OriginateTracker, type OriginateExpectation } from './originate';
import { CallLifecycle, type ReconcileResult, type ResyncToken } from './lifecycle';
import { CallViews, type Scene } from './views';
import { type CallRecord, buildRecord } from './record';
import { emitIsolated } from '../ami/isolatedEmit';
import { lowerKey } from '../ami/headerNames';
import { createLogger, type Logger } from '../logger';
import { cleanChannel } from './sanitise';
import { attachRouting, routeNewChannel, type PendingRouting } from './routingLink';

export type { OriginateExpectation } from './originate';
export type { ReconcileResult, ResyncToken } from './lifecycle';

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

export interface CallModelOptions {
  /** Clock (ms since epoch) for events without a Timestamp header. */
  now?: () => number;
  logger?: Logger;
}

/** Events that only exist for a live channel, so they may introduce one we missed. */
const CREATES = new Set(['newchannel', 'newstate', 'newcallerid', 'newconnectedline', 'varset', 'dialstate']);
const UPDATES = new Set(['newaccountcode', 'hanguprequest', 'softhanguprequest']);

export class CallModel extends EventEmitter {
  readonly config: CallModelConfig;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly core: ModelCore;
  private readonly assembly: CallAssembly;
  private readonly queue: QueueTracker;
  private readonly transferHold: TransferHoldTracker;
  private readonly originate: OriginateTracker;
  private readonly lifecycle: CallLifecycle;
  private readonly views: CallViews;
  /** Time of the event being applied. */
  private clock = 0;
  /** Events handled, for metrics. */
  eventsHandled = 0;
  /** Routing decisions made before their channel showed up (routing/routedCalls.ts), asked per new channel. */
  pendingRouting: PendingRouting | undefined;

  constructor(config: CallModelConfigInput | CallModelConfig = {}, options: CallModelOptions = {}) {
    super();
    this.config = CallModelConfig.parse(config);
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? createLogger('silent');
    this.core = new ModelCore(this.config, new ChannelClassifier(this.config), (event, ...args) => this.emitSafe(event, ...args));
    this.assembly = new CallAssembly(this.core);
    this.queue = new QueueTracker(this.core, this.assembly);
    this.transferHold = new TransferHoldTracker(this.core, this.assembly);
    this.lifecycle = new CallLifecycle(this.core, this.assembly, (c) => this.callEnded(c));
    this.originate = new OriginateTracker(this.core, (c, ts) => this.lifecycle.endCall(c, ts));
    this.views = new CallViews(this.core);
    this.assembly.onChannel = (ch, c) => {
      this.transferHold.channelCreated(ch, c);
      routeNewChannel(this.core, this.pendingRouting, ch, c);
    };
    this.lifecycle.onGone = (ch, c) => this.transferHold.channelGone(ch, c);
  }

  // ------------------------------------------------------------------ queries

  /** The call as a whole (no particular agent's view). */
  getCall(id: string): Call | undefined {
    const c = this.core.calls.get(id);
    return c ? this.views.view(c) : undefined;
  }

  liveCalls(): Call[] {
    return [...this.core.calls.values()].map((c) => this.views.view(c));
  }

  /** Calls an agent should see, as that agent sees them. */
  callsForExtension(ext: string): Call[] {
    return [...this.core.calls.values()].filter((c) => extensionsOf(c).includes(ext)).map((c) => this.views.view(c, ext));
  }

  /** Extensions concerned by a call (the agents to push it to). */
  extensionsFor(callId: string): string[] {
    const c = this.core.calls.get(callId);
    return c ? extensionsOf(c) : [];
  }

  liveChannels(): ChannelView[] {
    return [...this.core.channels.all()].map(chanView);
  }

  /** Live channels of a call. */
  channelsOf(callId: string): ChannelView[] {
    const c = this.core.calls.get(callId);
    return c ? this.core.channelsOf(c).map(chanView) : [];
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
    const far = this.core.channels.parties(mine.bridgeId).find((p) => p.uniqueid !== mine.uniqueid);
    return far ? chanView(far) : undefined;
  }

  /** Live call records as they would be if the stream ended now (ended_at null). */
  openRecords(): CallRecord[] {
    return [...this.core.calls.values()].map(buildRecord);
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
    return { seq: this.core.channels.lastSeq };
  }

  /**
   * Reconciles live channels with a CoreShowChannels answer: channels the PBX no longer
   * reports are ended, with their calls and records (only those known before `token`,
   * so a channel created while the list was on its way survives); new ones are added.
   */
  resync(list: AmiMessage[], token?: ResyncToken): ReconcileResult {
    this.clock = this.now();
    let result: ReconcileResult = { channelsEnded: 0, callsEnded: 0 };
    try {
      result = this.lifecycle.resync(list, token, this.clock);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'call model: resync error');
    }
    this.flush();
    if (result.channelsEnded > 0) this.log.info(result, 'call model: reconciliation ended what the PBX no longer has');
    this.emitSafe('reconciled', result);
    return result;
  }

  /**
   * Registers a call the bridge is about to originate, so it is tracked
   * from its first event (its id is the ChannelId the bridge chose).
   */
  expectOriginate(o: OriginateExpectation): Call {
    const c = this.originate.expect(o, this.now());
    this.flush();
    return this.views.view(c);
  }

  /**
   * The agent declines the call ringing their phone (before the bridge hangs that phone up):
   * the call carries who declined, and leaves their bar once their phone is out of it even if
   * it goes on ringing the others. `declined = false` takes it back (the hangup failed).
   */
  markDeclined(callId: string, ext: string, declined = true): void {
    const c = this.core.calls.get(callId);
    if (!c) return;
    if (declined) c.declinedBy.add(ext);
    else c.declinedBy.delete(ext);
    this.core.touch(c);
    this.flush();
  }

  /** The PBX's routing decision for the channel `uniqueid` (routingLink.ts); false when no live call has it yet. */
  attachRouting(uniqueid: string, routing: CallRouting): boolean {
    const done = attachRouting(this.core, uniqueid, routing);
    this.flush();
    return done;
  }

  /** The Originate was refused (or never answered): forget or fail the expected call. */
  failOriginate(callId: string, reason = 0): void {
    this.clock = this.now();
    this.originate.fail(callId, reason, this.clock);
    this.flush();
  }

  // ------------------------------------------------------------------ event handling

  private ts(m: AmiMessage): number {
    const t = m.getLowered('timestamp');
    if (t !== undefined) {
      const v = Number(t);
      if (Number.isFinite(v) && v > 0) return Math.round(v * 1000);
    }
    return this.now();
  }

  private apply(m: AmiMessage): void {
    // (lowerKey: one shared string per event name, so the lookups below need not hash a new one.)
    const ev = lowerKey(m.event ?? '');
    if (!ev) return;
    const { assembly, core } = this;
    // Most of these say nothing new about a known channel: no time needed (only views read it).
    if ((ev === 'varset' || ev === 'newconnectedline') && assembly.snapshotUnchanged(m)) return;
    const ts = this.ts(m);
    this.clock = ts;
    if (ev === 'varset' || ev === 'newconnectedline') {
      assembly.snapshotOnly(m, ts);
      return;
    }
    if (CREATES.has(ev) || UPDATES.has(ev)) {
      assembly.ensure(m, '', ts, CREATES.has(ev));
      if (ev === 'dialstate') assembly.ensure(m, 'Dest', ts, false);
      return;
    }
    if (this.transferHold.apply(ev, m, ts) || this.queue.apply(ev, m, ts)) return;
    switch (ev) {
      case 'hangup': {
        const ch = core.channels.get(m.value('Uniqueid'));
        if (ch) this.lifecycle.hangup(ch, numberOr(m.value('Cause')), ts);
        return;
      }
      case 'newexten': {
        const ch = assembly.ensure(m, '', ts);
        if (ch) assembly.noteApplication(ch, m.value('Application'));
        return;
      }
      case 'dialbegin': {
        const src = assembly.ensure(m, '', ts);
        const dst = assembly.ensure(m, 'Dest', ts);
        if (!dst) return;
        if (!src) this.originate.firstLeg(dst);
        assembly.dialBegin(src, dst, m.value('DialString'));
        return;
      }
      case 'dialend': {
        assembly.ensure(m, '', ts, false);
        const dst = assembly.ensure(m, 'Dest', ts);
        // A leg known only from Dial events is over when its dial is: no Hangup will come.
        if (dst && assembly.dialEnd(dst, m.value('DialStatus')) && dst.destOnly) this.lifecycle.hangup(dst, undefined, ts);
        return;
      }
      case 'dial':
        assembly.legacyDial(m, ts);
        return;
      case 'bridgeenter': {
        const ch = assembly.ensure(m, '', ts);
        const bridge = m.value('BridgeUniqueid');
        if (ch && bridge) {
          core.channels.enterBridge(ch, bridge);
          assembly.evaluateBridge(bridge, ts);
        }
        return;
      }
      case 'bridgeleave': {
        const ch = assembly.ensure(m, '', ts, false);
        const bridge = m.value('BridgeUniqueid');
        if (ch && bridge && ch.bridgeId === bridge) this.leaving(bridge, () => core.channels.leaveBridge(ch));
        return;
      }
      case 'bridgedestroy': {
        const bridge = m.value('BridgeUniqueid');
        if (bridge) this.leaving(bridge, () => core.channels.destroyBridge(bridge));
        return;
      }
      case 'bridge':
        assembly.legacyBridge(m, ts);
        return;
      case 'localbridge':
        assembly.legacyLocalBridge(m);
        return;
      case 'originateresponse':
        this.originate.response(m, ts);
        return;
      case 'rename': {
        const ch = core.channels.get(m.value('Uniqueid'));
        const newName = cleanChannel(m.value('Newname'));
        if (ch && newName) assembly.rename(ch, newName);
        return;
      }
      default:
        // Any other event that carries a channel snapshot keeps a known channel current.
        if (m.has('uniqueid') && m.has('channel')) assembly.ensure(m, '', ts, false);
    }
  }

  /** Someone leaves a bridge: whoever talked through it may not any more. */
  private leaving(bridge: string, leave: () => void): void {
    const before = this.core.channels.parties(bridge);
    leave();
    for (const p of before) this.core.touch(this.core.callOf(p));
  }

  // ------------------------------------------------------------------ output

  private flush(): void {
    const { core } = this;
    if (core.dirty.size === 0) return;
    const list = [...core.dirty];
    core.dirty.clear();
    for (const c of list) {
      if (!core.calls.has(c.id)) continue;
      const scene = this.views.scene(c);
      this.departures(scene);
      this.emitViews(scene);
    }
  }

  /**
   * An agent who talked in the call and whose phone has left it is done with it once the
   * call went on without them: they transferred it, or another agent's phone is in it now.
   * The call ends for them (pushed `ended`) and comes back if their phone rejoins it.
   */
  private departures(s: Scene): void {
    const { c } = s;
    if (c.connectedEver.size === 0 && c.declinedBy.size === 0 && c.departed.size === 0) return;
    const live = this.views.liveExtensions(s);
    for (const ext of c.departed) if (live.has(ext)) c.departed.delete(ext);
    for (const ext of c.connectedEver) {
      if (live.has(ext) || c.departed.has(ext)) continue;
      const othersLive = [...live].some((e) => e !== ext);
      if (!othersLive && !c.transferers.has(ext)) continue;
      c.departed.add(ext);
      const view = this.views.departedView(s, ext, this.clock);
      c.sent.set(ext, view);
      this.emitSafe('update', view, [ext]);
    }
    // An agent who declined is done with the call once their phone stopped ringing.
    for (const ext of c.declinedBy) {
      if (live.has(ext) || c.departed.has(ext) || c.connectedEver.has(ext)) continue;
      c.departed.add(ext);
      const view = this.views.declinedView(s, ext, this.clock);
      c.sent.set(ext, view);
      this.emitSafe('update', view, [ext]);
    }
  }

  /**
   * Pushes each agent the view that changed for them (agents seeing the same view together).
   * Compared with what each was last sent field by field: most events change nothing anyone sees.
   */
  private emitViews(s: Scene): void {
    const { c } = s;
    const exts = extensionsOf(c);
    if (exts.length === 0) {
      const view = this.views.changedView(s, undefined, c.sent.get(''), []);
      if (!view) return;
      c.sent.set('', view);
      this.emitSafe('update', view, []);
      return;
    }
    const views: Call[] = [];
    const groups: string[][] = [];
    for (const ext of exts) {
      const view = this.views.changedView(s, ext, c.sent.get(ext), views);
      if (!view) continue;
      c.sent.set(ext, view);
      const i = views.indexOf(view);
      if (i >= 0) (groups[i] as string[]).push(ext);
      else {
        views.push(view);
        groups.push([ext]);
      }
    }
    views.forEach((view, i) => this.emitSafe('update', view, groups[i]));
  }

  private callEnded(c: CallRec): void {
    const exts = extensionsOf(c);
    const view = this.views.view(c);
    this.emitSafe('update', view, exts);
    this.emitSafe('ended', buildRecord(c), view, exts);
  }

  private emitSafe(event: string, ...args: unknown[]): void {
    emitIsolated(this, this.log, event, args);
  }
}

export interface CallModel {
  on(event: 'update', listener: (call: Call, extensions: string[]) => void): this;
  on(event: 'removed', listener: (callId: string, extensions: string[]) => void): this;
  on(event: 'ended', listener: (record: CallRecord, call: Call, extensions: string[]) => void): this;
  on(event: 'reconciled', listener: (result: ReconcileResult) => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}

function chanView(ch: Chan): ChannelView {
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
