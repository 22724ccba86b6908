/**
 * A webhook PBX's calls in the call model's own language: each ringing, answer and hangup
 * becomes the channel events an Asterisk sends for the same call (a trunk channel for the
 * customer, a device channel per agent, Dial and Bridge events between them; the recorded
 * streams in ../shared/asterisk/captures show them). So the call model, its records and the
 * bars' states are the same code whatever the PBX, and need no change for a new driver.
 *
 * Channel names follow the call model's default patterns (`PJSIP/7001-…` an agent's device,
 * `PJSIP/provider-…` the trunk), which is why webhook drivers run the model on its defaults.
 */
import { AmiMessage } from '../ami/message';
import type { CallModel } from '../calls/model';
import { CallEventRefused, type HangupCause, type PbxCallEvent } from './callEvents';

/** Q.850 causes and Dial statuses, as Asterisk reports each way a call ends. */
const CAUSES: Record<HangupCause, { cause: number; dial: string }> = {
  normal: { cause: 16, dial: 'CANCEL' },
  cancel: { cause: 16, dial: 'CANCEL' },
  noAnswer: { cause: 19, dial: 'NOANSWER' },
  busy: { cause: 17, dial: 'BUSY' },
  failed: { cause: 34, dial: 'CONGESTION' },
  forwarded: { cause: 16, dial: 'CANCEL' },
};

interface Leg {
  uid: string;
  name: string;
  ext: string;
}

interface LiveCall {
  direction: 'inbound' | 'outbound';
  /** The customer's side. */
  trunk: Leg;
  /** Inbound: the agents' phones ringing; outbound: the calling agent's phone. */
  legs: Leg[];
  remote: string;
  dialled: string;
  bridge: string | undefined;
  /** When the provider last spoke of it (ms), for the sweep. */
  lastEventAt: number;
}

/** How many call ids are remembered after their end, so a replayed event is told apart. */
const ENDED_MEMORY = 10_000;

/**
 * A webhook whose hangup was lost would leave a call in the bars for ever (there is no channel
 * list to reconcile with, as AMI has): past these, without news, the call is ended.
 */
export const SWEEP_LIMITS = { ringingMs: 10 * 60_000, talkingMs: 6 * 3_600_000 };

export class ChannelEventWriter {
  private readonly live = new Map<string, LiveCall>();
  private readonly ended = new Set<string>();
  private seq = 0;

