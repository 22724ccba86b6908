import { io, Socket } from 'socket.io-client';
import {
  CLIENT_EVENT,
  SERVER_EVENT,
  PageToWorker,
  farNumber,
  parseMessage,
  pushRecent,
  type Call,
  type Problem,
  type ClientCommand,
  type SessionConfig,
  type ViewState,
  type WorkerToPage,
} from '../../../bridge/src/protocol/messages';
import { parseServerMessage } from '../../../bridge/src/protocol/perCall';
import { mergeColleagues } from '../../../bridge/src/protocol/colleagueList';
import { CLIENT_FEATURES } from '../../../bridge/src/protocol/clientFeatures';
import { log } from '../shared/log';
import { problemText } from '../page/strings';
import { TokenSource, refreshDelayMs, tokenExpiry, type MintedToken } from './tokenSource';
import { mintProblem, refusalProblem, retryDelayMs, unreachableProblem } from './connectionProblems';
import { CallerLookup } from './callerLookup';
import { BridgeRotation, bridgeList } from './bridgeRotation';
import { createSoftphone, type HubSoftphone } from './softphone';

/** Pages send a heartbeat this often; one silent for HEARTBEAT_TIMEOUT_MS is dropped. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TIMEOUT_MS = 15_000;

/** The part of a MessagePort the hub uses (a SharedWorker port, or a MessageChannel end in-page). */
export interface PagePort {
  // Method-style type: accepts the DOM's (ev: MessageEvent) => any handler slot.
  onmessage: { handler(ev: { data: unknown }): void }['handler'] | null;
  postMessage(msg: unknown): void;
  start(): void;
}

interface Page {
  port: PagePort;
  lastSeen: number;
  visible: boolean;
  /** Softphone mode: an admin page or the pop-out phone window, and whether it can host media. */
  role: 'page' | 'popout';
  media: boolean;
  since: number;
  /** When the agent last used this page (focus, a command): a desk phone's "Open" goes to the latest. */
  activeAt: number;
}

/**
 * The agent's browser session: the one socket.io connection to the bridge, the token that
 * keeps it authorised, and the state every attached page renders. It runs in the
 * SharedWorker, or inside a page where SharedWorker does not exist.
 */
export class SessionHub {
  private readonly pages = new Map<string, Page>();
  private readonly startedAt = Date.now();
  private readonly state: ViewState;
  private socket: Socket | null = null;
  private config: SessionConfig | null = null;
  /** The bridges of the config and the one in use (failover to the next when it is unreachable). */
  private bridges: BridgeRotation | null = null;
  private tokens: TokenSource | null = null;
  private token: MintedToken | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private authFailures = 0;
  /** The last token request to Magento failed: the bridge's token_missing that follows says nothing new. */
  private mintFailed = false;
  private broadcastQueued = false;
  private readonly sweepTimer: ReturnType<typeof setInterval>;
  /** Which page sent the command carrying this ref, so the answer goes back to it only. */
  private readonly refOwners = new Map<string, string>();
  private readonly lookup = new CallerLookup(() => this.queueBroadcast());
  /** Softphone mode: the SIP user agent and the routing of media work to pages. */
  private softphone: HubSoftphone | null = null;

  constructor(
    host: ViewState['host'],
    private readonly timing = { heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS, checkEveryMs: HEARTBEAT_INTERVAL_MS },
  ) {
    this.state = { connection: 'connecting', problem: null, agent: null, calls: [], recent: [], recentSeenAt: null, lookups: {}, pages: 0, connectionsOpened: 0, host, sessionAgeMs: 0 };
    this.sweepTimer = setInterval(() => this.dropSilentPages(), timing.checkEveryMs);
  }

