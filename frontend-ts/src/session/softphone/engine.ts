import { Invitation } from 'sip.js/lib/api/invitation.js';
import { Inviter } from 'sip.js/lib/api/inviter.js';
import type { Session } from 'sip.js/lib/api/session.js';
import { SessionState } from 'sip.js/lib/api/session-state.js';
import { UserAgent } from 'sip.js/lib/api/user-agent.js';
import type { SdpRequestMsg, SdpResultMsg, SoftCall, SoftphoneCommand, SoftphoneCredentials, SoftphoneSessionConfig, SoftphoneView } from '../../../../bridge/src/protocol/messages';
import { log } from '../../shared/log';
import { ForwardingSdh, parkedOffer, type ForwardingOptions, type MediaOps } from './forwardingSdh';
import { PageRequests } from './pageRequests';
import { SipRegistration } from './sipRegistration';

/** A page (or the pop-out window) attached to the session, as the softphone sees it. */
export interface MediaPage {
  pageId: string;
  visible: boolean;
  role: 'page' | 'popout';
  /** Can host media (has RTCPeerConnection). */
  media: boolean;
  /** When the page attached (ms). */
  since: number;
}

export interface EngineHooks {
  /** Sends an sdp.request to one page. */
  post(pageId: string, msg: SdpRequestMsg): void;
  /** The view changed: broadcast it. */
  changed(): void;
  credentials(): Promise<SoftphoneCredentials>;
  /** Where the engine runs, for the view. */
  sipIn: SoftphoneView['sipIn'];
  /** SIP ownership (one registration per browser): resolves when this engine may register. */
  acquire?(onLost: () => void): Promise<void>;
  releaseLock?(): void;
}

export const DEFAULT_RELEASE_AFTER_MS = 120_000;
export const DEFAULT_HOLD_AFTER_MS = 1_500;

interface CallRec {
  id: string;
  session: Session;
  direction: SoftCall['direction'];
  remote: string;
  state: SoftCall['state'];
  hostPageId: string | null;
  /** The host's pc is fresh and has not produced an offer/answer yet. */
  muted: boolean;
  /** The agent put the call on hold (sendonly from the page's own pc). */
  userHold: boolean;
  /** The far end is parked on hold because no page hosts the media. */
  parked: boolean;
  /** A re-INVITE (resume or park) is queued or under way. */
  busy: boolean;
  lastLocalSdp: string | null;
  holdTimer: ReturnType<typeof setTimeout> | null;
  startedAt: string;
  answeredAt: string | null;
}

/**
 * The browser's one SIP user agent (sip.js): registration, calls, and the routing of each call's
 * media work to the page that hosts it. It runs in the SharedWorker (or, where that does not
 * survive navigation, in the pop-out window). Pages come and go; calls stay. When the page
 * hosting a call's media leaves, the call is parked on hold (sendonly re-INVITE built from the
 * last offer) until the next page resumes it with a re-INVITE whose offer comes from a brand-new
 * RTCPeerConnection on that page.
 */
