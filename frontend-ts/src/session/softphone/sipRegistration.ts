import type { Invitation } from 'sip.js/lib/api/invitation.js';
import { Registerer } from 'sip.js/lib/api/registerer.js';
import { RegistererState } from 'sip.js/lib/api/registerer-state.js';
import type { Session } from 'sip.js/lib/api/session.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/api/session-description-handler.js';
import { UserAgent } from 'sip.js/lib/api/user-agent.js';
import { Transport } from 'sip.js/lib/platform/web/transport/transport.js';
import type { Problem, SoftphoneCredentials, SoftphoneView } from '../../../../bridge/src/protocol/messages';
import { log } from '../../shared/log';
import { problem, problemText } from '../../page/strings';

const REGISTER_EXPIRES_S = 600;

export interface RegistrationHooks {
  credentials(): Promise<SoftphoneCredentials>;
  /** SIP ownership (one registration per browser): resolves when this context may register. */
  acquire?(onLost: () => void): Promise<void>;
  releaseLock?(): void;
  /** Another context took SIP over. */
  lost(): void;
  /** State, problem or address changed. */
  changed(): void;
  onInvite(inv: Invitation): void;
  /** The media handler of a new session. */
  sdh(session: Session): SessionDescriptionHandler;
  /** Called first by release(): the calls end before the registration does. */
  hangUpAll(): void;
}

/**
 * The user agent's life: connect with the agent's credentials, register, reconnect with backoff
 * when the WebSocket drops, and release (unregister, disconnect, give up SIP ownership).
 */
export class SipRegistration {
  state: SoftphoneView['registration'] = 'off';
  problem: Problem | null = null;
  aor: string | null = null;
  /** REGISTERs sent, for the view (tests count them). */
  registers = 0;
  private current: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private starting: Promise<void> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectDelay = 1_000;

  constructor(private readonly hooks: RegistrationHooks) {}

  get ua(): UserAgent | null {
    return this.current;
  }

  get registered(): boolean {
    return this.current !== null && this.state === 'registered';
  }

  start(): Promise<void> {
    if (this.current || this.starting) return this.starting ?? Promise.resolve();
    this.state = 'connecting';
    const owned = this.hooks.acquire ? this.hooks.acquire(() => this.hooks.lost()) : Promise.resolve();
    return this.startWith(owned.then(() => this.connect()));
  }

  /** Holds `connecting` as the start in progress until it settles, then tells the session. */
  private startWith(connecting: Promise<void>): Promise<void> {
    this.starting = connecting.finally(() => {
      this.starting = null;
      this.hooks.changed();
    });
    return this.starting;
  }

  /** Hang up, unregister, disconnect; `final` when the session ends (state off, not released). */
  async release(final: boolean): Promise<void> {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ua = this.current;
    const registerer = this.registerer;
    this.current = null;
    this.registerer = null;
    this.hooks.hangUpAll();
    this.state = final ? 'off' : 'released';
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
    await ua.stop().catch((err: unknown) => log.warn('stop failed:', (err as Error).message));
    this.hooks.releaseLock?.();
  }

  private async connect(): Promise<void> {
    let creds: SoftphoneCredentials;
    try {
      creds = await this.hooks.credentials();
    } catch (err) {
      this.fail(problem('Cannot get the softphone credentials: %1', (err as Error).message));
      this.retryCredentials();
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
      sessionDescriptionHandlerFactory: (session: Session) => this.hooks.sdh(session),
      logLevel: 'warn',
      logBuiltinEnabled: false,
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') log.warn(`sip.js ${category}: ${content}`);
      },
      delegate: {
        onInvite: (inv) => this.hooks.onInvite(inv),
        onDisconnect: (err) => {
          if (!err || this.current !== ua) return;
          this.state = 'connecting';
          this.problem = problem('Lost the SIP connection: %1', err.message);
          this.hooks.changed();
          this.scheduleReconnect(ua);
        },
      },
    });
    this.current = ua;
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer = registerer;
    registerer.stateChange.addListener((s) => {
      if (this.registerer !== registerer) return;
      if (s === RegistererState.Registered) {
        this.state = 'registered';
        this.problem = null;
        this.reconnectDelay = 1_000;
      } else if (s === RegistererState.Unregistered && this.state === 'registered') {
        this.state = 'connecting';
      }
      this.hooks.changed();
    });
    try {
      await ua.start();
      await this.register(registerer);
    } catch (err) {
      this.problem = problem('Cannot reach the SIP server %1: %2', creds.wsUrl, (err as Error).message);
      this.state = 'failed';
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
    this.afterBackoff(() => {
      if (this.current !== ua) return;
      ua.reconnect().then(
        () => (this.registerer ? this.register(this.registerer) : undefined),
        () => this.scheduleReconnect(ua),
      );
    });
  }

  /**
   * Asks for the credentials again later (a failed POST: Magento busy, the network). The worker
   * would start again on the next page heartbeat anyway; the pop-out window has no such beat and,
   * holding the SIP lock it took from the worker, would leave the agent with no registration.
   */
  private retryCredentials(): void {
    this.afterBackoff(() => {
      if (this.current || this.starting || this.state !== 'failed') return;
      this.state = 'connecting';
      void this.startWith(this.connect());
    });
  }

  /** Runs `retry` after the backoff delay (1 s, doubling up to 30 s) unless a retry already waits; release() cancels it. */
  private afterBackoff(retry: () => void): void {
    if (this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(30_000, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      retry();
    }, delay);
  }

  private fail(p: Problem): void {
    log.warn(problemText(p));
    this.problem = p;
    this.state = 'failed';
    this.hooks.changed();
  }
}
