import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { mintAgentToken } from '../../../bridge/src/auth/mintToken';
import type { BarWindow } from './barWindow';

/**
 * The demo's admin pages pointed at bridges the test started: Magento's side of an agent's bar on
 * a list of bridge URLs (PhoneBar renders bandeau/bridge/bridge_url with one URL a line) and its
 * token controller signing with the bridges' shared secret.
 */

export interface Agent {
  userId: number;
  name: string;
  extension: string;
  permissions: string[];
}

export interface TokenController {
  url: string;
  /** Tokens minted so far. */
  minted(): number;
  close(): void;
}

/**
 * Magento's token controller for the test (the worker's requests cannot be routed by the test):
 * mints the agent's token with the bridges' secret; `origin` (the pages) may call it with cookies.
 */
export async function tokenController(origin: string, secret: string, agent: Agent): Promise<TokenController> {
  let minted = 0;
  const server = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-allow-headers': 'content-type, x-requested-with' };
    req.resume();
    req.on('end', () => {
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      minted++;
      void mintAgentToken({ secret, ...agent, ttlS: 600 }).then((t) =>
        res.writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(t)),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/bandeau/token/index/`, minted: () => minted, close: () => server.close() };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The demo dashboard's bar config rewritten: these bridges (first one first) and this token controller. */
export async function routeBarToBridges(context: BrowserContext, bridgeUrls: string[], tokenUrl: string): Promise<void> {
  await context.route(/\/admin\/dashboard\//, async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace(/data-bandeau-config="([^"]*)"/, (_m, json: string) => {
      const config = JSON.parse(unescape(json)) as Record<string, unknown>;
      return `data-bandeau-config="${escape(JSON.stringify({ ...config, bridgeUrl: bridgeUrls[0], bridgeUrls, tokenUrl }))}"`;
    });
    await route.fulfill({ response: res, body: html });
  });
}

/** Resolves when the bar is connected to this bridge (polled every 20 ms). */
export async function connectedTo(p: Page, bridgeUrl: string, timeoutMs = 10_000): Promise<void> {
  await p.waitForFunction(
    (url) => {
      // Before the worker's first state, the page has none.
      const s = (globalThis as unknown as BarWindow).bandeau?.state;
      return s?.connection === 'connected' && s.bridgeUrl === url;
    },
    bridgeUrl,
    { timeout: timeoutMs, polling: 20 },
  );
}
