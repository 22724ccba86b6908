/**
 * The worker's session after the bridge restarts: it reconnects by itself (no page load), asks
 * Magento for a fresh token when the bridge refuses the one it had, backs off while refused, and
 * the snapshot it gets replaces the calls the bridge no longer knows. What the agent reads
 * meanwhile is a sentence, never a code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import { retryDelayMs } from '../../../frontend-ts/src/session/connectionProblems';
import { makeTranslator, problemText } from '../../../frontend-ts/src/page/strings';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer } from '../../../bridge/src/server';
import { mintAgentToken } from '../../../bridge/src/auth/mintToken';
import type { Call } from '../../../bridge/src/protocol/messages';
import { quietHubLogs } from '../helpers/quietHubLogs';
import { fakePage } from '../helpers/fakePage';

const SECRET_A = 'secret-a-0123456789abcdef0123456789abcdef';
const SECRET_B = 'secret-b-0123456789abcdef0123456789abcdef';

async function bridge(secret: string, port = 0) {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port }, secret, allowedOrigins: ['http://127.0.0.1'], allowNonBrowserClients: true });
  const server = new BridgeServer({ config, logger: createLogger('silent') });
  const actual = await server.start();
  return { server, url: `http://127.0.0.1:${actual}`, port: actual, stop: () => server.stop() };
}

/** Magento's token controller: mints with the secret it is configured with now; form key "fk". */
async function magento() {
  let secret = SECRET_A;
  let minted = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (new URLSearchParams(body).get('form_key') !== 'fk') {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } }));
        return;
      }
      minted++;
      void mintAgentToken({ secret, userId: 5, name: 'Agent Five', extension: '7005', permissions: ['dial'], ttlS: 600 }).then((t) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(t)),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    minted: () => minted,
    useSecret: (s: string) => (secret = s),
    close: () => server.close(),
  };
}

const call = (id: string): Call => ({
  id,
  direction: 'inbound',
  state: 'answered',
  from: '+33612345678',
  to: '7005',
  rung: ['7005'],
  answeredBy: '7005',
  startedAt: new Date().toISOString(),
  answeredAt: new Date().toISOString(),
  endedAt: null,
  disposition: null,
});

describe('the session reconnects by itself after the bridge restarts', () => {
  let hub: SessionHub;
  let mag: Awaited<ReturnType<typeof magento>>;
  let b: Awaited<ReturnType<typeof bridge>> | null = null;
  quietHubLogs();
  beforeEach(async () => {
    mag = await magento();
  });
  afterEach(async () => {
    hub?.close();
    mag.close();
    await b?.stop();
    b = null;
  });

  it('a bridge that refuses the old token (new secret): a fresh token from Magento, no page load, and the stale call leaves', async () => {
    b = await bridge(SECRET_A);
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A', { timeoutMs: 15_000 });
    a.hello(mag.url, b.url);
    await a.until((s) => s.connection === 'connected');
    b.server.pushCall(call('stale-1'), ['7005']);
    await a.until((s) => s.calls.some((c) => c.id === 'stale-1'));
    expect(mag.minted()).toBe(1);

    const port = b.port;
    await b.stop();
    await a.until((s) => s.connection !== 'connected');
    // Restarted with another shared secret (Magento has it too): the old token is forged now.
    mag.useSecret(SECRET_B);
    b = await bridge(SECRET_B, port);
    const back = await a.until((s) => s.connection === 'connected', 30_000);
    expect(mag.minted()).toBeGreaterThanOrEqual(2);
    expect(back.calls).toEqual([]);
    expect(back.problem).toBeNull();
    // Every problem shown meanwhile was a sentence, never a code, in English and in French.
    const fr = makeTranslator({
      'The phone bridge does not trust the agent tokens of this Magento: their shared secret differs. Ask an administrator.':
        "La passerelle téléphonique ne reconnaît pas les jetons d'agent de ce Magento : leur secret partagé diffère. Contactez un administrateur.",
    });
    const shown = a.states().map((s) => s.problem).filter((p): p is NonNullable<typeof p> => p !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) {
      expect(problemText(p)).not.toMatch(/token_|_[a-z]+|\(\w+\)/);
      expect(problemText(p, fr)).not.toMatch(/token_/);
    }
    a.close();
  }, 45_000);

  it('a Magento session that ended is said as such; a page of a new session reconnects at once', async () => {
    b = await bridge(SECRET_A);
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A', { timeoutMs: 15_000 });
    a.hello(mag.url, b.url, { formKey: 'stale-form-key' });
    const off = await a.until((s) => s.connection === 'offline');
    expect(off.problem?.text).toBe('Your Magento admin session has ended: reload the page to sign in again.');
    const t0 = Date.now();
    const b2 = fakePage(hub, 'B', { timeoutMs: 15_000 });
    b2.hello(mag.url, b.url);
    await b2.until((s) => s.connection === 'connected');
    // Not at the next backoff step: at once.
    expect(Date.now() - t0).toBeLessThan(3_000);
    a.close();
    b2.close();
  });

  it('backs off while refused: 1 s, 2 s, 4 s… up to 30 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
