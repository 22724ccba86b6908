import type { ClientCommand, PageConfig, PageToWorker, SdpRequestMsg, SdpResultMsg, SoftphoneCommand, ViewState, WorkerToPage } from '../../../bridge/src/protocol/messages';
import { log } from '../shared/log';
import { BUILD_ID, workerNameFor } from '../shared/buildId';
import { workerMessage } from './workerMessages';
import { followOpen } from './openAdminUrl';
import { workerBundleUrl } from './chunkUrls';

export const HEARTBEAT_INTERVAL_MS = 5_000;

export type Notice = Extract<WorkerToPage, { type: 'notice' }>;

/** A command as a page writes it; the link adds the `ref`. */
export type PageCommand = ClientCommand extends infer C ? (C extends ClientCommand ? Omit<C, 'ref'> : never) : never;

interface InPageSession {
  /** The build of the worker bundle the page loaded (shared/buildId.ts). */
  build?: string;
  connect(): MessagePort;
}

/** What the bar shows when its worker is of another build (a deploy since this page loaded). */
const OTHER_BUILD: ViewState = {
  connection: 'offline',
  problem: { text: 'The phone bar was updated: reload the page.', args: [] },
  agent: null,
  calls: [],
  recent: [],
  recentSeenAt: null,
  lookups: {},
  pages: 0,
  connectionsOpened: 0,
  host: 'shared-worker',
  sessionAgeMs: 0,
};

/**
 * The page's end of the session: a port to the SharedWorker (or to the in-page session where
 * SharedWorker is missing). Says hello, keeps a heartbeat, and says goodbye on pagehide.
 */
export class SessionLink {
  readonly pageId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private port: MessagePort | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private refSeq = 0;
  /** Commands waiting for the bridge's answer (ack or error), by ref. */
  private readonly pending = new Map<string, { resolve: (callId: string | undefined) => void; reject: (err: Error & { code?: string }) => void }>();
  /** Softphone mode: the media host's handler for the worker's SDP work (set before open()). */
  onSdpRequest: ((req: SdpRequestMsg) => void) | null = null;

  constructor(
    private readonly config: PageConfig,
    private readonly onState: (s: ViewState) => void,
    private readonly onNotice: (n: Notice) => void,
  ) {}

