import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import { nextTokenId } from '../../../bridge/src/auth/mintToken';
import { ORIGIN, connect, metric, startBridge, token, type Harness } from '../helpers/bridgeHarness';
import { quietHubLogs } from '../helpers/quietHubLogs';
import { fakePage } from '../helpers/fakePage';
import { until } from '../helpers/waitFor';

/**
 * Magento's token controller: mints while the admin session lives; `signOut()` ends the session
 * (Magento then answers with a redirect to the login page). `queue` hands out tokens minted earlier.
 */
async function magento(ttlS: number) {
  let minted = 0;
  let signedIn = true;
  const queue: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!signedIn) {
        res.writeHead(302, { location: '/admin/auth/login' }).end();
        return;
      }
      minted++;
      const next = queue.shift();
      void (next ? Promise.resolve(next) : token({ ttlS })).then((t) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: t })));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    minted: () => minted,
    signOut: () => (signedIn = false),
    queue,
    close: () => server.close(),
  };
}

describe('the worker after a token revocation (issue 14, finding 9)', () => {
  let h: Harness;
  let m: Awaited<ReturnType<typeof magento>>;
  let hub: SessionHub;
  quietHubLogs();
  beforeEach(async () => {
    // The hub runs in Node (no Origin); the pop-out of the third test is a page of the admin's origin.
    h = await startBridge({ origins: ['http://127.0.0.1', ORIGIN], nonBrowserClients: true });
  });
  afterEach(async () => {
    hub?.close();
    m.close();
    await h.stop();
  });

  it('after logout the bar goes offline and does not come back: Magento mints no token without a session', async () => {
    m = await magento(600);
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A', { timeoutMs: 10_000 });
    a.hello(m.url, h.url);
    await a.until((s) => s.connection === 'connected');
    // The admin signs out: Magento ends the session, then tells the bridge.
    m.signOut();
    expect(h.server.revokeTokens(5, nextTokenId())).toBe(1);
    const s = await a.until((st) => st.connection === 'offline' && st.problem?.text === 'Your Magento admin session has ended: reload the page to sign in again.');
    expect(s.connection).toBe('offline');
    // A few retries later it is still out, with only the one connection ever opened.
    await new Promise((r) => setTimeout(r, 2500));
    expect(a.state()?.connection).not.toBe('connected');
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(1);
    expect(await metric(h.url, 'bandeau_bridge_connected_agents')).toBe(0);
    a.close();
  }, 20_000);

  it('a revocation while the admin session lives (role change): the bar reconnects by itself with a fresh token', async () => {
    m = await magento(600);
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A', { timeoutMs: 10_000 });
    a.hello(m.url, h.url);
    await a.until((s) => s.connection === 'connected');
    expect(h.server.revokeTokens(5, nextTokenId())).toBe(1);
    await a.until((s) => s.connection !== 'connected');
    await a.until((s) => s.connection === 'connected');
    expect(m.minted()).toBe(2);
    expect(await metric(h.url, 'bandeau_bridge_connections_total')).toBe(2);
    a.close();
  }, 20_000);

  it('a renewal refused as stale (another window used a newer token meanwhile) is retried with a fresh token', async () => {
    m = await magento(7); // renewal due at the 5 s floor
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A', { timeoutMs: 10_000 });
    a.hello(m.url, h.url);
    await a.until((s) => s.connection === 'connected');
    // Magento will hand the worker a token minted now, but a pop-out then uses a newer one first.
    m.queue.push(await token({ ttlS: 7 }));
    const popout = await token({ ttlS: 600 });
    const other = await connect(h.url, popout);
    await other.next('snapshot');
    const refreshes = async (outcome: string) => {
      const text = await (await fetch(`${h.adminUrl}/metrics`)).text();
      const r = new RegExp(`^bandeau_bridge_commands_total\\{type="auth.refresh",outcome="${outcome}"\\} (\\d+)`, 'm').exec(text);
      return r ? Number(r[1]) : 0;
    };
    // The worker's renewal with the queued (older) token is refused, then a fresh one is accepted.
    await until(async () => (await refreshes('ok')) >= 1, 20_000, 'an accepted renewal', 200);
    expect(await refreshes('refused')).toBe(1);
    expect(await refreshes('ok')).toBe(1);
    expect(m.minted()).toBe(3);
    expect([...h.server.sessions.get(5)!.sockets]).toHaveLength(2);
    expect(a.state()?.connection).toBe('connected');
    // The refusal was handled by the worker, not shown to the agent.
    expect(a.received.some((msg) => msg.type === 'notice' && (msg.code === 'token_stale' || msg.code === 'token_in_use'))).toBe(false);
    other.close();
    a.close();
  }, 30_000);
});
