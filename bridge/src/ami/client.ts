/**
 * AMI client: one TCP or TLS session to Asterisk, logged in, kept alive,
 * reconnected with backoff, with a full channel resync after each login.
 *
 * The socket's data handler only feeds the framer, which parses and emits
 * synchronously: nothing on the read path ever awaits, so a slow consumer
 * cannot make Asterisk drop us. Listener exceptions are caught and logged.
 *
 * Events:
 *  - 'connecting' {attempt}            a TCP/TLS connection is being opened
 *  - 'banner' version                  the server greeted us
 *  - 'login' {version}                 authenticated; actions may be sent
 *  - 'resyncStart'                     about to ask CoreShowChannels
 *  - 'resync' channels: AmiMessage[]   CoreShowChannel list after a login
 *  - 'event' AmiMessage                every event that is not part of a list answer
 *  - 'disconnect' {reason}             the session ended
 *  - 'reconnecting' {attempt, delayMs} next connection attempt scheduled
 *  - 'authFailed' {message}            the PBX refused the credentials
 *  - 'protocolWarning' reason          framing oddity (message still delivered)
 *  - 'protocolError' reason            hostile or broken input; the connection is reset
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { AmiConfig, type AmiConfigInput } from './config';
import { AmiFramer, type FramerLimits } from './framer';
import { AmiMessage } from './message';
import { encodeMessage, toPairs } from './writer';
import { actions, md5Key, type ActionFields } from './actions';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from './errors';
import { backoffDelay } from './backoff';
import { emitIsolated } from './isolatedEmit';
import { createLogger, redactDigits, type Logger } from '../logger';

export interface AmiClientOptions {
  logger?: Logger;
  limits?: Partial<FramerLimits>;
  /** Random source for the backoff jitter (tests make it deterministic). */
  random?: () => number;
  /** Ask CoreShowChannels after each login (default true). */
  resyncOnLogin?: boolean;
  /** Most events one list answer may collect. */
  maxListEvents?: number;
}

export interface AmiResult {
  response: AmiMessage;
  /** Events of a list answer (`EventList: start` … `…Complete`), completion event excluded. */
  events: AmiMessage[];
  /** The `…Complete` event of a list answer. */
  complete?: AmiMessage;
}

export type AmiClientState = 'stopped' | 'connecting' | 'authenticating' | 'ready' | 'waiting';

interface Pending {
  action: string;
  resolve(r: AmiResult): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  response?: AmiMessage;
  events: AmiMessage[];
}

export class AmiClient extends EventEmitter {
  readonly config: AmiConfig;
  private readonly log: Logger;
  private readonly opts: Required<Pick<AmiClientOptions, 'random' | 'resyncOnLogin' | 'maxListEvents'>> & AmiClientOptions;
  private socket: net.Socket | undefined;
  private framer: AmiFramer | undefined;
  private generation = 0;
  private attempt = 0;
  private stopped = true;
  private _state: AmiClientState = 'stopped';
  private reconnectTimer: NodeJS.Timeout | undefined;
  private bannerTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pingInFlight = false;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private readonly idPrefix = `bandeau-${process.pid}-${Date.now().toString(36)}`;
  private closeWaiters: Array<() => void> = [];
  /** Version from the banner of the current session. */
  serverVersion: string | undefined;
  /** Counters for health checks and metrics. */
  readonly stats = { connects: 0, logins: 0, events: 0, protocolWarnings: 0, protocolErrors: 0, actionTimeouts: 0 };

  constructor(config: AmiConfigInput | AmiConfig, options: AmiClientOptions = {}) {
    super();
    this.config = AmiConfig.parse(config);
    this.log = options.logger ?? createLogger('silent');
    this.opts = { random: Math.random, resyncOnLogin: true, maxListEvents: 100_000, ...options };
  }

  get state(): AmiClientState {
    return this._state;
  }

  /** True once logged in (actions may be sent). */
  get ready(): boolean {
    return this._state === 'ready';
  }

