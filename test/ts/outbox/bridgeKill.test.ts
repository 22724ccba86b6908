/**
 * The real bridge (`bandeau-bridge start`, run from source) fed by an AMI test peer, killed with
 * SIGKILL during a burst of calls and started again on the same outbox file. The records it had
 * acknowledged are the rows of its outbox file at the moment of the kill; every one of them, and
 * every call ended after the restart, must be stored exactly once by the contract endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboxStore } from '../../../bridge/src/outbox/store';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { metric, registerAdminUrl } from '../helpers/bridgeHarness';
import { ROOT, spawnEndpoint, waitFor, type EndpointProcess } from './support/processes';

jest.setTimeout(120_000);

const TOKEN = 'bridge-kill-token';
let dir: string;
let peer: AmiTestPeer;
let endpoint: EndpointProcess;
let bridge: ChildProcess | undefined;

interface Bridge {
  proc: ChildProcess;
  url: string;
}

/** bandeau-bridge start --config FILE, from the TypeScript source; resolves once it listens and the PBX link is up. */
async function startBridge(config: string): Promise<Bridge> {
  const proc = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', "require('./bridge/src/cli').main(['node', 'bandeau-bridge', ...process.argv.slice(1)])", 'start', '--config', config], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bridge = proc;
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const lines = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; port?: number });
  const port = await waitFor(`the bridge to listen (${err.slice(-500)})`, () => {
    if (proc.exitCode !== null) throw new Error(`bridge exited ${proc.exitCode}: ${err}${out}`);
    return lines().find((l) => l.msg === 'bridge listening')?.port;
  }, 30_000);
  await waitFor('the PBX link', () => lines().some((l) => l.msg === 'PBX link up') && peer.clients > 0, 30_000);
  // Metrics are on the admin listener (a free port, as the agents' one).
  const adminPort = await waitFor('the admin listener', () => lines().find((l) => l.msg === 'admin listening')?.port, 30_000);
  registerAdminUrl(`http://127.0.0.1:${port}`, `http://127.0.0.1:${adminPort}`);
  return { proc, url: `http://127.0.0.1:${port}` };
}

/** Rings, answers and hangs up calls at a steady rate while `go()` holds; returns the ids ended. */
async function callBurst(n: number, perSecond: number, go: () => boolean = () => true): Promise<string[]> {
  const ended: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < n && go(); i++) {
    const wait = t0 + (i * 1000) / perSecond - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!go()) break;
    const id = peer.ringInbound({ from: `+3361200${String(i).padStart(4, '0')}`, toExtension: '7005' });
    peer.answer(id, '7005');
    peer.hangup(id);
    ended.push(id);
  }
  return ended;
}

function outboxIds(file: string): { all: string[]; delivered: string[] } {
  const store = new OutboxStore(file, { readonly: true });
  try {
    const rows = store.list();
    return { all: rows.map((r) => r.callId), delivered: rows.filter((r) => r.status === 'delivered').map((r) => r.callId) };
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-bridge-kill-'));
  peer = new AmiTestPeer();
  await peer.start();
  endpoint = await spawnEndpoint(TOKEN);
});
afterAll(async () => {
  if (bridge && bridge.exitCode === null) bridge.kill('SIGKILL');
  await peer?.stop();
  await endpoint?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('bandeau-bridge killed with SIGKILL during a burst of calls, then restarted: every acknowledged call stored once', async () => {
  const outboxFile = path.join(dir, 'outbox.sqlite');
  const config = path.join(dir, 'bridge.json');
  writeFileSync(
    config,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      secret: 'k'.repeat(40),
      allowedOrigins: ['https://admin.shop.test'],
      log: { level: 'info' },
      ami: { host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret' },
      callLog: { path: outboxFile, rest: { url: endpoint.url, token: TOKEN }, retry: { minDelayMs: 20, maxDelayMs: 250 }, pollIntervalMs: 100 },
    }),
  );
  // A slow Magento keeps records waiting in the outbox when the bridge dies.
  await endpoint.set({ delayMs: 200 });
  let first = await startBridge(config);
  let alive = true;
  const burst = callBurst(400, 100, () => alive);
  await waitFor('calls delivered while the bridge runs', async () => (await endpoint.stats()).storedIds.length >= 20);
  await waitFor('calls waiting in the outbox', () => outboxIds(outboxFile).all.length >= (outboxIds(outboxFile).delivered.length + 20));
  first.proc.kill('SIGKILL');
  await new Promise((r) => first.proc.once('exit', r));
  alive = false;
  await burst;
  const acknowledged = outboxIds(outboxFile).all;
  const storedAtKill = (await endpoint.stats()).storedIds.length;
  expect(storedAtKill).toBeLessThan(acknowledged.length);

  await endpoint.set({ delayMs: 0 });
  first = await startBridge(config);
  const after = await callBurst(100, 100);
  await waitFor('every call after the restart in the outbox', () => {
    const ids = new Set(outboxIds(outboxFile).all);
    return after.every((id) => ids.has(id));
  });
  await waitFor('the outbox to drain', async () => (await metric(first.url, 'bandeau_outbox_pending')) === 0, 60_000);
  expect(await metric(first.url, 'bandeau_outbox_failed')).toBe(0);

  const final = outboxIds(outboxFile);
  const stats = await endpoint.stats();
  expect(final.delivered.length).toBe(final.all.length);
  expect(stats.storedIds.length).toBe(final.all.length);
  expect(new Set(stats.storedIds)).toEqual(new Set(final.all));
  for (const id of [...acknowledged, ...after]) expect(stats.accepted[id]).toBeGreaterThanOrEqual(1);
  first.proc.kill('SIGTERM');
  await new Promise((r) => first.proc.once('exit', r));
});
