/**
 * Click-to-call through a hosted PBX's REST API: the agent's device (per extension) is rung, then
 * the customer is dialled; the call then reaches the bar by the provider's webhook like any
 * other. sipgate: `POST /v2/sessions/calls` {deviceId, caller, callee, callerId} with a personal
 * access token as Basic auth; placetel: `POST /v2/calls` {sipuid, target} with its API token as
 * Bearer. The token stays in the bridge: the browser only sends `call.dial` with a number.
 */
import { CommandError, type AgentRef } from '../../calls/callControl';
import type { Logger } from '../../logger';
import { DialPolicy } from '../../phone/dialPolicy';
import { normalizePhone } from '../../phone/normalize';
import type { CallCommand } from '../../protocol/messages';
import type { CallCommandHandler } from '../../server';

/** One provider's request for "ring this device, then dial this number". */
export interface ClickToCallRequest {
  url: string;
  authorization: string;
  body: Record<string, string>;
}

/** sipgate's: the device rings first (`caller`), `callerId` when set. */
export function sipgateCall(o: { baseUrl: string; tokenId: string; token: string; callerId?: string }): (device: string, e164: string) => ClickToCallRequest {
  const authorization = `Basic ${Buffer.from(`${o.tokenId}:${o.token}`).toString('base64')}`;
  return (device, e164) => ({ url: `${o.baseUrl}/sessions/calls`, authorization, body: { deviceId: device, caller: device, callee: e164, ...(o.callerId ? { callerId: o.callerId } : {}) } });
}

/** placetel's: the SIP user rings first, then the target. */
export function placetelCall(o: { baseUrl: string; token: string }): (device: string, e164: string) => ClickToCallRequest {
  return (device, e164) => ({ url: `${o.baseUrl}/calls`, authorization: `Bearer ${o.token}`, body: { sipuid: device, target: e164 } });
}

export interface ClickToCallOptions {
  /** The provider, in logs. */
  provider: string;
  request: (device: string, e164: string) => ClickToCallRequest;
  /** Extension -> the provider's device (sipgate `e0`, placetel SIP user). */
  devices: Record<string, string>;
  dialPermission: string;
  defaultRegion: string;
  timeoutMs: number;
  policy: DialPolicy;
  logger: Logger;
  fetch?: typeof fetch;
}

export class ClickToCall implements CallCommandHandler {
  constructor(private readonly o: ClickToCallOptions) {}

  async execute(agent: AgentRef, cmd: CallCommand): Promise<{ callId?: string }> {
    if (cmd?.type !== 'call.dial') throw new CommandError('unsupported', 'The phone system does not offer this from Bandeau: use your phone.');
    if (!agent.permissions.includes(this.o.dialPermission)) throw new CommandError('forbidden', 'You are not allowed to place calls.');
    const n = normalizePhone(cmd.number, this.o.defaultRegion);
    if (!n.ok) throw new CommandError('invalid_number', `Cannot dial this number: ${n.reason}.`, n.code);
    const allowed = this.o.policy.check(n.e164);
    if (!allowed.allowed) throw new CommandError('dial_denied', 'Calls to this number are not allowed by the dialling policy.');
    const device = Object.prototype.hasOwnProperty.call(this.o.devices, agent.extension) ? this.o.devices[agent.extension] : undefined;
    if (!device) throw new CommandError('invalid_agent', `Your extension has no ${this.o.provider} device to call from (pbx.clickToCall.devices).`);
    const r = this.o.request(device, n.e164);
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: r.authorization },
        body: JSON.stringify(r.body),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new CommandError('pbx_timeout', 'The phone system did not answer in time.');
      this.o.logger.warn({ err: (err as Error).message }, `${this.o.provider} click-to-call: API unreachable`);
      throw new CommandError('pbx_unavailable', 'The phone system is not reachable right now; try again in a moment.');
    }
    if (!res.ok) {
      this.o.logger.warn({ status: res.status }, `${this.o.provider} click-to-call refused`);
      throw new CommandError('pbx_refused', `The phone system refused: HTTP ${res.status}.`);
    }
    this.o.logger.info({ agent: agent.userId, ext: agent.extension }, `click-to-call sent to ${this.o.provider}`);
    return {};
  }
}
