import { Invitation } from 'sip.js/lib/api/invitation.js';
import { Inviter } from 'sip.js/lib/api/inviter.js';
import { Registerer } from 'sip.js/lib/api/registerer.js';
import { RegistererState } from 'sip.js/lib/api/registerer-state.js';
import type { Session } from 'sip.js/lib/api/session.js';
import { SessionState } from 'sip.js/lib/api/session-state.js';
import { UserAgent } from 'sip.js/lib/api/user-agent.js';
import { Transport } from 'sip.js/lib/platform/web/transport/transport.js';
import type {
  Problem,
  SdpRequestMsg,
  SdpResultMsg,
  SoftCall,
  SoftphoneCommand,
  SoftphoneCredentials,
  SoftphoneSessionConfig,
  SoftphoneView,
} from '../../../../bridge/src/protocol/messages';
import { log } from '../../shared/log';
import { problem, problemText } from '../../page/strings';
import { ForwardingSdh, parkedOffer, type ForwardingOptions, type MediaOps } from './forwardingSdh';

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
const REQUEST_TIMEOUT_MS = 20_000;
const REGISTER_EXPIRES_S = 600;

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

interface Pending {
  pageId: string;
  resolve(r: SdpResultMsg): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
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
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private starting: Promise<void> | null = null;
  private readonly calls = new Map<string, CallRec>();
  private readonly callOf = new Map<Session, string>();
  private readonly pending = new Map<string, Pending>();
  private pages: MediaPage[] = [];
  private registration: SoftphoneView['registration'] = 'off';
  private problem: Problem | null = null;
  private aor: string | null = null;
  private registers = 0;
  private seq = 0;
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectDelay = 1_000;
  private closed = false;

  constructor(
    private readonly hooks: EngineHooks,
    private config: SoftphoneSessionConfig,
  ) {}

  update(config: SoftphoneSessionConfig): void {
    this.config = { ...this.config, ...config };
  }

  view(): SoftphoneView {
    const host = this.pickHost(null);
    return {
      registration: this.registration,
      problem: this.problem,
      aor: this.aor,
      sipIn: this.hooks.sipIn,
      mediaHost: host?.pageId ?? null,
      popout: this.pages.some((p) => p.role === 'popout'),
      registers: this.registers,
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
    for (const [id, p] of this.pending) {
      if (gone.includes(p.pageId)) {
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new Error('the page hosting the call audio went away'));
      }
    }
    if (pages.length > 0) {
      if (this.releaseTimer) clearTimeout(this.releaseTimer);
      this.releaseTimer = null;
      void this.start();
    } else if (!this.releaseTimer && this.ua) {
      this.releaseTimer = setTimeout(() => void this.release(), this.config.releaseAfterMs ?? DEFAULT_RELEASE_AFTER_MS);
    }
    this.reconcile();
    this.hooks.changed();
  }

