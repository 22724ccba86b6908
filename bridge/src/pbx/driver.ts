/**
 * The PBX driver layer: everything between the merchant's telephone system and the rest of the
 * bridge. A driver feeds the call model (call events in) and carries out agents' commands (call
 * control out); the call model, agents, outbox, routing and the bar are the same whatever the
 * driver. AMI (ami/amiDriver.ts) is one driver; hosted PBXs report calls by webhook
 * (webhook/*) and take click-to-call through their REST API where they have one.
 */
import type { PbxCapabilities } from '../protocol/messages';
import type { CallCommandHandler, HttpRoute } from '../server';
import type { Presence } from '../agents/presence';

export type { PbxCapabilities } from '../protocol/messages';

/** Every control: what a PBX the bridge commands through AMI allows. */
export const ALL_CAPABILITIES: PbxCapabilities = Object.freeze({
  dial: true,
  hangup: true,
  decline: true,
  hold: true,
  blindTransfer: true,
  attendedTransfer: true,
  dtmf: true,
  presence: true,
});

/** None: a PBX that only reports its calls (the bar shows them, and nothing can be clicked). */
export const NO_CAPABILITIES: PbxCapabilities = Object.freeze({
  dial: false,
  hangup: false,
  decline: false,
  hold: false,
  blindTransfer: false,
  attendedTransfer: false,
  dtmf: false,
  presence: false,
});

/** What the agents' status needs from a PBX (the AMI queue pause implements it). */
export type PresenceHandler = Pick<Presence, 'apply' | 'read'>;

export interface PbxDriver {
  /** `ami`, `generic`, `sipgate`, `placetel`: in logs and /healthz. */
  readonly name: string;
  /** What the bar may offer; commands outside them are refused before reaching the driver. */
  readonly capabilities: PbxCapabilities;
  /** Agents' call commands; absent when the PBX takes none. */
  readonly callControl?: CallCommandHandler;
  /** Agents' status to the PBX; absent when the PBX has no queue pause. */
  readonly presence?: PresenceHandler;
  /** HTTP routes served on the bridge's port (the provider's webhooks). */
  readonly routes: HttpRoute[];
  /** For /healthz: is the PBX side up, in a few words. */
  status(): { connected: boolean; detail?: string };
  /** Starts talking to the PBX (after the bridge listens); stop undoes it. */
  start(): void;
  stop(): Promise<void>;
}
