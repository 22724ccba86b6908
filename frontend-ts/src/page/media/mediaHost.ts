import type { SdpRequestMsg, SdpResultMsg } from '../../../../bridge/src/protocol/messages';

interface Leg {
  pc: RTCPeerConnection;
  stream: MediaStream;
  sender: RTCRtpSender | null;
  audio: HTMLAudioElement;
}

/** Inbound/outbound RTP counters of one call's audio, for diagnostics and tests. */
export interface LegStats {
  callId: string;
  packetsReceived: number;
  packetsSent: number;
  connectionState: RTCPeerConnectionState;
}

const ICE_GATHERING_TIMEOUT_MS = 3_000;

/**
 * Softphone media in a page (or the pop-out window): one RTCPeerConnection per call, made here
 * on demand, so a page that takes over a call after a navigation always answers the worker's
 * resume with a brand-new connection (fresh certificate; a=setup left as the browser wrote it).
 * The worker sends the SDP work (sdp.request); this answers it (sdp.result).
 */
export class MediaHost {
  private readonly legs = new Map<string, Leg>();
  private readonly muted = new Map<string, boolean>();

  constructor(private readonly reply: (r: Omit<SdpResultMsg, 'type' | 'pageId'>) => void) {
    addEventListener('pagehide', () => this.closeAll());
  }

  handle(req: SdpRequestMsg, reply = this.reply): void {
    this.run(req).then(
      (sdp) => reply({ requestId: req.requestId, ok: true, ...(sdp ? { sdp } : {}) }),
      (err: unknown) => reply({ requestId: req.requestId, ok: false, error: String((err as Error)?.message ?? err).slice(0, 1000) }),
    );
  }

  async stats(): Promise<LegStats[]> {
    const out: LegStats[] = [];
    for (const [callId, leg] of this.legs) {
      let packetsReceived = 0;
      let packetsSent = 0;
      (await leg.pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') packetsReceived += r.packetsReceived ?? 0;
        if (r.type === 'outbound-rtp' && r.kind === 'audio') packetsSent += r.packetsSent ?? 0;
      });
      out.push({ callId, packetsReceived, packetsSent, connectionState: leg.pc.connectionState });
    }
    return out;
  }

  private async run(req: SdpRequestMsg): Promise<string | undefined> {
    const { callId } = req;
    switch (req.op) {
      case 'local': {
        if (req.muted !== undefined) this.muted.set(callId, req.muted);
        const leg = await this.leg(callId);
        for (const t of leg.stream.getAudioTracks()) t.enabled = this.muted.get(callId) !== true;
        const answering = leg.pc.signalingState === 'have-remote-offer';
        this.attachTrack(leg);
        const tr = leg.pc.getTransceivers().find((t) => t.sender === leg.sender);
        if (tr) tr.direction = req.hold ? 'sendonly' : 'sendrecv';
        const desc = answering ? await leg.pc.createAnswer() : await leg.pc.createOffer();
        await leg.pc.setLocalDescription(desc);
        await gathered(leg.pc);
        const sdp = leg.pc.localDescription?.sdp;
        if (!sdp) throw new Error('no local description');
        return sdp;
      }
      case 'remote': {
        if (!req.sdp) throw new Error('no SDP');
        const leg = await this.leg(callId);
        const type = leg.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
        await leg.pc.setRemoteDescription({ type, sdp: req.sdp });
        if (type === 'offer') this.attachTrack(leg);
        return undefined;
      }
      case 'rollback': {
        const leg = this.legs.get(callId);
        if (leg && leg.pc.signalingState !== 'stable') await leg.pc.setLocalDescription({ type: 'rollback' });
        return undefined;
      }
      case 'close':
        this.close(callId);
        return undefined;
      case 'dtmf': {
        const dtmf = this.legs.get(callId)?.sender?.dtmf;
        if (!dtmf || !req.tones) throw new Error('DTMF is not available on this call');
        dtmf.insertDTMF(req.tones, 100, 70);
        return undefined;
      }
      case 'mute': {
        this.muted.set(callId, req.muted === true);
        const leg = this.legs.get(callId);
        if (leg) for (const t of leg.stream.getAudioTracks()) t.enabled = req.muted !== true;
        return undefined;
      }
    }
  }

  /** The call's connection in this page, made (with the microphone) on first use. */
  private async leg(callId: string): Promise<Leg> {
    const existing = this.legs.get(callId);
    if (existing) return existing;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const raced = this.legs.get(callId);
    if (raced) {
      for (const t of stream.getTracks()) t.stop();
      return raced;
    }
    // No `certificates` option: every connection gets a new one (a reused one never gets audio back).
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.setAttribute('data-bandeau-audio', callId);
    audio.hidden = true;
    document.body.appendChild(audio);
    pc.ontrack = (ev) => {
      audio.srcObject = ev.streams[0] ?? new MediaStream([ev.track]);
      audio.play().catch(() => undefined);
    };
    for (const t of stream.getAudioTracks()) t.enabled = this.muted.get(callId) !== true;
    const leg: Leg = { pc, stream, sender: null, audio };
    this.legs.set(callId, leg);
    return leg;
  }

  private attachTrack(leg: Leg): void {
    const track = leg.stream.getAudioTracks()[0];
    if (!leg.sender && track) leg.sender = leg.pc.addTrack(track, leg.stream);
  }

  private close(callId: string): void {
    const leg = this.legs.get(callId);
    this.muted.delete(callId);
    if (!leg) return;
    this.legs.delete(callId);
    leg.pc.close();
    for (const t of leg.stream.getTracks()) t.stop();
    leg.audio.srcObject = null;
    leg.audio.remove();
  }

  private closeAll(): void {
    for (const id of [...this.legs.keys()]) this.close(id);
  }
}

/** Resolves when ICE gathering is complete (host candidates only: quick), or after a timeout. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, ICE_GATHERING_TIMEOUT_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
