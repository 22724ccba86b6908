/**
 * Call-log outbox throughput (issues 6, 18): records per second written durably to the outbox, and
 * delivered end to end to the contract HTTP endpoint (its own process) and to RabbitMQ, each as a
 * ratio against a baseline run in the same process: a bare POST loop to the same endpoint, a bare
 * confirmed publish to the same exchange, at the same concurrency; and against a second baseline,
 * the same loop sending as the outbox's transport does (its fetch options; its publishes of a turn
 * in one socket write), which leaves the outbox's own work in the ratio. Printed with the disk-sync
 * policy used and, per record, the enqueue commits (each a WAL fsync under 'full': records
 * waiting together share one, the group commit) and the delivery bookkeeping transactions.
 * Paths run in rounds (baseline included) so they meet the same load; each is timed from its first
 * record to its last one delivered (the outbox file is opened and the link up before, as a running
 * bridge has them), with the event loop's busy time per record beside it (less at the mercy of
 * other load than the rate). A backlog row times records already in the file when delivery
 * starts (after an outage or a restart), read back from it. Figures only; no test asserts on them.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { connect } from 'amqplib';
import { createLogger } from '../../bridge/src/logger';
import { CallLogConfig, Outbox, createTransport, openCallLog, toContractCall, type CallLog, type CommitCounts, type ContractCall, type Transport } from '../../bridge/src/outbox';
import { messageBody, messageId, messageProperties, writeCoalescer } from '../../bridge/src/outbox/amqp';
import { OutboxStore } from '../../bridge/src/outbox/store';
import type { OutboxSync } from '../../bridge/src/outbox/config';
import { purgeQueue } from '../ts/outbox/support/amqpConsumer';
import { RABBITMQ_URL, rabbitmq, spawnEndpoint, type EndpointProcess } from '../ts/outbox/support/processes';
import { burstRecord } from '../ts/outbox/support/records';
import type { StoreLoadRequest } from './outbox/storeLoad';
import { summarize, table } from './stats';

const TOKEN = 'bench-token';
const N = Number(process.env.BENCH_OUTBOX_RECORDS ?? 1000);
// Paired ratios vary a lot on a shared machine: enough rounds for a median that holds.
const RUNS = Number(process.env.BENCH_OUTBOX_RUNS ?? 25);
const CONCURRENCY = 8;
const QUEUE = 'bandeau.call.record';
/**
 * Records an outbox writes before it is timed: a running bridge's outbox is warm (its writer
 * thread started and compiled, as the baseline's code is by the warm-up round), and its file
 * holds recent records.
 */
const WARM = 500;
const logger = createLogger('silent');

let seq = 0;
/** Contract calls (valid by construction: toContractCall of model records). */
const calls = (n: number) => Array.from({ length: n }, () => toContractCall(burstRecord(`bench${process.pid}`, seq++)) as ContractCall);

/** One path of the bench: records/s of each measured run, and the commits of its last run (outbox paths). */
interface Measured {
  rates: number[];
  /** Event-loop busy time per record (µs) of each measured run: what the path costs the bridge's one thread, load aside. */
  loop: number[];
  commits?: CommitCounts;
}

/** Lets a path time only part of its run (an outbox opened and closed outside the figure). */
interface Clock {
  start(): void;
  stop(): void;
}

/**
 * Runs the paths in rounds, once to warm up (connections, JIT), then RUNS rounds, each path once
 * a round and the first one turning, so that a baseline and the paths compared with it meet the
 * same load (this machine is shared). A path is timed from clock.start() (or its beginning) to
 * clock.stop() (or its end); an outbox path returns its commit counts.
 */
