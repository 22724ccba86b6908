/**
 * What a webhook PBX says about a call, once its provider's fields are read (webhook/*): the
 * same three moments every provider reports. Numbers are already as the bridge shows them, the
 * agents already extensions (mapping.ts).
 */
export type HangupCause = 'normal' | 'busy' | 'cancel' | 'noAnswer' | 'failed' | 'forwarded';

export type PbxCallEvent =
  | {
      kind: 'ringing';
      /** The provider's call id (unique per call). */
      callId: string;
      /** inbound: a customer calls in; outbound: an agent calls out. */
      direction: 'inbound' | 'outbound';
      /** The customer's number ('' when withheld). */
      remote: string;
      /** Inbound: the number the customer dialled (a DID, a group); outbound: the customer's. */
      dialled: string;
      /** Extensions ringing (inbound) or calling (outbound, one). */
      agents: string[];
      /** Seconds since the epoch, when the provider says. */
      at?: number;
    }
  | { kind: 'answered'; callId: string; agent?: string; at?: number }
  | {
      kind: 'ended';
      callId: string;
      cause: HangupCause;
      /** The provider says the call was talked although it sent no answer (placetel's outgoing calls). */
      talked?: boolean;
      at?: number;
    };

/** Why an event changes nothing: the webhook answers it to the provider. */
export class CallEventRefused extends Error {
  constructor(
    readonly code: 'replayed' | 'unknown_call' | 'unknown_agent',
    message: string,
  ) {
    super(message);
    this.name = 'CallEventRefused';
  }
}
