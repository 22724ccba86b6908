/**
 * The PBX's routing decision (FastAGI, routing/routedCalls.ts) joined to the call it routed: the
 * decision names the channel the dialplan ran AGI() on (its Uniqueid), and the call owning that
 * channel keeps it, so its views (`routing`) and its record (route fields) carry it. The AGI
 * request usually comes before the call model has any agent in the call; it may come after the
 * channel's Newchannel, or (AMI being late) before it: both orders end in the same call.
 */
import type { CallRouting } from '../protocol/messages';
import type { Chan } from './channels';
import type { CallRec, ModelCore } from './core';

/** The decision waiting for a channel not seen yet, by Uniqueid (undefined: none). */
export type PendingRouting = (uniqueid: string) => CallRouting | undefined;

/** The live call holding the channel `uniqueid` (or the call of that Linkedid). */
export function callOfUniqueid(core: ModelCore, uniqueid: string): CallRec | undefined {
  const byChannel = core.callOf(core.channels.get(uniqueid));
  if (byChannel) return byChannel;
  const id = core.linkedToCall.get(uniqueid);
  return id === undefined ? undefined : core.calls.get(id);
}

/** Keeps the decision with its call; false when no live call has that channel (yet). */
export function attachRouting(core: ModelCore, uniqueid: string, routing: CallRouting): boolean {
  const c = callOfUniqueid(core, uniqueid);
  if (!c) return false;
  // (The latest decision wins: a call sent through AGI() again was routed again.)
  if (c.routing !== routing) {
    c.routing = routing;
    core.touch(c);
  }
  return true;
}

/** A channel just joined its call: a decision that came before it goes to that call. */
export function routeNewChannel(core: ModelCore, pending: PendingRouting | undefined, ch: Chan, c: CallRec): void {
  if (!pending) return;
  const r = pending(ch.uniqueid);
  if (r === undefined) return;
  c.routing = r;
  core.touch(c);
}
