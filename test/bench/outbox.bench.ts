/**
 * Call-log outbox throughput (issues 6, 18): records per second written durably to the outbox, and
 * delivered end to end to the contract HTTP endpoint (its own process) and to RabbitMQ, each as a
 * ratio against a baseline run in the same process: a bare POST loop to the same endpoint, a bare
 * confirmed publish to the same exchange, at the same concurrency. Printed with the disk-sync
 * policy used and, per record, the enqueue commits (each a WAL fsync under 'full': records
 * waiting together share one, the group commit) and the delivery bookkeeping transactions.
 * Figures only; no test asserts on them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'amqplib';
import { createLogger } from '../../bridge/src/logger';
import { CallLogConfig, Outbox, openCallLog, toContractCall, type CallLog, type CommitCounts, type ContractCall, type Transport } from '../../bridge/src/outbox';
import { messageBody, messageId } from '../../bridge/src/outbox/amqp';
import { OutboxStore } from '../../bridge/src/outbox/store';
import type { OutboxSync } from '../../bridge/src/outbox/config';
import { purgeQueue } from '../ts/outbox/support/amqpConsumer';
import { RABBITMQ_URL, rabbitmq, spawnEndpoint, type EndpointProcess } from '../ts/outbox/support/processes';
import { burstRecord } from '../ts/outbox/support/records';
import { summarize, table } from './stats';

const TOKEN = 'bench-token';
const N = Number(process.env.BENCH_OUTBOX_RECORDS ?? 1000);
const RUNS = Number(process.env.BENCH_OUTBOX_RUNS ?? 3);
const CONCURRENCY = 8;
const QUEUE = 'bandeau.call.record';
const logger = createLogger('silent');

let seq = 0;
/** Contract calls (valid by construction: toContractCall of model records). */
const calls = (n: number) => Array.from({ length: n }, () => toContractCall(burstRecord(`bench${process.pid}`, seq++)) as ContractCall);