  /** A page's answer to an sdp.request. */
  onResult(msg: SdpResultMsg): void {
    const p = this.pending.get(msg.requestId);
    if (!p || p.pageId !== msg.pageId) return;
    this.pending.delete(msg.requestId);
    clearTimeout(p.timer);
    p.resolve(msg);
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
    if (this.closed) return Promise.resolve();
    if (this.ua || this.starting) return this.starting ?? Promise.resolve();
    this.registration = 'connecting';
    const owned = this.hooks.acquire ? this.hooks.acquire(() => this.lost()) : Promise.resolve();
    this.starting = owned.then(() => this.connect()).finally(() => {
      this.starting = null;
      this.hooks.changed();
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    let creds: SoftphoneCredentials;
    try {
      creds = await this.hooks.credentials();
    } catch (err) {
      this.fail(problem('Cannot get the softphone credentials: %1', (err as Error).message));
      return;
    }
    const uri = UserAgent.makeURI(creds.uri);
    if (!uri) {
      this.fail(problem('Invalid SIP address %1', creds.uri));
      return;
    }
    this.aor = creds.uri;
    const ua = new UserAgent({
      uri,
      authorizationUsername: creds.username,
      authorizationPassword: creds.password,
      ...(creds.displayName ? { displayName: creds.displayName } : {}),
      transportConstructor: Transport,
      transportOptions: { server: creds.wsUrl, connectionTimeout: 10, keepAliveInterval: 25 },
      sessionDescriptionHandlerFactory: (session: Session) => new ForwardingSdh(this, this.callOf.get(session) ?? 'unknown'),
      logLevel: 'warn',
      logBuiltinEnabled: false,
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') log.warn(`sip.js ${category}: ${content}`);
      },
      delegate: {
        onInvite: (inv) => this.incoming(inv),
        onDisconnect: (err) => {
          if (!err || this.ua !== ua) return;
          this.registration = 'connecting';
          this.problem = problem('Lost the SIP connection: %1', err.message);
          this.hooks.changed();
          this.scheduleReconnect(ua);
        },
      },
    });
    this.ua = ua;
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer = registerer;
    registerer.stateChange.addListener((s) => {
      if (this.registerer !== registerer) return;
      if (s === RegistererState.Registered) {
        this.registration = 'registered';
        this.problem = null;
        this.reconnectDelay = 1_000;
      } else if (s === RegistererState.Unregistered && this.registration === 'registered') {
        this.registration = 'connecting';
      }
      this.hooks.changed();
    });
    try {
      await ua.start();
      await this.register(registerer);
    } catch (err) {
      this.problem = problem('Cannot reach the SIP server %1: %2', creds.wsUrl, (err as Error).message);
      this.registration = 'failed';
      this.scheduleReconnect(ua);
    }
  }

  private register(registerer: Registerer): Promise<unknown> {
    this.registers++;
    return registerer.register({
      requestDelegate: {
        onReject: (res) => {
          this.fail(problem('The SIP server refused the registration (%1 %2).', res.message.statusCode ?? '', res.message.reasonPhrase ?? ''));
        },
      },
    });
  }

  private scheduleReconnect(ua: UserAgent): void {
    if (this.reconnectTimer || this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(30_000, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.ua !== ua) return;
      ua.reconnect().then(
        () => (this.registerer ? this.register(this.registerer) : undefined),
        () => this.scheduleReconnect(ua),
      );
    }, delay);
  }

  private fail(p: Problem): void {
    log.warn(problemText(p));
    this.problem = p;
    this.registration = 'failed';
    this.hooks.changed();
  }

  /** Another context took SIP over (the pop-out window): step down, and wait to take it back. */
  private lost(): void {
    void this.release().then(() => {
      if (this.pages.length > 0) void this.start();
    });
  }

  /** No page for a while (or the session ends): hang up, unregister, disconnect. */
  private async release(): Promise<void> {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    for (const call of [...this.calls.values()]) this.hangup(call);
    this.registration = this.closed ? 'off' : 'released';
    this.hooks.changed();
    if (!ua) {
      this.hooks.releaseLock?.();
      return;
    }
    try {
      if (registerer?.state === RegistererState.Registered) await registerer.unregister();
    } catch (err) {
      log.warn('unregister failed:', (err as Error).message);
    }
    await ua.stop().catch(warn('stop'));
    this.hooks.releaseLock?.();
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
    if (!this.ua || this.registration !== 'registered') return;
    const aor = UserAgent.makeURI(this.aor ?? '');
    const t = target.trim().replace(/[\s().-]/g, '');
    const uri = /^sips?:/i.test(t) ? UserAgent.makeURI(t) : UserAgent.makeURI(`sip:${encodeURIComponent(t).replace(/%2B/g, '+')}@${aor?.host ?? 'invalid'}`);
    if (!uri) return;
    const host = this.pickHost(pageId);
    const inviter = new Inviter(this.ua, uri, { sessionDescriptionHandlerOptions: { bandeauPark: false } as ForwardingOptions });
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

  private post(pageId: string, req: Omit<SdpRequestMsg, 'type' | 'requestId'>): string {
    const requestId = `r${++this.seq}`;
    this.hooks.post(pageId, { type: 'sdp.request', requestId, ...req });
    return requestId;
  }

  private request(pageId: string, req: Omit<SdpRequestMsg, 'type' | 'requestId'>): Promise<SdpResultMsg> {
    return new Promise((resolve, reject) => {
      const requestId = this.post(pageId, req);
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`the page did not answer ${req.op} in time`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, { pageId, resolve, reject, timer });
    });
  }
}

const warn = (what: string) => (err: unknown) => log.warn(`${what} failed:`, (err as Error).message);
