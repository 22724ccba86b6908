import { io, Socket } from 'socket.io-client';
import { CLIENT_FEATURES } from '../../../bridge/src/protocol/clientFeatures';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer, type CallCommandHandler } from '../../../bridge/src/server';
import { mintAgentToken, type MintOptions } from '../../../bridge/src/auth/mintToken';
import { adminListenerFor } from '../../../bridge/src/http/adminListener';
import { SERVER_EVENT, type ServerMessage } from '../../../bridge/src/protocol/messages';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const ORIGIN = 'http://admin.example.test';

export interface Harness {
  server: BridgeServer;
  url: string;
  /** The admin listener (health, metrics, revocations), on a port of its own. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Agents' URL -> admin listener URL, so metric() takes either. */
const adminUrls = new Map<string, string>();

/** Says where the admin listener of the bridge at `url` is (bridges started by startRuntime). */
export function registerAdminUrl(url: string, adminUrl: string): void {
  adminUrls.set(url, adminUrl);
}

/** `nonBrowserClients`: accept sockets without Origin (the session hub's tests run the worker's code in Node, which sends none). */
export async function startBridge(opts: { callControl?: CallCommandHandler; sessionGraceS?: number; port?: number; origins?: string[]; nonBrowserClients?: boolean; teamWindowMs?: number } = {}): Promise<Harness> {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: opts.port ?? 0 }, secret: TEST_SECRET, allowedOrigins: opts.origins ?? [ORIGIN], sessionGraceS: opts.sessionGraceS ?? 600, allowNonBrowserClients: opts.nonBrowserClients ?? false });
  const server = new BridgeServer({ config, logger: createLogger('silent'), ...(opts.callControl ? { callControl: opts.callControl } : {}), ...(opts.teamWindowMs ? { teamWindowMs: opts.teamWindowMs } : {}) });
  const port = await server.start();
  const admin = adminListenerFor(server, config.admin, 0, () => config.secret, createLogger('silent'));
  const adminUrl = `http://127.0.0.1:${await admin.start()}`;
  const url = `http://127.0.0.1:${port}`;
  adminUrls.set(url, adminUrl);
  return {
    server,
    url,
    adminUrl,
    stop: async () => {
      adminUrls.delete(url);
      await admin.stop();
      await server.stop();
    },
  };
}

export function token(over: Partial<MintOptions> = {}): Promise<string> {
  return mintAgentToken({ secret: TEST_SECRET, userId: 5, name: 'Agent Five', extension: '7005', permissions: ['phone_bar', 'dial'], ttlS: 600, ...over }).then((t) => t.token);
}

/** A socket.io client that records every bridge message; resolves once connected or refused. */
export interface TestClient {
  socket: Socket;
  messages: ServerMessage[];
  next(type: ServerMessage['type'], timeoutMs?: number): Promise<ServerMessage>;
  close(): void;
}

/** The handshake fields beside the token of the current worker (protocol/clientFeatures.ts). */
export const CURRENT_WORKER = { features: [...CLIENT_FEATURES] };

/**
 * `auth` goes into the handshake beside the token: by default as the current worker sends it;
 * `{}` connects as a worker older than the features (an older Magento module's bundle).
 */
export async function connect(url: string, tok: string | undefined, auth: Record<string, unknown> = CURRENT_WORKER): Promise<TestClient> {
  // As a browser on the admin's page: the bridge requires an Origin from socket.io clients.
  const socket = io(url, { transports: ['websocket'], auth: tok === undefined ? auth : { token: tok, ...auth }, reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN } });
  const messages: ServerMessage[] = [];
  const waiters: Array<{ type: string; resolve: (m: ServerMessage) => void }> = [];
  let seen = 0;
  socket.on(SERVER_EVENT, (m: ServerMessage) => {
    messages.push(m);
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    messages,
    next(type, timeoutMs = 3000) {
      const found = messages.slice(seen).find((m) => m.type === type);
      if (found) {
        seen = messages.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          type,
          resolve: (m) => {
            clearTimeout(t);
            seen = messages.indexOf(m) + 1;
            resolve(m);
          },
        });
      });
    },
    close: () => socket.disconnect(),
  };
}

/** Fetches /metrics (from the admin listener of the bridge at `url`) and returns the value of one metric (sum over labels). */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${adminUrls.get(url) ?? url}/metrics`)).text();
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (m) {
      found = true;
      sum += Number(m[2]);
    }
  }
  if (!found) throw new Error(`metric ${name} not exposed`);
  return sum;
}
