/**
 * Issue 14, finding 4: the abuse limits cost nothing measurable on the normal path. Commands per
 * second through a real BridgeServer and real socket.io clients, limits on (the defaults) and
 * off, in the same run, rounds alternating so machine load hits both alike.
 *
 * The normal path is what agents do: AGENTS agents each send a burst of PER_AGENT commands (under
 * the default 30 a second) and wait for every ack; between rounds the buckets refill. The "on"
 * server must refuse none of them, else the figure would not be the normal path.
 */
import { io, type Socket } from 'socket.io-client';
import { CLIENT_FEATURES } from '../../bridge/src/protocol/clientFeatures';
import { BridgeConfig } from '../../bridge/src/config';
import { createLogger } from '../../bridge/src/logger';
import { BridgeServer } from '../../bridge/src/server';
import { mintAgentToken } from '../../bridge/src/auth/mintToken';
import { CLIENT_EVENT, SERVER_EVENT, type ServerMessage } from '../../bridge/src/protocol/messages';
import { summarize, table } from './stats';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const ORIGIN = 'http://admin.example.test';
const AGENTS = 100;
const PER_AGENT = 25;
const ROUNDS = 16;

interface Side {
  name: string;
  server: BridgeServer;
  clients: Socket[];
  refused: number;
  rates: number[];
}

async function side(name: string, limits: boolean): Promise<Side> {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: SECRET, allowedOrigins: [ORIGIN], limits: { enabled: limits } });
  const server = new BridgeServer({ config, logger: createLogger('silent'), callControl: { execute: async () => ({}) } });
  const port = await server.start();
  const s: Side = { name, server, clients: [], refused: 0, rates: [] };
  for (let i = 0; i < AGENTS; i++) {
    const { token } = await mintAgentToken({ secret: SECRET, userId: 1000 + i, name: `Agent ${i}`, extension: String(7000 + i), permissions: ['phone_bar', 'dial'], ttlS: 3600 });
    const c = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { token, features: [...CLIENT_FEATURES] }, reconnection: false, forceNew: true, extraHeaders: { origin: ORIGIN } });
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    s.clients.push(c);
  }
  return s;
}

/** One round: every agent sends its burst; the time until the last ack. */
async function round(s: Side, r: number): Promise<void> {
  let pending = AGENTS * PER_AGENT;
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    const onMsg = (m: ServerMessage) => {
      if (m.type !== 'ack' && m.type !== 'error') return;
      if (m.type === 'error' && m.code === 'rate_limited') s.refused++;
      if (--pending === 0) resolve();
    };
    for (const c of s.clients) c.on(SERVER_EVENT, onMsg);
    for (const c of s.clients) for (let i = 0; i < PER_AGENT; i++) c.emit(CLIENT_EVENT, { type: 'call.hold', ref: `r${r}-${i}`, callId: 'c1', hold: i % 2 === 0 });
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const c of s.clients) c.off(SERVER_EVENT);
  s.rates.push((AGENTS * PER_AGENT) / seconds);
}

export async function run(): Promise<void> {
  const on = await side('limits on (defaults)', true);
  const off = await side('limits off', false);
  // A warm-up round each, not counted.
  await round(on, -1);
  await round(off, -1);
  on.rates.length = 0;
  off.rates.length = 0;
  for (let r = 0; r < ROUNDS; r++) {
    // Buckets back to full, then both sides, in alternating order.
    await new Promise((res) => setTimeout(res, 1_100));
    const order = r % 2 === 0 ? [on, off] : [off, on];
    for (const s of order) await round(s, r);
  }
  const rows = [on, off].map((s) => {
    const x = summarize(s.rates);
    return [s.name, x.p50.toFixed(0), x.min.toFixed(0), x.max.toFixed(0), String(s.refused)];
  });
  console.log(`${AGENTS} agents × ${PER_AGENT} commands per round, ${ROUNDS} rounds (commands per second, ack received)`);
  console.log(table(['server', 'p50 cmd/s', 'min', 'max', 'refused'], rows));
  const ratio = summarize(on.rates).p50 / summarize(off.rates).p50;
  console.log(`ratio on/off (p50): ${ratio.toFixed(3)} (goal ≈ 1.0; refused on the normal path must be 0)`);
  for (const s of [on, off]) {
    for (const c of s.clients) c.close();
    await s.server.stop();
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
