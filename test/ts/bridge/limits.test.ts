/**
 * Issue 14, finding 4: abuse limits on the agents' port, each attack performed with a real
 * socket.io client (or raw WebSocket upgrades) against a real BridgeServer.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { BridgeServer, type CallCommandHandler } from '../../../bridge/src/server';
import type { CallCommand } from '../../../bridge/src/protocol/messages';
import { ORIGIN, TEST_SECRET, connect, token } from '../helpers/bridgeHarness';

interface Started {
  server: BridgeServer;
  url: string;
  port: number;
  logs: Array<{ level: number; msg: string; suppressed?: number }>;
}

async function start(over: Record<string, unknown> = {}, callControl?: CallCommandHandler): Promise<Started> {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN], ...over });
  const logs: Started['logs'] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Started['logs'][number]) });
  const server = new BridgeServer({ config, logger, ...(callControl ? { callControl } : {}) });
  const port = await server.start();
  return { server, url: `http://127.0.0.1:${port}`, port, logs };
}

async function hits(server: BridgeServer, limit: string): Promise<number> {
  const m = await server.metrics.limitHits.get();
  return m.values.filter((v) => v.labels.limit === limit).reduce((a, v) => a + v.value, 0);
}

/** A WebSocket upgrade to socket.io that never authenticates: 101 and the open socket, or the refusal's status. */
function rawUpgrade(port: number, forwardedFor?: string): Promise<{ status: number; socket?: NetSocket }> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      agent: false,
      headers: {
        connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), origin: ORIGIN,
        ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
      },
    });
    req.on('upgrade', (_res, socket) => {
      // Read (and drop) what the bridge sends, so its close reaches us.
      socket.resume();
      resolve({ status: 101, socket });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', () => resolve({ status: 0 }));
    req.end();
  });
}

