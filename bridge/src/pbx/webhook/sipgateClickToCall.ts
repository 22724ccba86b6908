/**
 * Click-to-call on sipgate: `POST /v2/sessions/calls` of its REST API ({deviceId, caller,
 * callee, callerId}, a personal access token as Basic auth) rings the agent's sipgate device,
 * then dials the customer; the call then reaches the bar by the push API's newCall like any
 * other. The token stays in the bridge: the browser only sends `call.dial` with a number.
 */
import { CommandError, type AgentRef } from '../../calls/callControl';
import type { Logger } from '../../logger';
import { DialPolicy } from '../../phone/dialPolicy';
import { normalizePhone } from '../../phone/normalize';
import type { CallCommand } from '../../protocol/messages';
import type { CallCommandHandler } from '../../server';

export interface SipgateClickToCallOptions {
  baseUrl: string;
  tokenId: string;
  token: string;
  /** Extension -> sipgate device id (`e0`, `p0`…). */
  devices: Record<string, string>;
  /** The number customers see, when not the device's own. */
  callerId?: string;
  dialPermission: string;
  defaultRegion: string;
  timeoutMs: number;
  policy: DialPolicy;
  logger: Logger;
  fetch?: typeof fetch;
}

export class SipgateClickToCall implements CallCommandHandler {
  constructor(private readonly o: SipgateClickToCallOptions) {}

  async execute(agent: AgentRef, cmd: CallCommand): Promise<{ callId?: string }> {
    if (cmd?.type !== 'call.dial') throw new CommandError('unsupported', 'The phone system does not offer this from Bandeau: use your phone.');
    if (!agent.permissions.includes(this.o.dialPermission)) throw new CommandError('forbidden', 'You are not allowed to place calls.');
    const n = normalizePhone(cmd.number, this.o.defaultRegion);
    if (!n.ok) throw new CommandError('invalid_number', `Cannot dial this number: ${n.reason}.`, n.code);
    const allowed = this.o.policy.check(n.e164);
    if (!allowed.allowed) throw new CommandError('dial_denied', 'Calls to this number are not allowed by the dialling policy.');
    const device = Object.prototype.hasOwnProperty.call(this.o.devices, agent.extension) ? this.o.devices[agent.extension] : undefined;
    if (!device) throw new CommandError('invalid_agent', 'Your extension has no sipgate device to call from (pbx.clickToCall.devices).');
    const body = { deviceId: device, caller: device, callee: n.e164, ...(this.o.callerId ? { callerId: this.o.callerId } : {}) };
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(`${this.o.baseUrl}/sessions/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Basic ${Buffer.from(`${this.o.tokenId}:${this.o.token}`).toString('base64')}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new CommandError('pbx_timeout', 'The phone system did not answer in time.');
      this.o.logger.warn({ err: (err as Error).message }, 'sipgate click-to-call: API unreachable');
      throw new CommandError('pbx_unavailable', 'The phone system is not reachable right now; try again in a moment.');
    }
    if (!res.ok) {
      this.o.logger.warn({ status: res.status }, 'sipgate click-to-call refused');
      throw new CommandError('pbx_refused', `The phone system refused: HTTP ${res.status}.`);
    }
    this.o.logger.info({ agent: agent.userId, ext: agent.extension }, 'click-to-call sent to sipgate');
    return {};
  }
}
