/** Real processes for the outbox fault tests: the contract endpoint, the outbox child, RabbitMQ. */
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { EndpointBehaviour, EndpointStats } from './contractEndpoint';
import type { ChildConfig } from './outboxChild';

export const ROOT = path.resolve(__dirname, '../../../..');
const TSX = ['--require', require.resolve('tsx/cjs')];

import { waitFor } from '../../helpers/waitFor';

export { waitFor };

export interface EndpointProcess {
  proc: ChildProcess;
  url: string;
  stats(): Promise<EndpointStats>;
  stored(): Promise<Record<string, Record<string, unknown>>>;
  down(): Promise<void>;
  up(): Promise<void>;
  set(b: EndpointBehaviour): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnEndpoint(token: string): Promise<EndpointProcess> {
  const proc = fork(path.join(__dirname, 'endpointProcess.ts'), [], { execArgv: TSX, env: { ...process.env, ENDPOINT_TOKEN: token }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`endpoint process exited with ${code}`)));
    proc.on('message', (m: { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) resolve({ url: m.url as string });
      else if (m.id !== undefined) {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.error) w?.reject(new Error(m.error));
        else w?.resolve(m.result);
      }
    });
  });
  const { url } = await ready;
  const call = <T>(cmd: string, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      proc.send({ id, cmd, arg });
    });
  return {
    proc,
    url,
    stats: () => call('stats'),
    stored: () => call('stored'),
    down: () => call('down'),
    up: () => call('up'),
    set: (b) => call('set', b),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

export interface OutboxChildProcess {
  proc: ChildProcess;
  /** Call ids the child reported as durably enqueued, in order. */
  enqueued: string[];
  events: Array<Record<string, unknown>>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  event(name: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Clean stop (stdin "exit"), waiting for the process to end. */
  exit(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function spawnOutboxChild(config: ChildConfig): OutboxChildProcess {
  const proc = spawn(process.execPath, [...TSX, path.join(__dirname, 'outboxChild.ts')], {
    cwd: ROOT,
    env: { ...process.env, OUTBOX_CHILD: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const enqueued: string[] = [];
  const events: Array<Record<string, unknown>> = [];
  let buf = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith('E ')) enqueued.push(line.slice(2));
      else if (line.startsWith('{')) events.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  let dead = false;
  void exited.then(() => (dead = true));
  return {
    proc,
    enqueued,
    events,
    stderr: () => err,
    exited,
    event: (name, timeoutMs = 60_000) =>
      waitFor(`child event "${name}" (stderr: ${err.slice(-500)})`, () => {
        if (dead && !events.some((e) => e.event === name)) throw new Error(`outbox child exited before "${name}": ${err.slice(-1000)}`);
        return events.find((e) => e.event === name);
      }, timeoutMs),
    async exit() {
      if (dead) return;
      proc.stdin.write('exit\n');
      await exited;
    },
    async kill(signal) {
      if (dead) return;
      proc.kill(signal);
      await exited;
    },
  };
}

/** bash test/services/rabbitmq.sh <cmd> */
export function rabbitmq(cmd: 'start' | 'stop' | 'status' | 'url'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(ROOT, 'test/services/rabbitmq.sh'), cmd], { timeout: 180_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`rabbitmq.sh ${cmd} failed: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

export const RABBITMQ_URL = `amqp://guest:guest@127.0.0.1:${process.env.BANDEAU_RABBITMQ_PORT ?? '24672'}`;
