import type { AmiTestPeer } from '../testpeer';
import { parseAgiArgs, runFastAgi } from '../testpeer/agiClient';

/** An extension of the PBX (2 to 6 digits), not an outside number. */
const INTERNAL_CALLER = /^\d{2,6}$/;

/** Where the demo's routing server listens, once the bridge runs it (null: routing off). */
export type RoutingAddress = () => { host: string; port: number } | null;

export interface RoutedRing {
  callId: string;
  /** What the routing server answered, or null when the demo runs without routing. */
  routing: {
    /** The BANDEAU_* variables set, in the order the server set them. */
    variables: Array<[string, string]>;
    /** AGISTATUS after AGI() returned: SUCCESS, or FAILURE when the server could not be reached. */
    agiStatus: string;
    /** From the AGI request to the server's close, in milliseconds. */
    ms: number;
  } | null;
}

/**
 * An inbound call of the demo PBX, as Asterisk runs it with the README's dialplan: the caller's
 * channel appears (Newchannel), the dialplan's `AGI(agi://127.0.0.1:4573/route)` asks the
 * routing server over TCP with that channel's Uniqueid as agi_uniqueid (H1's Asterisk-exact
 * FastAGI client), each variable set reaches AMI as a VarSet, then the call rings the agent. The
 * test peer scripts no queues, so the call rings the chosen extension whatever BANDEAU_ROUTE
 * says; a routing server that is down or slow leaves the call ringing as before, as
 * `AGISTATUS=FAILURE` leaves a real dialplan going on.
 */
export async function ringRouted(peer: AmiTestPeer, routing: RoutingAddress, o: { from: string; toExtension: string; alsoRing: string[] }): Promise<RoutedRing> {
  const address = routing();
  // A colleague's extension calling is internal: the README's dialplan routes only what comes
  // in from the trunk (from-internal never runs AGI), so the demo does not either.
  if (!address || INTERNAL_CALLER.test(o.from)) return { callId: peer.ringInbound(o), routing: null };
  const channel = peer.inboundChannel({ from: o.from, toExtension: o.toExtension });
  const t0 = Date.now();
  const result = await runFastAgi({
    host: address.host,
    port: address.port,
    script: 'route',
    channel: channel.name,
    uniqueId: channel.uniqueid,
    callerId: o.from,
    callerName: null,
    dnid: o.toExtension,
    context: channel.context,
    extension: channel.exten,
    // Asterisk itself waits as long as the server takes; the demo gives up after 5 s.
    timeoutMs: 5_000,
  });
  const ms = Date.now() - t0;
  const variables: Array<[string, string]> = [];
  for (const line of result.commands) {
    // Words as Asterisk splits them (quotes, escapes): SET VARIABLE <name> <value>.
    const w = parseAgiArgs(line);
    if (w.length === 4 && w[0]!.toLowerCase() === 'set' && w[1]!.toLowerCase() === 'variable') variables.push([w[2]!, w[3]!]);
  }
  peer.setVariables(channel.uniqueid, [...variables, ['AGISTATUS', result.agiStatus]]);
  const callId = peer.ringInbound({ ...o, uniqueid: channel.uniqueid });
  return { callId, routing: { variables, agiStatus: result.agiStatus, ms } };
}