  /** Ends the session (tests; a worker simply dies). */
  close(): void {
    clearInterval(this.sweepTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.socket = null;
    this.softphone?.close();
  }

  addPort(port: PagePort): void {
    let pageId: string | null = null;
    port.onmessage = (ev) => {
      const parsed = parseMessage(PageToWorker, ev.data);
      if (!parsed.ok) {
        log.warn('page message rejected:', parsed.reason);
        this.post(port, { type: 'notice', level: 'error', code: 'invalid_message', message: `Message rejected: ${parsed.reason}` });
        return;
      }
      const msg = parsed.value;
      if (msg.type === 'hello') {
        pageId = msg.pageId;
        const now = Date.now();
        this.pages.set(msg.pageId, { port, lastSeen: now, visible: msg.visible, role: msg.role ?? 'page', media: msg.media ?? false, since: now, activeAt: msg.visible ? now : 0 });
        this.configure(msg.config);
        this.syncSoftphone();
        this.state.pages = this.pages.size;
        this.post(port, { type: 'state', state: this.view() });
        this.queueBroadcast();
        return;
      }
      const page = this.pages.get(msg.pageId);
      if (!page || msg.pageId !== pageId) {
        // A page we dropped (missed heartbeats) speaks again: it must say hello first.
        this.post(port, { type: 'notice', level: 'info', code: 'hello_required', message: 'Session restarted; say hello again.' });
        return;
      }
      page.lastSeen = Date.now();
      switch (msg.type) {
        case 'heartbeat':
          if (msg.active) page.activeAt = page.lastSeen;
          if (page.visible !== msg.visible) {
            page.visible = msg.visible;
            this.syncSoftphone();
          }
          return;
        case 'goodbye':
          this.pages.delete(msg.pageId);
          this.state.pages = this.pages.size;
          this.syncSoftphone();
          this.queueBroadcast();
          return;
        case 'softphone':
          this.softphone?.command(msg.pageId, msg.command);
          return;
        case 'sdp.result':
          this.softphone?.onResult(msg);
          return;
        case 'command':
          page.activeAt = page.lastSeen;
          this.sendCommand(msg.pageId, msg.command);
          return;
      }
    };
    port.start();
  }

  /** A page's config starts the session, or refreshes the token endpoint of a running one. */
  private configure(config: SessionConfig): void {
    this.lookup.setUrl(config.lookupUrl, config.formKey);
    if (config.softphone && this.softphone) this.softphone.update(config.softphone, config.formKey);
    else if (config.softphone) {
      this.softphone = createSoftphone(config.softphone, config.formKey, this.state.host, {
        post: (pageId, msg) => {
          const page = this.pages.get(pageId);
          if (page) this.post(page.port, msg);
        },
        changed: () => this.queueBroadcast(),
      });
    }
    const renewed = this.config !== null && (this.config.tokenUrl !== config.tokenUrl || this.config.formKey !== config.formKey);
    if (this.tokens) this.tokens.update(config.tokenUrl, config.formKey);
    else this.tokens = new TokenSource(config.tokenUrl, config.formKey);
    // A page of a new admin session brings a token endpoint that works again: retry now.
    const urls = bridgeList(config);
    if (renewed && this.bridges?.sameAs(urls)) {
      this.config = config;
      if (this.mintFailed && this.socket && !this.socket.connected) this.retryNow();
    }
    if (config.token && (!this.token || (tokenExpiry(config.token) ?? 0) > this.token.expiresAt)) {
      const exp = tokenExpiry(config.token);
      if (exp !== null) this.token = { token: config.token, expiresAt: exp };
    }
    if (this.config && this.bridges?.sameAs(urls)) return;
    this.config = config;
    this.bridges = new BridgeRotation(urls);
    this.connect(this.bridges.current());
  }

  /**
   * The bridge in use is unreachable (killed, restarting, network): the next one of the list,
   * with the same token (another instance accepts it: same secret), at once while untried ones remain.
   */
  private failOver(from: Socket): void {
    if (!this.bridges || this.socket !== from) return;
    const { url, delayMs } = this.bridges.failOver();
    log.warn(`bridge unreachable, trying ${url} in ${delayMs} ms`);
    from.disconnect();
    this.socket = null;
    this.state.bridgeUrl = url;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (delayMs === 0) return this.connect(url);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect(url);
    }, delayMs);
  }

  private connect(bridgeUrl: string): void {
    this.socket?.disconnect();
    const socket = io(bridgeUrl, {
      transports: ['websocket'],
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 15_000,
      // Called on every (re)connect: a token the bridge refused was dropped, so Magento mints a new one.
      // The features say what this bundle handles (a bridge newer than the module sends older bundles less).
      auth: (cb) => {
        this.freshToken().then(
          (t) => {
            this.mintFailed = false;
            cb({ token: t.token, features: [...CLIENT_FEATURES] });
          },
          (err: unknown) => {
            log.warn('agent token request failed:', (err as Error).message);
            this.mintFailed = true;
            this.setProblem(mintProblem(err));
            cb({});
          },
        );
      },
    });
    this.socket = socket;
    this.state.bridgeUrl = bridgeUrl;
    socket.on('connect', () => {
      this.state.connectionsOpened++;
      this.authFailures = 0;
      this.bridges?.connected();
      this.queueBroadcast();
    });
    socket.on('disconnect', (reason) => {
      this.state.connection = 'connecting';
      this.queueBroadcast();
      // The bridge closed us on purpose (token expired, restart): socket.io will not retry by itself.
      if (reason === 'io server disconnect') this.retrySoon(1_000);
      // The bridge went away without a word (SIGKILL, crash, network): another one may be up.
      else if (reason !== 'io client disconnect' && this.bridges?.canFailOver()) this.failOver(socket);
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code) {
        // Refused by the bridge (a restarted bridge with another secret, an expired token…): the
        // next attempt asks Magento for a new token.
        this.authFailures++;
        this.token = null;
        log.warn('the bridge refused the connection:', code, err.message);
        if (!(code === 'token_missing' && this.mintFailed)) this.setProblem(refusalProblem(code));
      } else {
        log.warn('cannot reach the bridge:', err.message);
        if (!this.mintFailed) this.setProblem(unreachableProblem(bridgeUrl));
        if (this.bridges?.canFailOver()) return this.failOver(socket);
      }
      // After a refusal by the server socket.io stops retrying: retry with backoff ourselves.
      if (!socket.active) this.retrySoon(retryDelayMs(Math.max(1, this.authFailures)));
    });
    socket.on(SERVER_EVENT, (raw: unknown) => this.onServerMessage(raw));
  }

  /** Reconnects at once (a page brought a working token endpoint). */
  private retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.connect();
  }

  private retrySoon(ms: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.socket?.connect();
    }, ms);
  }

  private onServerMessage(raw: unknown): void {
    // Call by call: one call the schema refuses costs that call, never the snapshot (and the bar's connection).
    const { result: parsed, dropped } = parseServerMessage(raw);
    for (const d of dropped) log.warn(`bridge call ${d.callId} left out (${d.list}):`, d.reason);
    if (!parsed.ok) {
      log.warn('bridge message rejected:', parsed.reason);
      return;
    }
    const msg = parsed.value;
    switch (msg.type) {
      case 'snapshot':
        this.state.agent = msg.agent;
        this.state.calls = msg.calls;
        this.state.recent = msg.recent;
        this.state.recentSeenAt = msg.recentSeenAt;
        this.state.connection = 'connected';
        this.state.problem = null;
        break;
      case 'agent.status':
        if (this.state.agent) this.state.agent = { ...this.state.agent, status: msg.status };
        break;
      case 'call.update':
        this.upsertCall(msg.call);
        break;
      case 'call.removed':
        this.state.calls = this.state.calls.filter((c) => c.id !== msg.callId);
        break;
      case 'recent.seen':
        this.state.recentSeenAt = msg.at;
        break;
      case 'token.accepted':
        // A renewed token clears what a failed renewal said.
        if (!this.state.problem || this.state.connection !== 'connected') return;
        this.state.problem = null;
        break;
      case 'colleagues':
        this.state.colleagues = msg.colleagues;
        break;
      case 'colleagues.changed':
        this.state.colleagues = mergeColleagues(this.state.colleagues ?? [], msg, this.state.agent?.extension);
        break;
      case 'phone.openCustomer':
        void this.openCustomer(msg.number, msg.customerId);
        return;
      case 'ack':
      case 'error': {
        // A renewal refused because another window of this user used a newer token meanwhile, or
        // the new one is held elsewhere: the current one still works; get another one soon.
        if (msg.type === 'error' && !msg.ref && (msg.code === 'token_stale' || msg.code === 'token_in_use')) {
          if (this.refreshTimer) clearTimeout(this.refreshTimer);
          this.refreshTimer = null;
          this.scheduleRefresh(1_000);
          return;
        }
        const notice: WorkerToPage =
          msg.type === 'ack'
            ? { type: 'notice', level: 'info', code: 'ack', message: msg.callId ?? '', ref: msg.ref }
            : { type: 'notice', level: 'error', code: msg.code, message: msg.message, ...(msg.ref ? { ref: msg.ref } : {}), ...(msg.reason ? { reason: msg.reason } : {}) };
        const owner = msg.ref ? this.refOwners.get(msg.ref) : undefined;
        if (msg.ref) this.refOwners.delete(msg.ref);
        const page = owner ? this.pages.get(owner) : undefined;
        if (page) this.post(page.port, notice);
        else for (const p of this.pages.values()) this.post(p.port, notice);
        // Expired or revoked (Magento signed the user out): the next connection asks Magento, which
        // mints only for a live admin session, so a signed-out session does not come back.
        if (msg.type === 'error' && (msg.code === 'token_expired' || msg.code === 'token_revoked')) this.token = null;
        return;
      }
    }
    this.queueBroadcast();
  }

  private upsertCall(call: Call): void {
    const rest = this.state.calls.filter((c) => c.id !== call.id);
    if (call.state === 'ended') {
      this.state.calls = rest;
      this.state.recent = pushRecent(this.state.recent, call);
    } else {
      this.state.calls = [...rest, call];
    }
  }

  /**
   * A desk phone's "Open" soft key: the page the agent used last goes to the customer's admin
   * page, at the URL Magento's lookup gives for that number (never one the bridge made up).
   * Without one, that page's bar says so; with no admin page open there is no bar to tell.
   */
  private async openCustomer(number: string, customerId: number): Promise<void> {
    const url = await this.lookup.customerUrl(number, customerId);
    let target: Page | undefined;
    for (const p of this.pages.values()) if (p.role === 'page' && (!target || p.activeAt > target.activeAt)) target = p;
    if (!target) {
      log.warn('a desk phone asked to open a customer, but no admin page is open');
      return;
    }
    if (!url) {
      const message = 'a desk phone asked to open a customer Magento does not list for that number';
      log.warn(message);
      this.post(target.port, { type: 'notice', level: 'error', code: 'open_failed', message });
      return;
    }
    this.post(target.port, { type: 'open', url });
  }

  /** Numbers whose caller card a page may show: live calls and recent ones. */
  private lookupNumbers(): string[] {
    const out = new Set<string>();
    for (const c of [...this.state.calls, ...this.state.recent]) {
      const n = farNumber(c);
      if (n) out.add(n);
    }
    return [...out];
  }

  private sendCommand(pageId: string, command: ClientCommand): void {
    const page = this.pages.get(pageId);
    if (!this.socket?.connected || this.state.connection !== 'connected') {
      if (page) this.post(page.port, { type: 'notice', level: 'error', code: 'offline', message: 'The phone bar is not connected to the bridge.', ...(command.ref ? { ref: command.ref } : {}) });
      return;
    }
    if (command.ref) {
      this.refOwners.set(command.ref, pageId);
      if (this.refOwners.size > 500) this.refOwners.delete(this.refOwners.keys().next().value as string);
    }
    this.socket.emit(CLIENT_EVENT, command);
  }

  /** The current token when it still has a minute left, otherwise a new one from Magento. */
  private async freshToken(): Promise<MintedToken> {
    if (this.token && this.token.expiresAt * 1000 - Date.now() > 60_000) {
      this.scheduleRefresh();
      return this.token;
    }
    if (!this.tokens) throw new Error('no token endpoint configured');
    this.token = await this.tokens.mint();
    this.scheduleRefresh();
    return this.token;
  }

  /** Renews the token before it expires and hands it to the bridge on the live connection. */
  private scheduleRefresh(delayMs?: number): void {
    if (this.refreshTimer || !this.token) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (!this.tokens) return;
      this.tokens.mint().then(
        (t) => {
          this.token = t;
          if (this.socket?.connected) this.socket.emit(CLIENT_EVENT, { type: 'auth.refresh', token: t.token } satisfies ClientCommand);
          this.scheduleRefresh();
        },
        (err: unknown) => {
          log.warn('token refresh failed:', (err as Error).message);
          // The connection still works until the token expires: say why, without going offline.
          this.warn(mintProblem(err));
          this.refreshTimer = setTimeout(() => {
            this.refreshTimer = null;
            this.scheduleRefresh();
          }, 10_000);
        },
      );
    }, delayMs ?? refreshDelayMs(this.token.expiresAt));
  }

  private warn(p: Problem): void {
    if (this.state.connection !== 'connected') return this.setProblem(p);
    this.state.problem = p;
    this.queueBroadcast();
  }

  private setProblem(p: Problem): void {
    log.warn(problemText(p));
    this.state.problem = p;
    this.state.connection = 'offline';
    this.queueBroadcast();
  }

  private dropSilentPages(): void {
    const limit = Date.now() - this.timing.heartbeatTimeoutMs;
    let dropped = false;
    for (const [id, p] of this.pages) {
      if (p.lastSeen < limit) {
        this.pages.delete(id);
        dropped = true;
      }
    }
    if (dropped) {
      this.state.pages = this.pages.size;
      this.syncSoftphone();
      this.queueBroadcast();
    }
  }

  private view(): ViewState {
    const softphone = this.softphone?.view();
    return { ...this.state, lookups: this.lookup.view(this.lookupNumbers()), sessionAgeMs: Date.now() - this.startedAt, ...(softphone ? { softphone } : {}) };
  }

  /** Tells the softphone which pages are there to host media. */
  private syncSoftphone(): void {
    this.softphone?.setPages([...this.pages].map(([pageId, p]) => ({ pageId, visible: p.visible, role: p.role, media: p.media, since: p.since })));
  }

  /** Coalesces several changes in one turn into one state message per page. */
  private queueBroadcast(): void {
    if (this.broadcastQueued) return;
    this.broadcastQueued = true;
    // Live calls only: a recent call's card is fetched when a page asks to show it.
    this.lookup.ensureFor(this.state.calls.flatMap((c) => {
      const number = farNumber(c);
      return number === null ? [] : [{ id: c.id, number }];
    }));
    queueMicrotask(() => {
      this.broadcastQueued = false;
      const msg: WorkerToPage = { type: 'state', state: this.view() };
      for (const p of this.pages.values()) this.post(p.port, msg);
    });
  }

  private post(port: PagePort, msg: WorkerToPage): void {
    try {
      port.postMessage(msg);
    } catch (err) {
      log.warn('could not post to a page:', (err as Error).message);
    }
  }
}
