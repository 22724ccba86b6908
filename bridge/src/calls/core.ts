/**
 * What the call model's parts share: the channel table, the calls being
 * assembled from it, and the set of calls changed by the current event.
 */
import type { Call, CallDirection, CallDisposition, CallRouting } from '../protocol/messages';
import type { CallModelConfig } from './config';
import type { ChannelClassifier } from './classify';
import { ChannelTable, type Chan } from './channels';
import type { ShownTimes } from './record';

export interface Leg {
  ext: string | undefined;
  status: string | undefined;
}

export interface QueueInfo {
  name: string | undefined;
  /** Position when the caller joined (QueueCallerJoin Position, or OriginalPosition). */
  position: number | undefined;
  /** Position when the caller gave up (QueueCallerAbandon Position). */
  abandonPosition: number | undefined;
  /** Seconds waited in the queue (HoldTime of AgentConnect / QueueCallerAbandon). */
  waitS: number | undefined;
  joinedAt: number;
  abandoned: boolean;
}

export interface Consult {
  /** The agent consulting the transfer target while the other party holds. */
  transferer: string | undefined;
  /** Local channels of the consultation leg: the consultation is over when they are gone. */
  locals: Set<string>;
}

export interface OriginateInfo {
  channelId: string;
  actionId?: string;
  /** The agent whose phone was called first. */
  ext: string;
  reason?: number;
}

export interface CallRec {
  id: string;
  linkedIds: string[];
  channels: Set<string>;
  originUid: string;
  direction: CallDirection;
  from: string;
  to: string;
  /** from/to/direction come from an Originate (the bridge's own, or an OriginateResponse). */
  fixed: boolean;
  rung: string[];
  /** Every agent whose device had a channel in the call. */
  agents: Set<string>;
  /** The first agent who answered (records); views show who talks now. */
  answeredBy: string | null;
  answeredAt: number | null;
  startedAt: number;
  endedAt: number | null;
  disposition: CallDisposition | null;
  legs: Map<string, Leg>;
  voicemail: boolean;
  originHungUpFirst: boolean | undefined;
  originCause: number | undefined;
  originate: OriginateInfo | undefined;
  queue: QueueInfo | undefined;
  /** Agents that talked in this call at some point. */
  connectedEver: Set<string>;
  transferredTo: string | null;
  /** A transfer succeeded and no agent has taken the call since. */
  transferPending: boolean;
  consult: Consult | undefined;
  parked: { space: string | undefined; parker: string | undefined } | undefined;
  /** Agents who transferred the call away (it ends for them when their phone leaves it). */
  transferers: Set<string>;
  /** Agents for whom the call is over although it goes on (they passed it on, or declined it). */
  departed: Set<string>;
  /** Agents who declined the call while their phone rang (call.decline). */
  declinedBy: Set<string>;
  /** Last view sent per extension ('' when no agent is concerned). */
  sent: Map<string, Call>;
  /** The call's times as views show them (see views.ts). */
  shown: ShownTimes | undefined;
  /** How the PBX's routing (FastAGI) sent the call, when it asked (routing/routedCalls.ts). */
  routing: CallRouting | undefined;
}

export type Emit = (event: string, ...args: unknown[]) => void;

export const MEANINGLESS_EXTEN = new Set(['s', 'h', 'i', 't', '']);

export function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

export function numberOr(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export class ModelCore {
  readonly channels: ChannelTable;
  readonly calls = new Map<string, CallRec>();
  readonly linkedToCall = new Map<string, string>();
  readonly originateByAction = new Map<string, string>();
  /** Calls changed by the event being applied; flushed as views after it. */
  readonly dirty = new Set<CallRec>();

  constructor(
    readonly config: CallModelConfig,
    readonly cls: ChannelClassifier,
    readonly emit: Emit,
  ) {
    this.channels = new ChannelTable(config.endedMemory);
  }

  callOf(ch: Chan | undefined): CallRec | undefined {
    return ch ? this.calls.get(ch.callId) : undefined;
  }

  touch(c: CallRec | undefined): void {
    if (c) this.dirty.add(c);
  }

  /** Live channels of a call. */
  channelsOf(c: CallRec): Chan[] {
    const out: Chan[] = [];
    for (const u of c.channels) {
      const ch = this.channels.get(u);
      if (ch) out.push(ch);
    }
    return out;
  }

  addRung(c: CallRec, ext: string): void {
    if (!c.rung.includes(ext) && c.rung.length < 256) {
      c.rung.push(ext);
      this.dirty.add(c);
    }
    c.agents.add(ext);
  }

  /** The agent who placed the call, when one did. */
  originExt(c: CallRec): string | undefined {
    if (c.originate?.ext) return c.originate.ext;
    const o = this.channels.get(c.originUid);
    return o?.kind === 'agent' ? o.ext : undefined;
  }

  newCall(id: string, originUid: string, ts: number): CallRec {
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
      originHungUpFirst: undefined,
      originCause: undefined,
      originate: undefined,
      queue: undefined,
      connectedEver: new Set(),
      transferredTo: null,
      transferPending: false,
      consult: undefined,
      parked: undefined,
      transferers: new Set(),
      departed: new Set(),
      declinedBy: new Set(),
      sent: new Map(),
      shown: undefined,
      routing: undefined,
    };
    this.calls.set(id, c);
    this.linkedToCall.set(id, id);
    return c;
  }
}