  /** Starts connecting; reconnects by itself until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the session (best-effort Logoff) and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const sock = this.socket;
    if (!sock || sock.destroyed) {
      this._state = 'stopped';
      return;
    }
    const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    if (this._state === 'ready') {
      try {
        sock.write(encodeMessage({ Action: 'Logoff', ActionID: this.nextId() }));
      } catch {
        /* closing anyway */
      }
    }
    sock.end();
    const t = setTimeout(() => sock.destroy(), 200);
    await closed;
    clearTimeout(t);
  }

  /**
   * Sends one action and resolves with its response (and list events).
   * Rejects with AmiActionError (Response: Error), AmiTimeoutError,
   * AmiNotConnectedError, or AmiFrameError when a value holds a control character.
   */
  action(fields: ActionFields, options: { timeoutMs?: number; actionId?: string } = {}): Promise<AmiResult> {
    if (this._state !== 'ready') return Promise.reject(new AmiNotConnectedError());
    return this.send(fields, options.timeoutMs, options.actionId);
  }

  /** Runs a CLI command; returns its output lines in either server format. */
  async command(command: string, options: { timeoutMs?: number } = {}): Promise<string[]> {
    const r = await this.action(actions.command(command), options);
    return r.response.commandOutput();
  }

  /** Drops the current connection (it will reconnect with backoff). For tests and admin use. */
  dropConnection(reason = 'dropped on request'): void {
    this.socket?.destroy(new Error(reason));
  }

  // ------------------------------------------------------------------ internals

  private nextId(): string {
    this.seq = (this.seq + 1) % Number.MAX_SAFE_INTEGER;
    return `${this.idPrefix}-${this.seq}`;
  }

  private send(fields: ActionFields, timeoutMs = this.config.actionTimeoutMs, actionId?: string): Promise<AmiResult> {
    const sock = this.socket;
    if (!sock || sock.destroyed) return Promise.reject(new AmiNotConnectedError());
    const id = actionId ?? this.nextId();
    if (this.pending.has(id)) return Promise.reject(new Error(`ActionID ${id} is already in use`));
    const name = String(fields.Action ?? fields.action ?? 'action');
    let frame: string;
    try {
      // Action first, then our ActionID, then the caller's headers (a caller's own ActionID is replaced).
      const all = toPairs(fields).filter(([k]) => k.toLowerCase() !== 'actionid');
      const head = all.filter(([k]) => k.toLowerCase() === 'action');
      const rest = all.filter(([k]) => k.toLowerCase() !== 'action');
      frame = encodeMessage([...head, ['ActionID', id], ...rest]);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return new Promise<AmiResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.stats.actionTimeouts++;
        reject(new AmiTimeoutError(name, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { action: name, resolve, reject, timer, events: [] });
      sock.write(frame);
    });
  }

  private connect(): void {
    if (this.stopped) return;
    this._state = 'connecting';
    const gen = ++this.generation;
    this.stats.connects++;
    this.safeEmit('connecting', { attempt: this.attempt });
    const framer = new AmiFramer(
      {
        banner: (version) => this.onBanner(gen, version),
        message: (m) => this.onMessage(gen, m),
        warning: (reason) => {
          this.stats.protocolWarnings++;
          // The framer quotes the odd line, which may hold a caller ID: its digits stay out of the logs.
          this.log.warn({ reason: redactDigits(reason) }, 'AMI protocol warning');
          this.safeEmit('protocolWarning', reason);
        },
        error: (reason) => this.onProtocolError(gen, reason),
      },
      this.opts.limits,
    );
    const c = this.config;
    const sock = c.tls
      ? tls.connect({ host: c.host, port: c.port, rejectUnauthorized: c.tlsRejectUnauthorized, ca: c.tlsCa, servername: net.isIP(c.host) ? undefined : c.host })
      : net.connect({ host: c.host, port: c.port });
    this.socket = sock;
    this.framer = framer;
    let lastError: Error | undefined;
    sock.setNoDelay(true);
    sock.setKeepAlive(true, 30_000);
    sock.once(c.tls ? 'secureConnect' : 'connect', () => {
      if (gen !== this.generation) return;
      this._state = 'authenticating';
      this.bannerTimer = setTimeout(() => this.onProtocolError(gen, 'no AMI banner from the server'), c.actionTimeoutMs);
    });
    sock.on('data', (chunk: Buffer) => {
      if (gen === this.generation) framer.push(chunk);
    });
    sock.on('error', (err) => {
      lastError = err;
    });
    sock.on('close', () => this.onClose(gen, lastError?.message ?? 'connection closed'));
  }

  private onBanner(gen: number, version: string): void {
    if (gen !== this.generation || this.serverVersionGen === gen) return;
    this.serverVersionGen = gen;
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    this.serverVersion = version;
    this.safeEmit('banner', version);
    void this.login(gen);
  }
  private serverVersionGen = 0;

  private async login(gen: number): Promise<void> {
    const c = this.config;
    try {
      if (c.authType === 'md5') {
        const ch = await this.send(actions.challenge());
        const challenge = ch.response.get('challenge');
        if (!challenge) throw new Error('the server sent no MD5 challenge');
        await this.send(actions.loginMd5(c.username, md5Key(challenge, c.secret), c.events));
      } else {
        await this.send(actions.loginPlain(c.username, c.secret, c.events));
      }
    } catch (err) {
      if (gen !== this.generation) return;
      const message = err instanceof AmiActionError ? err.response.get('message') ?? 'authentication failed' : (err as Error).message;
      this.log.error({ message }, 'AMI login failed');
      this.safeEmit('authFailed', { message });
      this.socket?.destroy();
      return;
    }
    if (gen !== this.generation) return;
    this._state = 'ready';
    this.attempt = 0;
    this.stats.logins++;
    this.log.info({ host: c.host, port: c.port, version: this.serverVersion }, 'AMI logged in');
    this.safeEmit('login', { version: this.serverVersion });
    this.startPing(gen);
    if (this.opts.resyncOnLogin) await this.resync(gen);
  }

  /** Asks the live channel list and emits 'resync' with it. */
  async resync(gen = this.generation): Promise<AmiMessage[] | undefined> {
    this.safeEmit('resyncStart');
    try {
      const r = await this.action(actions.coreShowChannels());
      if (gen !== this.generation) return undefined;
      this.safeEmit('resync', r.events);
      return r.events;
    } catch (err) {
      if (gen !== this.generation) return undefined;
      this.log.warn({ err: (err as Error).message }, 'AMI CoreShowChannels resync failed');
      if (err instanceof AmiTimeoutError) this.socket?.destroy(new Error('resync timed out'));
      return undefined;
    }
  }

  private startPing(gen: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (gen !== this.generation || this._state !== 'ready' || this.pingInFlight) return;
      this.pingInFlight = true;
      this.send(actions.ping())
        .catch((err: Error) => {
          if (gen !== this.generation) return;
          this.log.warn({ err: err.message }, 'AMI ping failed; reconnecting');
          this.socket?.destroy(new Error('ping failed'));
        })
        .finally(() => {
          this.pingInFlight = false;
        });
    }, this.config.pingIntervalMs);
    this.pingTimer.unref?.();
  }

  private onMessage(gen: number, m: AmiMessage): void {
    if (gen !== this.generation) return;
    const kind = m.kind;
    if (kind === 'response') {
      const id = m.actionId;
      const p = id !== undefined ? this.pending.get(id) : undefined;
      if (!p || id === undefined) {
        this.log.debug({ actionId: id }, 'AMI response without a pending action');
        return;
      }
      if ((m.get('response') ?? '').trim().toLowerCase() === 'error') {
        this.settle(id, p);
        p.reject(new AmiActionError(p.action, m));
        return;
      }
      if ((m.get('eventlist') ?? '').trim().toLowerCase() === 'start') {
        p.response = m;
        return;
      }
      this.settle(id, p);
      p.resolve({ response: m, events: [] });
      return;
    }
    if (kind === 'event') {
      const id = m.actionId;
      const p = id !== undefined ? this.pending.get(id) : undefined;
      if (p && p.response && id !== undefined) {
        const list = (m.get('eventlist') ?? '').trim().toLowerCase();
        if (list === 'complete' || list === 'cancelled' || /complete$/i.test(m.event ?? '')) {
          this.settle(id, p);
          p.resolve({ response: p.response, events: p.events, complete: m });
          return;
        }
        if (p.events.length >= this.opts.maxListEvents) {
          this.settle(id, p);
          p.reject(new Error(`${p.action}: list answer over ${this.opts.maxListEvents} events`));
          return;
        }
        p.events.push(m);
        return;
      }
      this.stats.events++;
      this.safeEmit('event', m);
      return;
    }
    this.stats.protocolWarnings++;
    this.safeEmit('protocolWarning', `message with neither Event nor Response (${kind}): ${m.headers[0]?.[0] ?? ''}`);
  }

  private settle(id: string, p: Pending): void {
    clearTimeout(p.timer);
    this.pending.delete(id);
  }

  private onProtocolError(gen: number, reason: string): void {
    if (gen !== this.generation) return;
    this.stats.protocolErrors++;
    this.log.error({ reason: redactDigits(reason) }, 'AMI protocol error; resetting the connection');
    this.safeEmit('protocolError', reason);
    this.framer?.reset();
    this.socket?.destroy(new Error(`protocol error: ${reason}`));
  }

  private onClose(gen: number, reason: string): void {
    if (gen !== this.generation) return;
    this.generation++; // ignore anything late from this socket
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.pingInFlight = false;
    this.socket = undefined;
    this.framer = undefined;
    const err = new AmiNotConnectedError(`connection lost: ${reason}`);
    for (const [id, p] of this.pending) {
      this.settle(id, p);
      p.reject(err);
    }
    const wasReady = this._state === 'ready';
    this.safeEmit('disconnect', { reason, wasReady });
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const w of waiters) w();
    if (this.stopped) {
      this._state = 'stopped';
      return;
    }
    this._state = 'waiting';
    const delayMs = backoffDelay(this.attempt, this.config.reconnect.minMs, this.config.reconnect.maxMs, this.opts.random);
    this.attempt++;
    this.log.warn({ reason, delayMs, attempt: this.attempt }, 'AMI disconnected; reconnecting');
    this.safeEmit('reconnecting', { attempt: this.attempt, delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delayMs);
  }

  private safeEmit(event: string, ...args: unknown[]): void {
    emitIsolated(this, this.log, event, args);
  }

}

export interface AmiClient {
  on(event: 'event', listener: (m: AmiMessage) => void): this;
  on(event: 'resync', listener: (channels: AmiMessage[]) => void): this;
  on(event: 'resyncStart', listener: () => void): this;
  on(event: 'login', listener: (info: { version: string | undefined }) => void): this;
  on(event: 'banner', listener: (version: string) => void): this;
  on(event: 'connecting', listener: (info: { attempt: number }) => void): this;
  on(event: 'disconnect', listener: (info: { reason: string; wasReady: boolean }) => void): this;
  on(event: 'reconnecting', listener: (info: { attempt: number; delayMs: number }) => void): this;
  on(event: 'authFailed', listener: (info: { message: string }) => void): this;
  on(event: 'protocolWarning' | 'protocolError', listener: (reason: string) => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}