export class SoftphoneEngine implements MediaOps {
  private readonly calls = new Map<string, CallRec>();
  private readonly callOf = new Map<Session, string>();
  private readonly requests: PageRequests;
  private readonly sip: SipRegistration;
  private pages: MediaPage[] = [];
  private seq = 0;
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly hooks: EngineHooks,
    private config: SoftphoneSessionConfig,
  ) {
    this.requests = new PageRequests((pageId, msg) => hooks.post(pageId, msg));
    this.sip = new SipRegistration({
      credentials: () => hooks.credentials(),
      ...(hooks.acquire ? { acquire: (onLost: () => void) => hooks.acquire!(onLost) } : {}),
      ...(hooks.releaseLock ? { releaseLock: () => hooks.releaseLock!() } : {}),
      lost: () => this.lost(),
      changed: () => hooks.changed(),
      onInvite: (inv) => this.incoming(inv),
      sdh: (session) => new ForwardingSdh(this, this.callOf.get(session) ?? 'unknown'),
      hangUpAll: () => {
        for (const call of [...this.calls.values()]) this.hangup(call);
      },
    });
  }

  update(config: SoftphoneSessionConfig): void {
    this.config = { ...this.config, ...config };
  }

  view(): SoftphoneView {
    const host = this.pickHost(null);
    return {
      registration: this.sip.state,
      problem: this.sip.problem,
      aor: this.sip.aor,
      sipIn: this.hooks.sipIn,
      mediaHost: host?.pageId ?? null,
      popout: this.pages.some((p) => p.role === 'popout'),
      registers: this.sip.registers,
      calls: [...this.calls.values()].map((c) => ({
        id: c.id,
        direction: c.direction,
        remote: c.remote,
        state: c.state,
        media: this.mediaOf(c),
        hostPageId: c.hostPageId,
        muted: c.muted,
        startedAt: c.startedAt,
        answeredAt: c.answeredAt,
      })),
    };
  }

  /** The attached pages changed (hello, goodbye, heartbeat, drop). */
  setPages(pages: MediaPage[]): void {
    const gone = this.pages.filter((p) => !pages.some((q) => q.pageId === p.pageId)).map((p) => p.pageId);
    this.pages = pages;
    this.requests.dropPages(gone);
    if (pages.length > 0) {
      if (this.releaseTimer) clearTimeout(this.releaseTimer);
      this.releaseTimer = null;
      void this.start();
    } else if (!this.releaseTimer && this.sip.ua) {
      this.releaseTimer = setTimeout(() => void this.release(), this.config.releaseAfterMs ?? DEFAULT_RELEASE_AFTER_MS);
    }
    this.reconcile();
    this.hooks.changed();
  }

  /** A page's answer to an sdp.request. */
  onResult(msg: SdpResultMsg): void {
    this.requests.answer(msg);
  }

  command(pageId: string, cmd: SoftphoneCommand): void {
    const call = 'callId' in cmd ? this.calls.get(cmd.callId) : undefined;
    switch (cmd.type) {
      case 'softphone.dial':
        this.dial(pageId, cmd.target);
        return;
      case 'softphone.answer':
        if (call && call.session instanceof Invitation && call.state === 'ringing') this.answer(call, pageId);
        return;
      case 'softphone.decline':
        if (call && call.session instanceof Invitation && call.state === 'ringing') void call.session.reject({ statusCode: 486 }).catch(warn('decline'));
        return;
      case 'softphone.hangup':
        if (call) this.hangup(call);
        return;
      case 'softphone.dtmf':
        if (call?.hostPageId) this.post(call.hostPageId, { op: 'dtmf', callId: call.id, tones: cmd.digits });
        return;
      case 'softphone.mute':
        if (!call) return;
        call.muted = cmd.muted;
        if (call.hostPageId) this.post(call.hostPageId, { op: 'mute', callId: call.id, muted: cmd.muted });
        this.hooks.changed();
        return;
      case 'softphone.hold':
        if (!call || (call.state !== 'connected' && call.state !== 'held') || call.busy) return;
        call.userHold = cmd.hold;
        this.reinvite(
          call,
          {},
          () => (call.state = cmd.hold ? 'held' : 'connected'),
          () => (call.userHold = call.state === 'held'),
        );
        return;
    }
  }

  /** Unregisters and hangs up (the session ends). */
  close(): void {
    this.closed = true;
    void this.release();
  }

  // ------------------------------------------------------------ registration

  private start(): Promise<void> {
    return this.closed ? Promise.resolve() : this.sip.start();
  }

  /** Another context took SIP over (the pop-out window): step down, and wait to take it back. */
  private lost(): void {
    void this.release().then(() => {
      if (this.pages.length > 0) void this.start();
    });
  }

  /** No page for a while (or the session ends): hang up, unregister, disconnect. */
  private release(): Promise<void> {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    return this.sip.release(this.closed);
  }

  // ------------------------------------------------------------ calls

  private newCall(session: Session, direction: SoftCall['direction'], remote: string, hostPageId: string | null): CallRec {
    const id = `sp-${Date.now().toString(36)}-${++this.seq}`;
    const call: CallRec = {
      id,
      session,
      direction,
      remote: remote.slice(0, 128),
      state: direction === 'inbound' ? 'ringing' : 'dialing',
      hostPageId,
      muted: false,
      userHold: false,
      parked: false,
      busy: false,
      lastLocalSdp: null,
      holdTimer: null,
      startedAt: new Date().toISOString(),
      answeredAt: null,
    };
    this.calls.set(id, call);
    this.callOf.set(session, id);
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        call.state = call.userHold ? 'held' : 'connected';
        call.answeredAt ??= new Date().toISOString();
        this.reconcile();
      } else if (s === SessionState.Terminated) {
        this.calls.delete(id);
        this.callOf.delete(session);
        if (call.holdTimer) clearTimeout(call.holdTimer);
      }
      this.hooks.changed();
    });
    return call;
  }

  private incoming(inv: Invitation): void {
    const who = inv.remoteIdentity;
    this.newCall(inv, 'inbound', who.displayName || who.uri.user || who.uri.toString(), null);
    this.hooks.changed();
  }

  private answer(call: CallRec, pageId: string): void {
    const host = this.pickHost(pageId);
    if (!host) return;
    call.hostPageId = host.pageId;
    (call.session as Invitation).accept({ sessionDescriptionHandlerOptions: { bandeauPark: false } as ForwardingOptions }).catch((err: unknown) => {
      log.warn('answer failed:', (err as Error).message);
    });
    this.hooks.changed();
  }

  private dial(pageId: string, target: string): void {
    const ua = this.sip.ua;
    if (!ua || !this.sip.registered) return;
    const aor = UserAgent.makeURI(this.sip.aor ?? '');
    const t = target.trim().replace(/[\s().-]/g, '');
    const uri = /^sips?:/i.test(t) ? UserAgent.makeURI(t) : UserAgent.makeURI(`sip:${encodeURIComponent(t).replace(/%2B/g, '+')}@${aor?.host ?? 'invalid'}`);
    if (!uri) return;
    const host = this.pickHost(pageId);
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { bandeauPark: false } as ForwardingOptions });
    const call = this.newCall(inviter, 'outbound', uri.user ?? t, host?.pageId ?? null);
    inviter.invite().catch((err: unknown) => {
      log.warn('dial failed:', (err as Error).message);
      this.calls.delete(call.id);
      this.hooks.changed();
    });
    this.hooks.changed();
  }

  private hangup(call: CallRec): void {
    const s = call.session;
    const done = warn('hang up');
    if (s.state === SessionState.Established) void s.bye().catch(done);
    else if (s instanceof Inviter && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) void s.cancel().catch(done);
    else if (s instanceof Invitation && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) void s.reject().catch(done);
    else {
      this.calls.delete(call.id);
      this.hooks.changed();
    }
  }

  private mediaOf(c: CallRec): SoftCall['media'] {
    if (c.state === 'ringing' || c.state === 'dialing') return c.hostPageId ? this.roleOf(c.hostPageId) : 'none';
    if (c.hostPageId && this.isPresent(c.hostPageId)) return c.busy ? 'resuming' : this.roleOf(c.hostPageId);
    return c.parked ? 'parked' : 'none';
  }

  private roleOf(pageId: string): 'page' | 'popout' {
    return this.pages.find((p) => p.pageId === pageId)?.role === 'popout' ? 'popout' : 'page';
  }

  private isPresent(pageId: string): boolean {
    return this.pages.some((p) => p.pageId === pageId);
  }

  /**
   * The media host for a call: the pop-out window when open, else the page the agent acted
   * from, else the newest visible page, else the newest page. Null when no page can host media.
   */
  private pickHost(preferred: string | null): MediaPage | null {
    const capable = this.pages.filter((p) => p.media);
    const newest = (list: MediaPage[]) => list.reduce<MediaPage | null>((a, b) => (!a || b.since >= a.since ? b : a), null);
    return (
      newest(capable.filter((p) => p.role === 'popout')) ??
      capable.find((p) => p.pageId === preferred) ??
      newest(capable.filter((p) => p.visible)) ??
      newest(capable)
    );
  }

  /**
   * Brings every established call's media where it belongs: resumed on a new page when its host
   * went away, moved to the pop-out when one opened, parked on hold while no page is there.
   */
  private reconcile(): void {
    for (const call of this.calls.values()) {
      if (call.state !== 'connected' && call.state !== 'held') continue;
      if (call.busy) continue;
      const host = this.pickHost(null);
      const current = call.hostPageId && this.isPresent(call.hostPageId) ? call.hostPageId : null;
      if (current && !(host && host.role === 'popout' && this.roleOf(current) !== 'popout')) continue;
      if (host) {
        if (call.holdTimer) clearTimeout(call.holdTimer);
        call.holdTimer = null;
        if (current) this.post(current, { op: 'close', callId: call.id });
        call.hostPageId = host.pageId;
        this.resume(call);
      } else if (!call.parked && !call.holdTimer && call.lastLocalSdp) {
        call.hostPageId = null;
        call.holdTimer = setTimeout(() => {
          call.holdTimer = null;
          if (call.hostPageId || call.busy || !this.calls.has(call.id)) return;
          this.reinvite(call, { bandeauPark: true }, () => {
            call.parked = true;
          });
        }, this.config.holdAfterMs ?? DEFAULT_HOLD_AFTER_MS);
      }
    }
  }

  /** Audio back on the call's (new) host: a re-INVITE whose offer comes from a fresh pc there. */
  private resume(call: CallRec): void {
    this.reinvite(call, {}, () => {
      call.parked = false;
    });
  }

  /** One re-INVITE at a time per call; reconciles again when it is over. */
  private reinvite(call: CallRec, options: ForwardingOptions, onAccept: () => void, onFail: () => void = () => undefined): void {
    call.busy = true;
    this.hooks.changed();
    const finish = () => {
      call.busy = false;
      this.reconcile();
      this.hooks.changed();
    };
    call.session
      .invite({
        sessionDescriptionHandlerOptions: { bandeauPark: false, ...options } as ForwardingOptions,
        requestDelegate: {
          onAccept: () => {
            onAccept();
            finish();
          },
          onReject: (res) => {
            log.warn(`re-INVITE refused: ${res.message.statusCode} ${res.message.reasonPhrase}`);
            onFail();
            finish();
          },
        },
      })
      .catch((err: unknown) => {
        log.warn('re-INVITE not sent:', (err as Error).message);
        onFail();
        // The host went away before it made an offer: try again with whoever is there now.
        if (call.hostPageId && !this.isPresent(call.hostPageId)) call.hostPageId = null;
        setTimeout(finish, 250);
      });
  }

  // ------------------------------------------------------------ MediaOps (ForwardingSdh)

  async local(callId: string, options: ForwardingOptions | undefined): Promise<string> {
    const call = this.calls.get(callId);
    if (!call) throw new Error('no such call');
    if (options?.bandeauPark) {
      if (!call.lastLocalSdp) throw new Error('nothing to park');
      return parkedOffer(call.lastLocalSdp);
    }
    if (!call.hostPageId || !this.isPresent(call.hostPageId)) {
      call.hostPageId = this.pickHost(null)?.pageId ?? null;
      if (!call.hostPageId) throw new Error('no page to host the call audio');
    }
    const res = await this.request(call.hostPageId, { op: 'local', callId, hold: call.userHold, muted: call.muted });
    if (!res.ok || !res.sdp) throw new Error(res.error ?? 'the page made no description');
    call.lastLocalSdp = res.sdp;
    return res.sdp;
  }

  async remote(callId: string, sdp: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call?.hostPageId || !this.isPresent(call.hostPageId)) return; // parked, or resumed later
    try {
      const res = await this.request(call.hostPageId, { op: 'remote', callId, sdp });
      if (!res.ok) throw new Error(res.error ?? 'refused');
    } catch (err) {
      // Never fail here: sip.js would hang up. The next page resumes the media instead.
      log.warn('could not apply the remote description:', (err as Error).message);
      if (call.hostPageId && !this.isPresent(call.hostPageId)) call.hostPageId = null;
    }
  }

  async rollback(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call?.hostPageId && this.isPresent(call.hostPageId)) await this.request(call.hostPageId, { op: 'rollback', callId });
  }

  closeMedia(callId: string): void {
    const call = this.calls.get(callId);
    if (call?.hostPageId) this.post(call.hostPageId, { op: 'close', callId });
    else for (const p of this.pages) this.post(p.pageId, { op: 'close', callId });
  }

  dtmf(callId: string, tones: string): boolean {
    const call = this.calls.get(callId);
    if (!call?.hostPageId) return false;
    this.post(call.hostPageId, { op: 'dtmf', callId, tones });
    return true;
  }

  private post(pageId: string, req: Parameters<PageRequests['post']>[1]): string {
    return this.requests.post(pageId, req);
  }

  private request(pageId: string, req: Parameters<PageRequests['request']>[1]): Promise<SdpResultMsg> {
    return this.requests.request(pageId, req);
  }
}

const warn = (what: string) => (err: unknown) => log.warn(`${what} failed:`, (err as Error).message);