describe('abuse limits (issue 14, finding 4)', () => {
  it('500 dials in one burst become at most the bucket\'s worth of Originates; every dial is answered', async () => {
    const originates: CallCommand[] = [];
    const s = await start({}, {
      async execute(_agent, cmd) {
        if (cmd.type === 'call.dial') originates.push(cmd);
        return { callId: `c${originates.length}` };
      },
    });
    try {
      const c = await connect(s.url, await token({ userId: 41, extension: '7041' }));
      await c.next('snapshot');
      for (let i = 0; i < 500; i++) c.socket.emit('bandeau:cmd', { type: 'call.dial', ref: `d${i}`, number: '0612345678' });
      // Every dial gets its answer (ack or refusal), with its ref: nothing silently dropped.
      const answered = new Set<string>();
      const deadline = Date.now() + 20_000;
      while (answered.size < 500 && Date.now() < deadline) {
        for (const m of c.messages) if ((m.type === 'ack' || m.type === 'error') && m.ref) answered.add(m.ref);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(answered.size).toBe(500);
      // Default bucket: 10 dials, refilled at 1 per second (the burst takes well under a few seconds).
      expect(originates.length).toBeGreaterThanOrEqual(10);
      expect(originates.length).toBeLessThanOrEqual(15);
      const refused = c.messages.filter((m) => m.type === 'error');
      expect(refused.every((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(true);
      expect(refused.length).toBe(500 - originates.length);
      // Refused by the dial bucket, or first by the bucket of all commands (30 a second).
      expect((await hits(s.server, 'dials')) + (await hits(s.server, 'commands'))).toBe(500 - originates.length);
      expect(await hits(s.server, 'dials')).toBeGreaterThan(0);
      // Sampled: the first 5 of each limit (commands, dials), then one a minute with the count left out.
      expect(s.logs.filter((l) => l.msg === 'command refused by a rate limit').length).toBeLessThanOrEqual(12);
      // A human's next dial, a couple of seconds later, goes through.
      await new Promise((r) => setTimeout(r, 2_500));
      const before = originates.length;
      c.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'later', number: '0612345678' });
      for (let i = 0; i < 100 && !c.messages.some((m) => 'ref' in m && m.ref === 'later'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(c.messages.find((m) => 'ref' in m && m.ref === 'later')).toMatchObject({ type: 'ack' });
      expect(originates.length).toBe(before + 1);
      c.close();
    } finally {
      await s.server.stop();
    }
  }, 60_000);

  it('20,000 invalid messages: the socket is disconnected early with a reason, and the log stays short', async () => {
    const s = await start();
    try {
      const c = await connect(s.url, await token({ userId: 42, extension: '7042' }));
      await c.next('snapshot');
      const disconnected = new Promise<string>((r) => c.socket.once('disconnect', (reason) => r(reason)));
      for (let i = 0; i < 20_000; i++) c.socket.emit('bandeau:cmd', { type: 'no.such.thing', ref: `x${i}` });
      expect(await disconnected).toBe('io server disconnect');
      const errors = c.messages.filter((m) => m.type === 'error');
      // The allowance (20) answered one by one, then the reason, then nothing.
      expect(errors.filter((m) => m.type === 'error' && m.code === 'invalid_message').length).toBe(20);
      expect(errors[errors.length - 1]).toMatchObject({ code: 'too_many_invalid' });
      expect(errors.length).toBe(21);
      expect(s.logs.filter((l) => l.level === 40).length).toBeLessThanOrEqual(10);
      expect(await hits(s.server, 'invalid')).toBeGreaterThanOrEqual(1);
      // The bucket outlives the connection: reconnecting does not reset it.
      const again = await connect(s.url, await token({ userId: 42, extension: '7042' }));
      await again.next('snapshot');
      const gone = new Promise<string>((r) => again.socket.once('disconnect', (reason) => r(reason)));
      again.socket.emit('bandeau:cmd', { nope: true });
      expect(await gone).toBe('io server disconnect');
    } finally {
      await s.server.stop();
    }
  }, 60_000);

  it('3,000 unauthenticated sockets from one address: at most 20 held, each closed after the auth timeout', async () => {
    // A timeout far longer than the burst takes, so the cap alone is measured here.
    const s = await start({ limits: { authTimeoutS: 120 } });
    const open: NetSocket[] = [];
    try {
      let refused = 0;
      for (let batch = 0; batch < 30; batch++) {
        const results = await Promise.all(Array.from({ length: 100 }, () => rawUpgrade(s.port)));
        for (const r of results) {
          if (r.socket) open.push(r.socket);
          else if (r.status >= 400) refused++;
        }
      }
      expect(open.length).toBe(20);
      expect(refused).toBe(2_980);
      expect(await hits(s.server, 'unauthenticated_per_ip')).toBe(refused);
      expect(s.logs.filter((l) => l.msg.includes('unauthenticated')).length).toBeLessThanOrEqual(6);
      // An agent with a token is not stuck behind them: its handshake is refused too while the
      // address is full (the cap is per address), and gets through once one of them leaves.
      open.pop()?.destroy();
      await new Promise((r) => setTimeout(r, 500));
      const c = await connect(s.url, await token({ userId: 43, extension: '7043' }));
      await c.next('snapshot');
      c.close();
    } finally {
      open.forEach((sock) => sock.destroy());
      await s.server.stop();
    }
  }, 120_000);

  it('behind a trusted balancer each client is counted under its X-Forwarded-For address; a forged header from elsewhere changes nothing', async () => {
    // As nginx or HAProxy (bridge/deploy) send them: the client's address appended last.
    const through = (n: number, extra = '') => Array.from({ length: n }, (_, i) => `${extra}10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
    const behind = await start({ limits: { trustedProxies: ['127.0.0.0/8'] } });
    const alone = await start({ limits: { trustedProxies: ['10.9.9.9'] } });
    const held: NetSocket[] = [];
    try {
      // 60 agents authenticating at once through the balancer (a failover's burst): none refused.
      const burst = await Promise.all(through(60).map((xff) => rawUpgrade(behind.port, xff)));
      held.push(...burst.flatMap((r) => (r.socket ? [r.socket] : [])));
      expect(burst.filter((r) => r.status === 101).length).toBe(60);
      // One client still gets 20 at most, whatever it puts left of the balancer's entry.
      const one = await Promise.all(through(30).map((_, i) => rawUpgrade(behind.port, `203.0.113.${i}, 10.2.0.1`)));
      held.push(...one.flatMap((r) => (r.socket ? [r.socket] : [])));
      expect(one.filter((r) => r.status === 101).length).toBe(20);
      // A peer that is not a trusted balancer: its X-Forwarded-For is ignored, the cap is per peer.
      const forged = await Promise.all(through(30).map((xff) => rawUpgrade(alone.port, xff)));
      held.push(...forged.flatMap((r) => (r.socket ? [r.socket] : [])));
      expect(forged.filter((r) => r.status === 101).length).toBe(20);
    } finally {
      held.forEach((sock) => sock.destroy());
      await behind.server.stop();
      await alone.server.stop();
    }
  }, 60_000);

  it('a connection that does not authenticate is closed after the auth timeout', async () => {
    const s = await start({ limits: { authTimeoutS: 2 } });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => rawUpgrade(s.port)));
      const open = results.map((r) => r.socket).filter((x): x is NetSocket => x !== undefined);
      expect(open.length).toBe(20);
      await Promise.all(open.map((sock) => new Promise<void>((r) => (sock.destroyed ? r() : sock.once('close', () => r())))));
      expect(await hits(s.server, 'auth_timeout')).toBe(20);
      // An authenticated agent is never timed out.
      const c = await connect(s.url, await token({ userId: 45, extension: '7045' }));
      await c.next('snapshot');
      await new Promise((r) => setTimeout(r, 3_000));
      expect(c.socket.connected).toBe(true);
      c.close();
    } finally {
      await s.server.stop();
    }
  }, 60_000);

  it('the limits are configurable and can be switched off', async () => {
    const config = BridgeConfig.parse({ secret: TEST_SECRET, allowedOrigins: [ORIGIN], limits: { dials: { burst: 3 }, enabled: true } });
    expect(config.limits).toMatchObject({ dials: { burst: 3, intervalS: 10 }, commands: { burst: 30, intervalS: 1 }, invalid: { burst: 20, intervalS: 60 }, unauthenticatedPerIp: 20, authTimeoutS: 10, trustedProxies: [] });
    expect(() => BridgeConfig.parse({ secret: TEST_SECRET, allowedOrigins: [ORIGIN], limits: { trustedProxies: ['nginx'] } })).toThrow(/IP address or a subnet/);
    expect(() => BridgeConfig.parse({ secret: TEST_SECRET, allowedOrigins: [ORIGIN], limits: { dials: { burst: 0 } } })).toThrow();
    let originates = 0;
    const s = await start({ limits: { enabled: false } }, {
      async execute() {
        originates++;
        return {};
      },
    });
    try {
      const c = await connect(s.url, await token({ userId: 44, extension: '7044' }));
      await c.next('snapshot');
      for (let i = 0; i < 50; i++) c.socket.emit('bandeau:cmd', { type: 'call.dial', ref: `d${i}`, number: '0612345678' });
      for (let i = 0; i < 50; i++) await c.next('ack');
      expect(originates).toBe(50);
      c.close();
    } finally {
      await s.server.stop();
    }
  }, 30_000);
});