async function rounds(n: number, paths: Array<(dir: string, clock: Clock) => Promise<CommitCounts | void>>): Promise<Measured[]> {
  const out: Measured[] = paths.map(() => ({ rates: [], loop: [] }));
  for (let r = -1; r < RUNS; r++) {
    for (let k = 0; k < paths.length; k++) {
      const i = (k + Math.max(r, 0)) % paths.length;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-bench-'));
      try {
        let t0 = process.hrtime.bigint();
        let t1: bigint | undefined;
        let elu0 = performance.eventLoopUtilization();
        let elu: EventLoopUtilization | undefined;
        const start = () => {
          t0 = process.hrtime.bigint();
          elu0 = performance.eventLoopUtilization();
        };
        const stop = () => {
          t1 = process.hrtime.bigint();
          elu = performance.eventLoopUtilization(elu0);
        };
        const commits = await paths[i]!(dir, { start, stop });
        const rate = n / (Number((t1 ?? process.hrtime.bigint()) - t0) / 1e9);
        if (r >= 0) {
          out[i]!.rates.push(rate);
          out[i]!.loop.push(((elu ?? performance.eventLoopUtilization(elu0)).active * 1000) / n);
          if (commits) out[i]!.commits = commits;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
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

const logConfig = (dir: string, sync: OutboxSync, transport: Record<string, unknown>): CallLogConfig =>
  CallLogConfig.parse({ path: path.join(dir, 'outbox.sqlite'), sync, concurrency: CONCURRENCY, retry: { minDelayMs: 10, maxDelayMs: 200 }, ...transport });

function openLog(dir: string, sync: OutboxSync, transport: Record<string, unknown>): CallLog {
  return openCallLog(logConfig(dir, sync, transport), { logger });
}

/**
 * Enqueue every record as the bridge does (not awaited one by one), deliver them, until the outbox
 * is idle: timed from the first enqueue to the last delivery settled. As a running bridge has
 * them, the file is open, warm (WARM records delivered first) and the link is up before (the
 * broker connection and channel, as the baseline's, are not part of the figure); closed after.
 */
async function throughOutbox(dir: string, sync: OutboxSync, transport: Record<string, unknown>, clock: Clock): Promise<CommitCounts> {
  const log = openLog(dir, sync, transport);
  await Promise.all(calls(WARM).map((c) => log.outbox.enqueue(c)));
  await log.outbox.idle();
  const before = { ...log.outbox.store.commits };
  const records = calls(N);
  clock.start();
  await Promise.all(records.map((c) => log.outbox.enqueue(c)));
  await log.outbox.idle();
  clock.stop();
  const counts = log.outbox.store.counts();
  const after = log.outbox.store.commits;
  const commits = commitsSince(before, after);
  await log.stop();
  if (counts.delivered !== N + WARM) throw new Error(`bench: ${counts.delivered - WARM} of ${N} delivered`);
  return commits;
}

/**
 * A backlog: N records already in the file when delivery starts, as a bridge finds them after an
 * outage of Magento or the broker, or a restart. They are read back from the file (not handed
 * over as they are written): timed from start() to the last delivery settled. The link is up
 * before (WARM records sent through it), as the other paths have it.
 */
async function backlogThroughOutbox(dir: string, sync: OutboxSync, transport: Record<string, unknown>, clock: Clock): Promise<CommitCounts> {
  const config = logConfig(dir, sync, transport);
  const link = createTransport(config);
  const outbox = new Outbox({ store: new OutboxStore(config.path, { sync, groupSync: true }), transport: link, logger, concurrency: CONCURRENCY, retry: config.retry });
  await pool(calls(WARM), CONCURRENCY, async (call) => {
    const outcome = await link.deliver(call);
    if (!outcome.ok) throw new Error(`bench: warm-up delivery failed: ${outcome.reason}`);
  });
  await Promise.all(calls(N).map((c) => outbox.enqueue(c)));
  const before = { ...outbox.store.commits };
  clock.start();
  outbox.start();
  await outbox.idle();
  clock.stop();
  const counts = outbox.store.counts();
  const commits = commitsSince(before, outbox.store.commits);
  await outbox.stop();
  if (counts.delivered !== N) throw new Error(`bench: ${counts.delivered} of ${N} delivered from the backlog`);
  return commits;
}

const commitsSince = (before: CommitCounts, after: CommitCounts): CommitCounts => ({
  durable: after.durable - before.durable,
  records: after.records - before.records,
  bookkeeping: after.bookkeeping - before.bookkeeping,
  fsyncs: after.fsyncs - before.fsyncs,
  checkpoints: after.checkpoints - before.checkpoints,
});

/** For the enqueue rows: an outbox that is never started, so nothing is delivered. */
const noTransport: Transport = { name: 'rest', deliver: async () => ({ ok: true }), close: async () => undefined };

interface StoreLoad {
  run(req: StoreLoadRequest): Promise<void>;
  stop(): void;
}

/** The child process of outbox/storeLoad.ts, ready for requests. */
async function storeLoad(): Promise<StoreLoad> {
  const proc = fork(path.join(__dirname, 'outbox', 'storeLoad.ts'), [], { execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: { resolve: () => void; reject: (err: Error) => void } | undefined;
  const next = () => new Promise<void>((resolve, reject) => (waiting = { resolve, reject }));
  proc.on('message', (m: { ready?: boolean; done?: boolean; error?: string }) => (m.error ? waiting?.reject(new Error(`bench: store load: ${m.error}`)) : waiting?.resolve()));
  proc.on('exit', (code) => waiting?.reject(new Error(`bench: store load exited with ${code}`)));
  await next();
  return {
    run(req) {
      const done = next();
      proc.send(req);
      return done;
    },
    stop: () => proc.disconnect(),
  };
}

/** Writes N records through Outbox.enqueue: all waiting at once (group commit), or each awaited before the next. */
async function enqueueOnly(dir: string, sync: OutboxSync, oneByOne: boolean, clock: Clock): Promise<CommitCounts> {
  const outbox = new Outbox({ store: new OutboxStore(path.join(dir, 'o.sqlite'), { sync, groupSync: true }), transport: noTransport, logger });
  await Promise.all(calls(WARM).map((c) => outbox.enqueue(c)));
  const before = { ...outbox.store.commits };
  const records = calls(N);
  clock.start();
  if (oneByOne) for (const c of records) await outbox.enqueue(c);
  else await Promise.all(records.map((c) => outbox.enqueue(c)));
  clock.stop();
  const after = outbox.store.commits;
  const commits = commitsSince(before, after);
  await outbox.stop();
  return commits;
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  /** base: the baseline measured in the same rounds (prints the median of the paired ratios), 'baseline' for a baseline row, none for an absolute figure. */
  const row = (what: string, sync: string, m: Measured, base?: Measured | 'baseline') => {
    const s = summarize(m.rates);
    const ratio = base === undefined ? '-' : base === 'baseline' ? 'baseline' : `${summarize(m.rates.map((r, i) => r / base.rates[i]!)).p50.toFixed(2)}×`;
    // Per record, in the last run: enqueue commits (WAL fsyncs under 'full') and bookkeeping transactions.
    const c = m.commits;
    const perRecord = (x: number) => (x / N).toFixed(3);
    const counted = c ? [perRecord(c.durable), perRecord(c.fsyncs), perRecord(c.bookkeeping)] : ['-', '-', '-'];
    rows.push([what, sync, String(N), s.p50.toFixed(0), `${s.min.toFixed(0)}–${s.max.toFixed(0)}`, ratio, summarize(m.loop).p50.toFixed(0), ...counted]);
  };

  // 1. The durable write alone (what the AMI event path pays), per disk-sync policy: records
  // arriving together (a burst: one group commit), and one at a time, each awaited (a commit each).
  const [burstFull, burstNormal, oneByOne] = await rounds(N, [(dir, clock) => enqueueOnly(dir, 'full', false, clock), (dir, clock) => enqueueOnly(dir, 'normal', false, clock), (dir, clock) => enqueueOnly(dir, 'full', true, clock)]);
  row('enqueue only, burst (SQLite WAL)', 'full', burstFull!);
  row('enqueue only, burst (SQLite WAL)', 'normal', burstNormal!);
  row('enqueue only, one at a time', 'full', oneByOne!);

  // 2. REST to the contract endpoint (a separate process).
  const endpoint: EndpointProcess = await spawnEndpoint(TOKEN);
  try {
    const url = `${endpoint.url}/V1/bandeau/calls`;
    const rest = { transport: 'rest', rest: { url: endpoint.url, token: TOKEN } };
    /** A bare POST loop: fetch's defaults, or the request options the outbox's transport uses (redirects refused, a timeout signal). */
    const bareLoop = (sameOptions: boolean) => (_dir: string, clock: Clock) => {
      const records = calls(N);
      clock.start();
      return pool(records, CONCURRENCY, async (call) => {
        const options: RequestInit = sameOptions ? { redirect: 'error', signal: AbortSignal.timeout(15_000) } : {};
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ call }), ...options });
        await res.text();
        if (!res.ok) throw new Error(`bench: HTTP ${res.status}`);
      });
    };
    const [bare, bareSame, full, normal, backlog] = await rounds(N, [
      bareLoop(false),
      bareLoop(true),
      (dir, clock) => throughOutbox(dir, 'full', rest, clock),
      (dir, clock) => throughOutbox(dir, 'normal', rest, clock),
      (dir, clock) => backlogThroughOutbox(dir, 'full', rest, clock),
    ]);
    row('bare POST loop (baseline)', '-', bare!, 'baseline');
    row('outbox → REST', 'full', full!, bare);
    row('outbox → REST', 'normal', normal!, bare);
    row('outbox → REST, backlog read back', 'full', backlog!, bare);
    // fetch copies each request unless redirects are refused: the outbox refuses them (rest.ts), a
    // bare loop with fetch's defaults does not. Against a loop with the same options, the ratio
    // shows what the outbox's own work (write, fsync, bookkeeping) costs.
    row('bare POST loop, outbox\'s fetch options (baseline 2)', '-', bareSame!, 'baseline');
    row('outbox → REST vs baseline 2', 'full', full!, bareSame);
    row('outbox → REST vs baseline 2', 'normal', normal!, bareSame);
    row('outbox → REST, backlog read back, vs baseline 2', 'full', backlog!, bareSame);
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
    rows.push(['RabbitMQ', '-', '-', 'skipped', (err as Error).message.split('\n')[0] ?? '', '-', '-', '-', '-', '-']);
  }
  if (mq) {
    const conn = await connect(RABBITMQ_URL);
    const ch = await conn.createConfirmChannel();
    await ch.assertExchange('magento', 'topic', { durable: true });
    const amqp = { transport: 'amqp', amqp: { url: RABBITMQ_URL } };
    // The very message the outbox publishes (body, id, properties): only the outbox differs.
    // Coalesced: the publishes of a turn leave in one socket write, as the outbox's transport does them.
    const coalesce = writeCoalescer(conn);
    const publishing = (coalesced: boolean) => (call: ContractCall) =>
      new Promise<void>((resolve, reject) => {
        const body = messageBody(call);
        ch.publish('magento', QUEUE, body, messageProperties(QUEUE, messageId(call, body)), (err: unknown) => (err ? reject(err) : resolve()));
        if (coalesced) coalesce();
      });
    /**
     * Each path meets the broker in the same state: the queue emptied first (as Magento's consumer
     * keeps it), untimed; a queue left to grow over the rounds slows the broker for the later ones.
     */
    const fromEmptyQueue = (work: (dir: string, clock: Clock) => Promise<CommitCounts | void>) => async (dir: string, clock: Clock) => {
      await ch.purgeQueue(QUEUE);
      return work(dir, clock);
    };
    /** The bare loop's last rate: the store load spreads its delivered marks over as long. */
    let bareRate = 5000;
    /**
     * The bare loop; with `load`, while another process does the outbox's store work for as many
     * records; `coalesced`, its writes coalesced as the outbox's transport does them.
     */
    const bareLoop = (load?: StoreLoad, coalesced = false) =>
      fromEmptyQueue(async (_dir, clock) => {
        const publish = publishing(coalesced);
        // Warm as the outbox paths are: WARM messages through the same channel before the clock.
        await pool(calls(WARM), CONCURRENCY, publish);
        const records = calls(N);
        clock.start();
        const t0 = performance.now();
        const loaded = load?.run({ records: N, spreadMs: (N / bareRate) * 1000 });
        await pool(records, CONCURRENCY, publish);
        clock.stop();
        if (!load && !coalesced) bareRate = N / ((performance.now() - t0) / 1000);
        await loaded;
      });
    const load = await storeLoad();
    const [bare, bareCoalesced, floor, full, normal, backlog] = await rounds(N, [
      bareLoop(),
      bareLoop(undefined, true),
      bareLoop(load),
      fromEmptyQueue((dir, clock) => throughOutbox(dir, 'full', amqp, clock)),
      fromEmptyQueue((dir, clock) => throughOutbox(dir, 'normal', amqp, clock)),
      fromEmptyQueue((dir, clock) => backlogThroughOutbox(dir, 'full', amqp, clock)),
    ]);
    load.stop();
    await conn.close();
    row('bare confirmed publish (baseline)', '-', bare!, 'baseline');
    // The floor on this machine: the durable write's work alone, in another process (none of it on
    // the publishing thread), already slows the broker the bridge shares its cores with.
    row('bare publish + outbox store work in another process (floor)', 'full', floor!, bare);
    row('outbox → RabbitMQ', 'full', full!, bare);
    row('outbox → RabbitMQ', 'normal', normal!, bare);
    row('outbox → RabbitMQ, backlog read back', 'full', backlog!, bare);
    // The outbox's transport writes the publishes of a turn in one syscall (amqp.ts writeCoalescer),
    // a bare loop one each. Against a loop coalescing them too, the ratio shows what the outbox's
    // own work (write, fsync, bookkeeping) costs.
    row('bare confirmed publish, writes coalesced (baseline 2)', '-', bareCoalesced!, 'baseline');
    row('outbox → RabbitMQ vs baseline 2', 'full', full!, bareCoalesced);
    row('outbox → RabbitMQ vs baseline 2', 'normal', normal!, bareCoalesced);
    row('outbox → RabbitMQ, backlog read back, vs baseline 2', 'full', backlog!, bareCoalesced);
    await purgeQueue(RABBITMQ_URL, QUEUE);
  }

  console.log(`call-log outbox, ${N} records a run, ${RUNS} rounds (each path once a round, baseline included), concurrency ${CONCURRENCY} (records/s: median, min–max; vs baseline: median of the ratios within a round)`);
  console.log('disk-sync policy: full = WAL fsynced at every enqueue commit (survives power loss); normal = WAL synced at checkpoints (survives a process crash)');
  console.log('loop µs/rec: event-loop busy time per record (median), the part of the one thread a path takes whatever the load');
  console.log('per record (last run): enqueue commits (records waiting together share one), WAL fsyncs they cost, delivery bookkeeping transactions (never synced)');
  console.log(table(['path', 'sync', 'records', 'records/s', 'range', 'vs baseline', 'loop µs/rec', 'commits/rec', 'fsyncs/rec', 'bookkeeping tx/rec'], rows));
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