  constructor(
    private readonly model: CallModel,
    /** Prefix of this driver's call ids (`generic`, `sipgate`): two drivers' ids never meet. */
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Ends the calls the provider has said nothing of for too long (see SWEEP_LIMITS); returns how many. */
  sweep(limits = SWEEP_LIMITS): number {
    const t = this.now();
    let ended = 0;
    for (const [id, c] of [...this.live]) {
      const quiet = t - c.lastEventAt;
      if (c.bridge ? quiet > limits.talkingMs : quiet > limits.ringingMs) {
        this.hangup(id, c, c.bridge ? 'normal' : 'noAnswer', undefined);
        ended++;
      }
    }
    return ended;
  }

  /** The call id the bar and the records know this provider call by. */
  callIdOf(providerCallId: string): string {
    return `${this.prefix}-${providerCallId}`;
  }

  /** Is this provider call ringing or talking now? */
  isLive(providerCallId: string): boolean {
    return this.live.has(providerCallId);
  }

  /** Applies one event; throws CallEventRefused (and changes nothing) when it makes no sense now. */
  apply(ev: PbxCallEvent): void {
    const ts = ev.at;
    switch (ev.kind) {
      case 'ringing':
        return this.ringing(ev, ts);
      case 'answered': {
        const c = this.call(ev.callId);
        this.answered(c, ev.agent, ts);
        c.lastEventAt = this.now();
        return;
      }
      case 'ended': {
        const c = this.call(ev.callId);
        // Talked without an answer event: answered first, when it is clear who talked.
        if (ev.talked && !c.bridge && c.legs.length === 1) this.answered(c, undefined, ts);
        this.hangup(ev.callId, c, ev.cause, ts);
        return;
      }
    }
  }

  private call(providerCallId: string): LiveCall {
    const c = this.live.get(providerCallId);
    if (c) return c;
    if (this.ended.has(providerCallId)) throw new CallEventRefused('replayed', 'this call has already ended');
    throw new CallEventRefused('unknown_call', 'no call with this callId is ringing or answered (newCall first)');
  }

  private ringing(ev: Extract<PbxCallEvent, { kind: 'ringing' }>, ts: number | undefined): void {
    if (this.live.has(ev.callId) || this.ended.has(ev.callId)) throw new CallEventRefused('replayed', 'a newCall for this callId was already received');
    if (ev.direction === 'outbound' && ev.agents.length !== 1) throw new CallEventRefused('unknown_agent', 'an outbound call needs the one agent who places it');
    const id = this.callIdOf(ev.callId);
    const n = () => (++this.seq).toString(16).padStart(8, '0');
    const trunk: Leg = { uid: ev.direction === 'inbound' ? id : `${id};remote`, name: `PJSIP/provider-${n()}`, ext: '' };
    const legs = ev.agents.map((ext, i) => ({ uid: ev.direction === 'outbound' && i === 0 ? id : `${id};${ext}`, name: `PJSIP/${ext}-${n()}`, ext }));
    const c: LiveCall = { direction: ev.direction, trunk, legs, remote: ev.remote, dialled: ev.dialled, bridge: undefined, lastEventAt: this.now() };
    this.live.set(ev.callId, c);
    if (ev.direction === 'inbound') {
      this.emit('Newchannel', trunk, c, ts, { ChannelState: 4, CallerIDNum: ev.remote, Context: 'from-trunk', Exten: ev.dialled });
      for (const leg of legs) {
        this.emit('Newchannel', leg, c, ts, { ChannelState: 0, CallerIDNum: leg.ext, ConnectedLineNum: ev.remote, Context: 'from-internal', Exten: ev.dialled });
        this.emit('DialBegin', trunk, c, ts, { ...this.snapshot(trunk, c), ...this.dest(leg, c), DialString: leg.ext });
        this.emit('Newstate', leg, c, ts, { ChannelState: 5 });
      }
    } else {
      const agent = legs[0] as Leg;
      this.emit('Newchannel', agent, c, ts, { ChannelState: 4, CallerIDNum: agent.ext, Context: 'from-internal', Exten: ev.dialled });
      this.emit('Newchannel', trunk, c, ts, { ChannelState: 0, CallerIDNum: ev.dialled, ConnectedLineNum: agent.ext, Context: 'from-trunk', Exten: ev.dialled });
      this.emit('DialBegin', agent, c, ts, { ...this.snapshot(agent, c), ...this.dest(trunk, c), DialString: `${ev.dialled}@provider` });
      this.emit('Newstate', trunk, c, ts, { ChannelState: 5 });
    }
  }

  private answered(c: LiveCall, agent: string | undefined, ts: number | undefined): void {
    if (c.bridge) throw new CallEventRefused('replayed', 'this call was already answered');
    c.bridge = `bridge-${c.trunk.uid}`;
    if (c.direction === 'outbound') {
      const me = c.legs[0] as Leg;
      this.emit('Newstate', c.trunk, c, ts, { ChannelState: 6 });
      this.emit('DialEnd', me, c, ts, { ...this.snapshot(me, c), ...this.dest(c.trunk, c), DialStatus: 'ANSWER' });
      this.emit('Newstate', me, c, ts, { ChannelState: 6 });
      this.bridgeEnter([c.trunk, me], c, ts);
      return;
    }
    // The one who answered: the agent named, else the only phone ringing.
    const who = c.legs.find((l) => l.ext === agent) ?? (c.legs.length === 1 ? c.legs[0] : undefined);
    if (!who) {
      c.bridge = undefined;
      throw new CallEventRefused('unknown_agent', agent ? `agent ${agent} was not ringing on this call` : 'several phones ring: say which agent answered');
    }
    this.emit('Newstate', who, c, ts, { ChannelState: 6 });
    for (const leg of c.legs) if (leg !== who) this.emit('DialEnd', c.trunk, c, ts, { ...this.snapshot(c.trunk, c), ...this.dest(leg, c), DialStatus: 'CANCEL' });
    this.emit('DialEnd', c.trunk, c, ts, { ...this.snapshot(c.trunk, c), ...this.dest(who, c), DialStatus: 'ANSWER' });
    this.emit('Newstate', c.trunk, c, ts, { ChannelState: 6 });
    // Answered elsewhere (26): the other phones stop ringing.
    for (const leg of c.legs) if (leg !== who) this.emit('Hangup', leg, c, ts, { Cause: 26 });
    c.legs = [who];
    this.bridgeEnter([who, c.trunk], c, ts);
  }

  private hangup(providerCallId: string, c: LiveCall, cause: HangupCause, ts: number | undefined): void {
    const { cause: q850, dial } = CAUSES[cause];
    if (c.bridge) {
      for (const leg of [c.trunk, ...c.legs]) this.emit('BridgeLeave', leg, c, ts, { BridgeUniqueid: c.bridge });
      for (const leg of [...c.legs, c.trunk]) this.emit('Hangup', leg, c, ts, { Cause: 16 });
    } else if (c.direction === 'inbound') {
      for (const leg of c.legs) this.emit('DialEnd', c.trunk, c, ts, { ...this.snapshot(c.trunk, c), ...this.dest(leg, c), DialStatus: dial });
      for (const leg of c.legs) this.emit('Hangup', leg, c, ts, { Cause: q850 });
      this.emit('Hangup', c.trunk, c, ts, { Cause: q850 });
    } else {
      const me = c.legs[0] as Leg;
      this.emit('DialEnd', me, c, ts, { ...this.snapshot(me, c), ...this.dest(c.trunk, c), DialStatus: dial });
      this.emit('Hangup', c.trunk, c, ts, { Cause: q850 });
      this.emit('Hangup', me, c, ts, { Cause: q850 });
    }
    this.live.delete(providerCallId);
    this.ended.add(providerCallId);
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.values().next().value as string);
  }

