/**
 * Issue 18, "a list of bridge URLs, or a load balancer; both supported": two real `bandeau-bridge`
 * processes sharing a real Redis, behind real nginx and real HAProxy, each proxy running the
 * example config of bridge/deploy/ as README gives it, with only the addresses, ports, admin token
 * and certificate replaced (every replacement must match, so the test follows the file).
 *
 * Agents are socket.io clients with real tokens over TLS, from distinct loopback addresses (the
 * proxies hash the client address): they spread over both instances; a long-polling client works
 * (it needs every request on one instance); a revocation posted to the balanced admin URL closes
 * the agent's socket on whichever instance holds it; then the instance holding most agents is
 * SIGKILLed and every agent is back through the proxy within 5 s, with the status it had set.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { startBridgeProcess, type BridgeProcess } from './helpers/bridgeProcess';
import { freePort } from './helpers/adminSite';
import { redisSh } from '../ts/helpers/redis';
import { mintAgentToken, nextTokenId } from '../../bridge/src/auth/mintToken';
import { REVOCATION_SIGNATURE_HEADER, signRevocation } from '../../bridge/src/auth/revocation';
import { SERVER_EVENT, CLIENT_EVENT, type ServerMessage } from '../../bridge/src/protocol/messages';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SECRET = randomBytes(32).toString('hex');
const ADMIN_TOKEN = randomBytes(16).toString('hex');
const ORIGIN = 'https://admin.shop.test';

/** The example file with each `[from, to]` replaced; a `from` the file no longer has fails the test. */
function render(file: string, replacements: Array<[string, string]>): string {
  let text = readFileSync(path.join(ROOT, 'bridge/deploy', file), 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${file} no longer contains "${from}": update the test with the example`);
    text = text.split(from).join(to);
  }
  return text;
}

interface Proxy {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a proxy in the foreground and waits until its port accepts TLS connections. */
async function startProxy(cmd: string, args: string[], port: number): Promise<Proxy> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`https://127.0.0.1:${port}/`).then(() => true, (e: Error) => !/ECONNREFUSED/.test(String((e as { cause?: unknown }).cause ?? e)));
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${cmd} did not listen on ${port}:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Agent {
  userId: number;
  socket: Socket;
  /** Messages received, in order. */
  messages: ServerMessage[];
  snapshots: number;
  errors: string[];
}

async function connectAgent(lbPort: number, userId: number, transport: 'websocket' | 'polling'): Promise<Agent> {
  const { token } = await mintAgentToken({ secret: SECRET, userId, name: `Agent ${userId}`, extension: String(7000 + userId), permissions: ['phone_bar', 'dial'], ttlS: 600 });
  const socket = io(`https://127.0.0.1:${lbPort}`, {
    transports: [transport],
    upgrade: false,
    auth: { token },
    extraHeaders: { origin: ORIGIN },
    rejectUnauthorized: false,
    // The proxies hash the client address: each agent its own loopback address.
    localAddress: `127.0.0.${userId + 1}`,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
  } as Parameters<typeof io>[1]);
  const agent: Agent = { userId, socket, messages: [], snapshots: 0, errors: [] };
  socket.on(SERVER_EVENT, (m: ServerMessage) => {
    agent.messages.push(m);
    if (m.type === 'snapshot') agent.snapshots++;
  });
  socket.on('connect_error', (e) => agent.errors.push(e.message));
  await until(() => agent.snapshots > 0, 10_000, () => `agent ${userId} got no snapshot: ${agent.errors.join('; ')}`);
  return agent;
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Agents connected to one instance, from its admin listener's /healthz. */
async function agentsOn(b: BridgeProcess): Promise<number> {
  const r = await fetch(`${b.adminUrl}/healthz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return ((await r.json()) as { agents: number }).agents;
}

function lastSnapshot(a: Agent): Extract<ServerMessage, { type: 'snapshot' }> {
  return a.messages.filter((m): m is Extract<ServerMessage, { type: 'snapshot' }> => m.type === 'snapshot').at(-1)!;
}

const PROXIES = [
  {
    name: 'nginx',
    async start(dir: string, lbPort: number, adminPort: number, bridges: BridgeProcess[], cert: { crt: string; key: string }): Promise<Proxy> {
      const site = render('nginx-bandeau.conf', [
        ['10.0.0.11:8788', `127.0.0.1:${bridges[0]!.port}`],
        ['10.0.0.12:8788', `127.0.0.1:${bridges[1]!.port}`],
        ['10.0.0.11:8789', `127.0.0.1:${bridges[0]!.adminPort}`],
        ['10.0.0.12:8789', `127.0.0.1:${bridges[1]!.adminPort}`],
        ['listen 443 ssl;', `listen 127.0.0.1:${lbPort} ssl;`],
        ['listen 10.0.0.10:8789;', `listen 127.0.0.1:${adminPort};`],
        ['/etc/nginx/tls/cti.example.com.crt', cert.crt],
        ['/etc/nginx/tls/cti.example.com.key', cert.key],
      ]);
      writeFileSync(path.join(dir, 'bandeau.conf'), site);
      // The main file nginx.conf would be on a server, minimal, so the site file above is what runs.
      writeFileSync(
        path.join(dir, 'nginx.conf'),
        `daemon off; master_process off; pid ${dir}/nginx.pid; error_log stderr warn;\nevents {}\nhttp { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; include ${dir}/bandeau.conf; }\n`,
      );
      return startProxy('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], lbPort);
    },
  },
  {
    name: 'HAProxy',
    async start(dir: string, lbPort: number, adminPort: number, bridges: BridgeProcess[], cert: { crt: string; key: string }): Promise<Proxy> {
      const pem = path.join(dir, 'cti.pem');
      writeFileSync(pem, readFileSync(cert.crt, 'utf8') + readFileSync(cert.key, 'utf8'));
      const cfg = render('haproxy-bandeau.cfg', [
        ['bind :443 ssl crt /etc/haproxy/tls/cti.example.com.pem', `bind 127.0.0.1:${lbPort} ssl crt ${pem}`],
        ['10.0.0.11:8788 check port 8789', `127.0.0.1:${bridges[0]!.port} check port ${bridges[0]!.adminPort}`],
        ['10.0.0.12:8788 check port 8789', `127.0.0.1:${bridges[1]!.port} check port ${bridges[1]!.adminPort}`],
        ['10.0.0.11:8789', `127.0.0.1:${bridges[0]!.adminPort}`],
        ['10.0.0.12:8789', `127.0.0.1:${bridges[1]!.adminPort}`],
        ['bind 10.0.0.10:8789', `bind 127.0.0.1:${adminPort}`],
        ['change-me-admin-token-0123456789', ADMIN_TOKEN],
      ]);
      writeFileSync(path.join(dir, 'haproxy.cfg'), cfg);
      return startProxy('/usr/sbin/haproxy', ['-db', '-f', path.join(dir, 'haproxy.cfg')], lbPort);
    },
  },
];

describe.each(PROXIES)('two bridges behind $name (bridge/deploy example config)', (proxyKind) => {
  let dir: string;
  let proxy: Proxy;
  const bridges: BridgeProcess[] = [];
  const agents: Agent[] = [];
  let lbPort: number;
  let lbAdminPort: number;

  beforeAll(async () => {
    await run('bash', [path.join(ROOT, 'test/services/proxies.sh'), 'install']);
    redisSh('start');
    const redisUrl = redisSh('url');
    dir = mkdtempSync(path.join(tmpdir(), 'bandeau-lb-'));
    const cert = { crt: path.join(dir, 'cti.crt'), key: path.join(dir, 'cti.key') };
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', cert.key, '-out', cert.crt, '-days', '1', '-subj', '/CN=127.0.0.1']);
    lbPort = await freePort();
    lbAdminPort = await freePort();
    const keyPrefix = `lb${randomBytes(4).toString('hex')}:`;
    for (let i = 0; i < 2; i++) {
      bridges.push(
        await startBridgeProcess({
          config: {
            secret: SECRET,
            allowedOrigins: [ORIGIN],
            // Browsers name the proxy's host and port: the bridge checks Host against it.
            publicUrl: `https://127.0.0.1:${lbPort}`,
            admin: { token: ADMIN_TOKEN },
            // The proxy's address: agents are counted under their own (X-Forwarded-For).
            limits: { trustedProxies: ['127.0.0.1'] },
            redis: { url: redisUrl, keyPrefix },
          },
        }),
      );
    }
    proxy = await proxyKind.start(dir, lbPort, lbAdminPort, bridges, cert);
  }, 120_000);

  afterAll(async () => {
    for (const a of agents) a.socket.disconnect();
    await proxy?.stop();
    for (const b of bridges) await b.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spreads agents over both instances, keeps a polling client on one, and passes a revocation to the instance that holds the agent', async () => {
    // Client addresses until each instance holds at least two agents (the hash decides).
    for (let userId = 1; userId <= 40; userId++) {
      agents.push(await connectAgent(lbPort, userId, 'websocket'));
      if (agents.length >= 6 && (await agentsOn(bridges[0]!)) >= 2 && (await agentsOn(bridges[1]!)) >= 2) break;
    }
    const counts = [await agentsOn(bridges[0]!), await agentsOn(bridges[1]!)];
    expect(counts[0]! + counts[1]!).toBe(agents.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);

    // Long polling: handshake, then many GET/POST requests that must all reach the same instance.
    const poller = await connectAgent(lbPort, 50, 'polling');
    agents.push(poller);
    expect(poller.socket.io.engine.transport.name).toBe('polling');
    for (let i = 0; i < 3; i++) {
      const status = i % 2 === 0 ? 'busy' : 'available';
      poller.socket.emit(CLIENT_EVENT, { type: 'agent.setStatus', status, ref: `s${i}` });
      await until(() => poller.messages.some((m) => m.type === 'ack' && m.ref === `s${i}`), 5_000, () => `no ack for s${i}: ${JSON.stringify(poller.messages.slice(-3))}`);
    }
    expect(poller.errors).toEqual([]);
    expect(poller.snapshots).toBe(1);

    // Magento posts a revocation to one admin URL: to the instance that does NOT hold the agent
    // (passed on through Redis), and to the proxy's balanced admin URL.
    const victims = bridges.map((b) => agents.find((a) => a !== poller && holds(b, a))!);
    const adminUrls = [bridges[1]!.adminUrl!, `http://127.0.0.1:${lbAdminPort}`];
    for (const [i, victim] of victims.entries()) {
      const body = JSON.stringify({ userId: victim.userId, notBefore: nextTokenId(), reason: 'logout', ts: Math.floor(Date.now() / 1000) });
      const r = await fetch(`${adminUrls[i]}/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [REVOCATION_SIGNATURE_HEADER]: signRevocation(SECRET, body) },
        body,
      });
      expect(r.status).toBe(200);
      await until(
        () => victim.messages.some((m) => m.type === 'error' && m.code === 'token_revoked'),
        5_000,
        () => `agent ${victim.userId} was not told of the revocation: ${JSON.stringify(victim.messages.slice(-3))}`,
      );
      victim.socket.disconnect();
      agents.splice(agents.indexOf(victim), 1);
    }
  });

  it('brings the agents of a SIGKILLed instance back through the proxy within 5 s, with the status they had set', async () => {
    const holder = (await agentsOn(bridges[0]!)) >= (await agentsOn(bridges[1]!)) ? 0 : 1;
    const survivor = bridges[1 - holder]!;
    // Every agent says "away" first: a state the survivor can only know from Redis.
    for (const a of agents) {
      a.socket.emit(CLIENT_EVENT, { type: 'agent.setStatus', status: 'away', ref: 'away' });
      await until(() => a.messages.some((m) => m.type === 'ack' && m.ref === 'away'), 5_000, () => `agent ${a.userId}: no ack for away`);
    }
    const before = new Map(agents.map((a) => [a.userId, a.snapshots]));
    const t0 = Date.now();
    await bridges[holder]!.kill('SIGKILL');
    await until(
      async () => agents.every((a) => a.socket.connected) && (await agentsOn(survivor)) === agents.length,
      15_000,
      () => `not every agent came back: ${agents.filter((a) => !a.socket.connected).map((a) => a.userId).join(', ')}`,
    );
    const recoveredMs = Date.now() - t0;
    const moved = agents.filter((a) => a.snapshots > before.get(a.userId)!);
    console.log(`${proxyKind.name}: ${moved.length} agents of the killed instance back through the proxy in ${recoveredMs} ms`);
    expect(moved.length).toBeGreaterThan(0);
    expect(recoveredMs).toBeLessThan(5_000);
    for (const a of moved) expect(lastSnapshot(a).agent.status).toBe('away');
  });
});

/** Whether the instance holds the agent's socket now, from its log (pino lines "agent connected" / "agent disconnected"). */
function holds(b: BridgeProcess, a: Agent): boolean {
  let open = 0;
  for (const line of b.logs().split('\n')) {
    if (!line.includes(`"userId":${a.userId},`)) continue;
    if (line.includes('"msg":"agent connected"')) open++;
    else if (line.includes('"msg":"agent disconnected"')) open--;
  }
  return open > 0;
}
