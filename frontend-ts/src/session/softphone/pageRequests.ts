import type { SdpRequestMsg, SdpResultMsg } from '../../../../bridge/src/protocol/messages';

const REQUEST_TIMEOUT_MS = 20_000;

export type PageRequest = Omit<SdpRequestMsg, 'type' | 'requestId'>;

interface Pending {
  pageId: string;
  resolve(r: SdpResultMsg): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Media work sent to the page that hosts a call (sdp.request) and the answers it owes: each
 * request times out, and fails at once when its page goes away.
 */
export class PageRequests {
  private readonly pending = new Map<string, Pending>();
  private seq = 0;

  constructor(private readonly send: (pageId: string, msg: SdpRequestMsg) => void) {}

  /** Fire and forget (close, dtmf, mute): no answer expected. */
  post(pageId: string, req: PageRequest): string {
    const requestId = `r${++this.seq}`;
    this.send(pageId, { type: 'sdp.request', requestId, ...req });
    return requestId;
  }

  request(pageId: string, req: PageRequest): Promise<SdpResultMsg> {
    return new Promise((resolve, reject) => {
      const requestId = this.post(pageId, req);
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`the page did not answer ${req.op} in time`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, { pageId, resolve, reject, timer });
    });
  }

  /** A page's answer; ignored unless that very page owes it. */
  answer(msg: SdpResultMsg): void {
    const p = this.pending.get(msg.requestId);
    if (!p || p.pageId !== msg.pageId) return;
    this.pending.delete(msg.requestId);
    clearTimeout(p.timer);
    p.resolve(msg);
  }

  /** These pages went away: what they owed fails now. */
  dropPages(gone: string[]): void {
    for (const [id, p] of this.pending) {
      if (!gone.includes(p.pageId)) continue;
      this.pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new Error('the page hosting the call audio went away'));
    }
  }
}