  async open(): Promise<void> {
    this.port = await this.openPort();
    this.port.onmessage = (ev: MessageEvent) => {
      // The worker is of this build (named after it) and checked what came from the bridge: a shape check is enough.
      const msg = workerMessage(ev.data);
      if (!msg) {
        log.warn('worker message rejected:', (ev.data as { type?: unknown } | null)?.type);
        return;
      }
      if (msg.type === 'state') this.onState(msg.state);
      else if (msg.type === 'notice' && msg.code === 'build_mismatch') this.onState(OTHER_BUILD);
      else if (msg.type === 'sdp.request') this.onSdpRequest?.(msg);
      else if (msg.type === 'open') followOpen(msg.url, this.onNotice);
      else if (msg.code === 'hello_required') this.hello();
      // An answer a request() waits for is its caller's to show; any other notice is the page's.
      else if (!this.settle(msg)) this.onNotice(msg);
    };
    this.port.start();
    this.hello();
    const beat = () => this.post({ type: 'heartbeat', pageId: this.pageId, visible: document.visibilityState === 'visible', active: document.hasFocus() });
    this.heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS);
    // The page the agent used last is where a desk phone's "Open" lands: say so when it gets the focus.
    addEventListener('focus', beat);
    // MessagePort has no close event: say goodbye explicitly (and hello again if restored from bfcache).
    addEventListener('pagehide', () => this.post({ type: 'goodbye', pageId: this.pageId }));
    addEventListener('pageshow', (e) => {
      if ((e as PageTransitionEvent).persisted) this.hello();
    });
  }

  /** Sends a command; returns the ref its answer will carry. */
  command(command: PageCommand): string {
    const ref = `${this.pageId}:${++this.refSeq}`;
    this.post({ type: 'command', pageId: this.pageId, command: { ...command, ref } as ClientCommand });
    return ref;
  }

  /** Softphone mode: a command for the SIP user agent (answer, hang up, dial, ...). */
  softphone(command: SoftphoneCommand): void {
    this.post({ type: 'softphone', pageId: this.pageId, command });
  }

  /** Softphone mode: the outcome of one sdp.request. */
  sdpResult(result: Omit<SdpResultMsg, 'type' | 'pageId'>): void {
    this.post({ type: 'sdp.result', pageId: this.pageId, ...result });
  }

  /** Answers a pending request() when a notice carries its ref; true when one did. */
  private settle(msg: Notice): boolean {
    const waiting = msg.ref ? this.pending.get(msg.ref) : undefined;
    if (!waiting || !msg.ref) return false;
    this.pending.delete(msg.ref);
    if (msg.code === 'ack') waiting.resolve(msg.message || undefined);
    else waiting.reject(Object.assign(new Error(msg.message), { code: msg.code, ...(msg.reason ? { reason: msg.reason } : {}) }));
    return true;
  }

  /** Sends a command and resolves with the call id the bridge acknowledged (or rejects with its error). */
  request(command: PageCommand, timeoutMs = 15_000): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const ref = this.command(command);
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(Object.assign(new Error('The bridge did not answer.'), { code: 'timeout' }));
      }, timeoutMs);
      this.pending.set(ref, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.post({ type: 'goodbye', pageId: this.pageId });
  }

  private hello(): void {
    const { bridgeUrl, bridgeUrls, tokenUrl, formKey, lookupUrl } = this.config;
    const softphone = softphoneSessionConfig(this.config);
    this.post({
      type: 'hello',
      pageId: this.pageId,
      visible: document.visibilityState === 'visible',
      config: { bridgeUrl, ...(bridgeUrls ? { bridgeUrls } : {}), tokenUrl, ...(formKey ? { formKey } : {}), ...(lookupUrl ? { lookupUrl } : {}), ...(softphone ? { softphone } : {}) },
      ...(softphone ? { role: this.config.role, media: typeof RTCPeerConnection !== 'undefined' } : {}),
    });
  }

  private post(msg: PageToWorker): void {
    this.port?.postMessage(msg);
  }

  private async openPort(): Promise<MessagePort> {
    if (this.config.transport !== 'in-page' && typeof SharedWorker !== 'undefined') {
      try {
        // Same URL, name and options on every page of a build, or the browser starts a second
        // worker; a page of another build (after a deploy) gets a worker of its own.
        const options = { name: workerNameFor(this.config.workerName), extendedLifetime: true } as WorkerOptions;
        const worker = new SharedWorker(this.config.workerUrl, options);
        worker.onerror = (e) => log.error('shared worker failed:', e);
        return worker.port;
      } catch (err) {
        log.warn('SharedWorker unavailable, connecting from the page:', (err as Error).message);
      }
    }
    const session = await loadInPageSession();
    if (session.build !== BUILD_ID) {
      // The static files were deployed again since this page loaded: its session would be of another build.
      const channel = new MessageChannel();
      channel.port2.postMessage({ type: 'notice', level: 'error', code: 'build_mismatch', message: `session bundle ${session.build ?? '?'}, page ${BUILD_ID}` });
      return channel.port1;
    }
    return session.connect();
  }
}

/** The softphone part of the session config, in softphone mode with a credentials URL. */
function softphoneSessionConfig(c: PageConfig) {
  if (c.mode !== 'softphone' || !c.softphoneCredentialsUrl) return undefined;
  return {
    credentialsUrl: c.softphoneCredentialsUrl,
    ...(c.softphoneSipIn ? { sipIn: c.softphoneSipIn } : {}),
    ...(c.softphoneReleaseAfterS !== undefined ? { releaseAfterMs: c.softphoneReleaseAfterS * 1000 } : {}),
  };
}

function loadInPageSession(): Promise<InPageSession> {
  const existing = (window as unknown as { BandeauInPageSession?: InPageSession }).BandeauInPageSession;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = workerBundleUrl();
    s.async = true;
    s.onload = () => {
      const session = (window as unknown as { BandeauInPageSession?: InPageSession }).BandeauInPageSession;
      if (session) resolve(session);
      else reject(new Error('the session bundle loaded but did not start'));
    };
    s.onerror = () => reject(new Error(`could not load ${s.src}`));
    document.head.appendChild(s);
  });
}
