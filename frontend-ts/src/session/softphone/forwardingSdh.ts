import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/api/session-description-handler.js';

/** Our options on top of sip.js's: park the far end on hold while no page hosts the media. */
export interface ForwardingOptions extends SessionDescriptionHandlerOptions {
  bandeauPark?: boolean;
}

/** The media work of one call, done by whichever page hosts it (see SoftphoneEngine). */
export interface MediaOps {
  local(callId: string, options: ForwardingOptions | undefined): Promise<string>;
  remote(callId: string, sdp: string): Promise<void>;
  rollback(callId: string): Promise<void>;
  closeMedia(callId: string): void;
  dtmf(callId: string, tones: string): boolean;
}

/**
 * sip.js's SessionDescriptionHandler for a worker: there is no RTCPeerConnection here, so every
 * offer/answer step is forwarded to the page (or pop-out window) hosting the call's media.
 */
export class ForwardingSdh implements SessionDescriptionHandler {
  private closed = false;

  constructor(
    private readonly media: MediaOps,
    private readonly callId: string,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.media.closeMedia(this.callId);
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]?.trim().toLowerCase() === 'application/sdp';
  }

  async getDescription(options?: ForwardingOptions): Promise<BodyAndContentType> {
    if (this.closed) throw new Error('session description handler closed');
    return { body: await this.media.local(this.callId, options), contentType: 'application/sdp' };
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.closed) throw new Error('session description handler closed');
    await this.media.remote(this.callId, sdp);
  }

  // sip.js sends a BYE when a rollback fails: never fail.
  async rollbackDescription(): Promise<void> {
    await this.media.rollback(this.callId).catch(() => undefined);
  }

  sendDtmf(tones: string): boolean {
    return !this.closed && this.media.dtmf(this.callId, tones);
  }
}

/**
 * The offer that parks the far end on hold while no page hosts the media: the last local offer
 * with its direction made sendonly and its version bumped. ICE, fingerprint and a=setup stay as
 * they were (rewriting a=setup makes peers answer 488).
 */
export function parkedOffer(lastLocal: string): string {
  return lastLocal
    .replace(/^o=(\S+) (\S+) (\d+)/m, (_m, user: string, sess: string, ver: string) => `o=${user} ${sess} ${(BigInt(ver) + 1n).toString()}`)
    .replace(/^a=(sendrecv|recvonly|sendonly|inactive)\r?$/gm, (m, dir: string) => m.replace(dir, dir === 'recvonly' || dir === 'inactive' ? 'inactive' : 'sendonly'));
}
