import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * The far end of the softphone tests: a second WebRTC agent, a Chromium page running stock
 * sip.js (its SimpleUser with the standard Web SessionDescriptionHandler and fake audio),
 * registered at the same Kamailio. Both ends are WebRTC, so the test needs no media relay, and
 * both ends expose RTCPeerConnection.getStats() for the audio checks.
 */
const SIPJS_DIR = path.resolve(__dirname, '../../../node_modules/sip.js/lib');

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>far end</title></head><body>
<audio id="remote" autoplay></audio>
<script type="module">
import { Web } from '/sipjs/index.js';
const events = [];
let su = null;
const pc = () => su && su.session && su.session.sessionDescriptionHandler && su.session.sessionDescriptionHandler.peerConnection;
window.farEnd = {
  events,
  async start(o) {
    su = new Web.SimpleUser(o.wsUrl, {
      aor: o.uri,
      userAgentOptions: { authorizationUsername: o.username, authorizationPassword: o.password, logLevel: 'warn' },
      media: { constraints: { audio: true, video: false }, remote: { audio: document.getElementById('remote') } },
      delegate: {
        onCallReceived: () => events.push('received'),
        onCallAnswered: () => events.push('answered'),
        onCallHangup: () => events.push('hangup'),
        onRegistered: () => events.push('registered'),
      },
    });
    await su.connect();
    await su.register();
  },
  call: (target) => su.call(target),
  answer: () => su.answer(),
  hangup: () => su.hangup(),
  state: () => (su && su.session ? su.session.state : 'none'),
  /** Direction the far end currently agreed for its audio (sendrecv, recvonly when we parked it). */
  direction: () => { const p = pc(); const t = p && p.getTransceivers()[0]; return t ? t.currentDirection : null; },
  async stats() {
    const p = pc();
    if (!p) return null;
    let packetsReceived = 0, packetsSent = 0;
    (await p.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') packetsReceived += r.packetsReceived || 0;
      if (r.type === 'outbound-rtp' && r.kind === 'audio') packetsSent += r.packetsSent || 0;
    });
    return { packetsReceived, packetsSent, connectionState: p.connectionState };
  },
};
/** Arrival times (Date.now) of new inbound audio packets, polled every 10 ms, for the gap benchmark. */
let sampler = null, samples = [];
window.farEnd.startSampling = () => {
  samples = [];
  let last = -1;
  sampler = setInterval(async () => {
    const s = await window.farEnd.stats();
    if (s && s.packetsReceived !== last) { last = s.packetsReceived; samples.push(Date.now()); }
  }, 10);
};
window.farEnd.stopSampling = () => { clearInterval(sampler); return samples; };
window.farEndReady = true;
</script></body></html>`;

export interface FarEndAccount {
  wsUrl: string;
  uri: string;
  username: string;
  password: string;
}

export interface RtpCounters {
  packetsReceived: number;
  packetsSent: number;
  connectionState: string;
}

export interface FarEnd {
  page: Page;
  context: BrowserContext;
  call(target: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  state(): Promise<string>;
  events(): Promise<string[]>;
  direction(): Promise<string | null>;
  stats(): Promise<RtpCounters | null>;
  /** Starts recording when new inbound packets arrive (10 ms polling of getStats). */
  startSampling(): Promise<void>;
  /** Stops recording; the Date.now() times at which new packets were seen. */
  stopSampling(): Promise<number[]>;
  close(): Promise<void>;
}

/** Serves the far-end page and stock sip.js (ES modules straight from node_modules). */
export async function startFarEndServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (p === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    const file = path.resolve(SIPJS_DIR, `.${p.replace(/^\/sipjs/, '')}`);
    if (!p.startsWith('/sipjs/') || !file.startsWith(SIPJS_DIR + path.sep) || !file.endsWith('.js')) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'max-age=3600' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Opens the far end in its own browser context and registers it. */
export async function openFarEnd(browser: Browser, serverUrl: string, account: FarEndAccount): Promise<FarEnd> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(serverUrl);
  await page.waitForFunction(() => (window as unknown as { farEndReady?: boolean }).farEndReady === true);
  await page.evaluate((a) => (window as unknown as { farEnd: { start(o: unknown): Promise<void> } }).farEnd.start(a), account);
  type Api = Record<string, (...a: unknown[]) => unknown>;
  const call = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([f, a]) => (window as unknown as { farEnd: Api }).farEnd[f as string]!(...(a as unknown[])), [fn, args] as const) as Promise<T>;
  return {
    page,
    context,
    call: (target) => call<void>('call', target),
    answer: () => call<void>('answer'),
    hangup: () => call<void>('hangup'),
    state: () => call<string>('state'),
    events: () => page.evaluate(() => [...(window as unknown as { farEnd: { events: string[] } }).farEnd.events]),
    direction: () => call<string | null>('direction'),
    stats: () => call<RtpCounters | null>('stats'),
    startSampling: () => call<void>('startSampling'),
    stopSampling: () => call<number[]>('stopSampling'),
    close: () => context.close(),
  };
}