/** Runs `fn` once to warm up (connections, JIT), then RUNS times; records/s of each measured run. */
async function rates(n: number, fn: (dir: string) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let r = -1; r < RUNS; r++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-bench-'));
    try {
      const t0 = process.hrtime.bigint();
      await fn(dir);
      if (r >= 0) out.push(n / (Number(process.hrtime.bigint() - t0) / 1e9));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

function openLog(dir: string, sync: OutboxSync, transport: Record<string, unknown>): CallLog {
  return openCallLog(CallLogConfig.parse({ path: path.join(dir, 'outbox.sqlite'), sync, concurrency: CONCURRENCY, retry: { minDelayMs: 10, maxDelayMs: 200 }, ...transport }), { logger });
}

/** The commits of the last measured run (rates() keeps the figures of each run, this the counts). */
let commits: CommitCounts = { durable: 0, records: 0, bookkeeping: 0 };

/** Enqueue every record as the bridge does (not awaited one by one), deliver them, until the outbox is idle. */
async function throughOutbox(dir: string, sync: OutboxSync, transport: Record<string, unknown>): Promise<void> {
  const log = openLog(dir, sync, transport);
  await Promise.all(calls(N).map((c) => log.outbox.enqueue(c)));
  await log.outbox.idle();
  const counts = log.outbox.store.counts();
  commits = { ...log.outbox.store.commits };
  await log.stop();
  if (counts.delivered !== N) throw new Error(`bench: ${counts.delivered} of ${N} delivered`);
}

/** For the enqueue rows: an outbox that is never started, so nothing is delivered. */
const noTransport: Transport = { name: 'rest', deliver: async () => ({ ok: true }), close: async () => undefined };

/** Writes N records through Outbox.enqueue: all waiting at once (group commit), or each awaited before the next. */
async function enqueueOnly(dir: string, sync: OutboxSync, oneByOne: boolean): Promise<void> {
  const outbox = new Outbox({ store: new OutboxStore(path.join(dir, 'o.sqlite'), { sync }), transport: noTransport, logger });
  if (oneByOne) for (const c of calls(N)) await outbox.enqueue(c);
  else await Promise.all(calls(N).map((c) => outbox.enqueue(c)));
  commits = { ...outbox.store.commits };
  await outbox.stop();
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  /** base: the baseline's median (prints the ratio), 'baseline' for a baseline row, none for an absolute figure. */
  const row = (what: string, sync: string, r: number[], base?: number | 'baseline') => {
    const s = summarize(r);
    const ratio = base === undefined ? '-' : base === 'baseline' ? 'baseline' : `${(s.p50 / base).toFixed(2)}×`;
    // Commits of the last run of an outbox row: enqueue commits (WAL fsyncs under 'full') and bookkeeping transactions per record.
    const perRecord = (n: number) => (n / N).toFixed(3);
    const fsyncs = sync === 'full' ? perRecord(commits.durable) : sync === 'normal' ? '0' : '-';
    const counted = sync === '-' ? ['-', '-', '-'] : [perRecord(commits.durable), fsyncs, perRecord(commits.bookkeeping)];
    rows.push([what, sync, String(N), s.p50.toFixed(0), `${s.min.toFixed(0)}–${s.max.toFixed(0)}`, ratio, ...counted]);
    return s.p50;
  };

  // 1. The durable write alone (what the AMI event path pays), per disk-sync policy: records
  // arriving together (a burst: one group commit), and one at a time, each awaited (a commit each).
  for (const sync of ['full', 'normal'] as const) row('enqueue only, burst (SQLite WAL)', sync, await rates(N, (dir) => enqueueOnly(dir, sync, false)));
  row('enqueue only, one at a time', 'full', await rates(N, (dir) => enqueueOnly(dir, 'full', true)));

  // 2. REST to the contract endpoint (a separate process).
  const endpoint: EndpointProcess = await spawnEndpoint(TOKEN);
  try {
    const url = `${endpoint.url}/V1/bandeau/calls`;
    const base = row('bare POST loop (baseline)', '-', await rates(N, () =>
      pool(calls(N), CONCURRENCY, async (call) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ call }) });
        await res.text();
        if (!res.ok) throw new Error(`bench: HTTP ${res.status}`);
      })), 'baseline');
    for (const sync of ['full', 'normal'] as const) {
      row('outbox → REST', sync, await rates(N, (dir) => throughOutbox(dir, sync, { transport: 'rest', rest: { url: endpoint.url, token: TOKEN } })), base);
    }
  } finally {
    await endpoint.stop();
  }

  // 3. RabbitMQ (test/services/rabbitmq.sh).
  let mq = true;
  try {
    await rabbitmq('start');
    await purgeQueue(RABBITMQ_URL, QUEUE);
  } catch (err) {
    mq = false;
    rows.push(['RabbitMQ', '-', '-', 'skipped', (err as Error).message.split('\n')[0] ?? '', '-', '-', '-', '-']);
  }
  if (mq) {
    const conn = await connect(RABBITMQ_URL);
    const ch = await conn.createConfirmChannel();
    await ch.assertExchange('magento', 'topic', { durable: true });
    const base = row('bare confirmed publish (baseline)', '-', await rates(N, () =>
      pool(calls(N), CONCURRENCY, (call) =>
        new Promise<void>((resolve, reject) => {
          const body = messageBody(call);
          ch.publish('magento', QUEUE, body, { persistent: true, mandatory: true, messageId: messageId(call, body) }, (err: unknown) => (err ? reject(err) : resolve()));
        }))), 'baseline');
    await conn.close();
    for (const sync of ['full', 'normal'] as const) {
      row('outbox → RabbitMQ', sync, await rates(N, (dir) => throughOutbox(dir, sync, { transport: 'amqp', amqp: { url: RABBITMQ_URL } })), base);
    }
    await purgeQueue(RABBITMQ_URL, QUEUE);
  }

  console.log(`call-log outbox, ${N} records a run, ${RUNS} runs, concurrency ${CONCURRENCY} (records/s: median, min–max)`);
  console.log('disk-sync policy: full = WAL fsynced at every enqueue commit (survives power loss); normal = WAL synced at checkpoints (survives a process crash)');
  console.log('per record (last run): enqueue commits (records waiting together share one), WAL fsyncs they cost, delivery bookkeeping transactions (never synced)');
  console.log(table(['path', 'sync', 'records', 'records/s', 'range', 'vs baseline', 'commits/rec', 'fsyncs/rec', 'bookkeeping tx/rec'], rows));
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