  private bridgeEnter(legs: Leg[], c: LiveCall, ts: number | undefined): void {
    for (const leg of legs) this.emit('BridgeEnter', leg, c, ts, { ChannelState: 6, BridgeUniqueid: c.bridge });
  }

  /** A channel's own headers, as every Asterisk event carries them. */
  private snapshot(leg: Leg, c: LiveCall): Record<string, string | number> {
    const linked = c.direction === 'inbound' ? c.trunk.uid : (c.legs[0] as Leg).uid;
    const customer = leg === c.trunk;
    return {
      Channel: leg.name,
      Uniqueid: leg.uid,
      Linkedid: linked,
      CallerIDNum: customer ? (c.direction === 'inbound' ? c.remote : c.dialled) : leg.ext,
      Context: customer ? 'from-trunk' : 'from-internal',
      Exten: c.dialled,
    };
  }

  private dest(leg: Leg, c: LiveCall): Record<string, string | number> {
    const s = this.snapshot(leg, c);
    return { DestChannel: s.Channel as string, DestUniqueid: leg.uid, DestLinkedid: s.Linkedid as string, DestCallerIDNum: s.CallerIDNum as string, DestContext: s.Context as string, DestExten: c.dialled };
  }

  private emit(event: string, leg: Leg, c: LiveCall, ts: number | undefined, extra: Record<string, string | number | undefined>): void {
    const fields: Record<string, string | number | undefined> = { Event: event, ...this.snapshot(leg, c), ...extra, ...(ts !== undefined ? { Timestamp: ts.toFixed(3) } : {}) };
    this.model.handleEvent(AmiMessage.from(fields));
  }
}
