/**
 * Issue 15 benchmark: route decisions for FastAGI requests, with 1,000,000 numbers in the cache.
 *
 * The routing server (AgiServer + the decider + the facts cache) runs in a child process of its own,
 * as it would beside a PBX; the FastAGI client (testpeer/agiClient.ts, speaking as Asterisk 22 does)
 * runs here. The child fills its cache DIRECTLY with 1,000,000 numbers' facts (not through Magento:
 * a million REST answers would take the whole run), a quarter each VIP, unshipped order, delivered
 * recently and nothing to say, and gets the rules from a stand-in Magento.
 *
 * (a) warm cache, end to end over TCP: each request is a whole AGI() (connect, the agi_* block,
 *     the ten SET VARIABLE commands each waiting for its `200 result=1`, close), numbers drawn at
 *     random from the million (as national caller ids, so libphonenumber runs). Twice: calls
 *     arriving at random at ARRIVALS_PER_S (open loop, latency counted from each call's scheduled
 *     arrival, so a late client does not hide a slow server) — the realistic load, against which the
 *     10 ms p99 goal is read — and CONCURRENCY clients back to back (closed loop: the most
 *     decisions per second this machine gives, latency then being mostly queueing);
 * (b) the same numbers in the same child: a bare Map.get on a Map of the million facts (baseline),
 *     and the decider called in-process (normalise + cache + rules), to show where the time goes;
 * (c) Magento answering slowly, numbers not cached: a delay below the deadline (answer = the rule)
 *     and above it (answer = default/timeout at the deadline).
 *
 * (a) is run twice at 100 calls/s: with a client that does only what the PBX's side of the wire
 * must (the exact request bytes, `200 result=1` to each command), on which the goal is read, and
 * with the Asterisk-exact client, whose JavaScript parsing shares the two cores with the server.
 * BANDEAU_ROUTING_BENCH_NUMBERS sets another cache size (e.g. 10000, to see what the million costs).
 *
 * The child runs with node's default flags (plus a 4 GB old space); BANDEAU_ROUTING_BENCH_NODE_ARGS
 * adds others (e.g. `--trace-gc`, `--single-threaded-gc`) to see what the GC does to the tail. The
 * facts cache keeps its entries off the JavaScript heap (numberTable.ts): the server's heap is about
 * 30 MB with a million numbers as with ten thousand (it was 460 MB with lru-cache, whose major GCs
 * stalled answers 60-400 ms). During the PBX-side run the child records its own GC pauses and
 * event-loop delay, printed after the table: what is left of the tail is mostly those (young
 * generation scavenges) and, on a shared machine, the kernel running other work first — which
 * BANDEAU_ROUTING_BENCH_REALTIME=1 (root) removes for the two 100/s runs; the load average is
 * printed with every run. Compare sizes in one period: BANDEAU_ROUTING_BENCH_NUMBERS=10000 then
 * the million, back to back.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { PerformanceObserver, monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createLogger } from '../../bridge/src/logger';
import { AgiServer } from '../../bridge/src/routing/agi';
import { RoutingParts } from '../../bridge/src/routing';
import { RoutingConfig } from '../../bridge/src/routing/config';
import type { RoutingFacts } from '../../bridge/src/routing/facts';
import { MagentoRoutingClient } from '../../bridge/src/routing/magentoRouting';
import { agiRequestLines, runFastAgi } from '../../bridge/src/testpeer/agiClient';
import { MagentoStandIn, STAND_IN_TOKEN, customerFacts, defaultRules, unshippedOrder } from '../ts/routing/magentoStandIn';
import { percentile, prng, table } from './stats';

const CHILD = 'BANDEAU_ROUTING_BENCH_CHILD';
const NUMBERS = Number(process.env.BANDEAU_ROUTING_BENCH_NUMBERS ?? 1_000_000);
const DEADLINE_MS = 300;
const CONCURRENCY = 32;
const WARMUP = 1_000;
const REQUESTS = 10_000;
/** Open loop: calls arriving at random (Poisson) at this rate, a very busy contact centre's peak. */
const ARRIVALS_PER_S = 100;
const ARRIVALS = 3_000;
const IN_PROCESS = 200_000;
const SLOW_REQUESTS = 300;
const SLOW_CONCURRENCY = 16;
const GOAL_P99_MS = 10;

/** The i-th number of the million: French mobiles +33 6 10 00 00 00 onwards. */
const e164 = (i: number): string => `+3361${String(i).padStart(7, '0')}`;
const national = (i: number): string => `061${String(i).padStart(7, '0')}`;
const EXPECTED_ROUTE = ['vip', 'sales', 'support', 'default'] as const;

/** Facts in their parsed form (times as epoch ms), built without zod: a million parses would take minutes. */
function factsFor(i: number, nowMs: number): RoutingFacts {
  const phone = e164(i);
  const kind = i % 4;
  return {
    phone,
    known: kind !== 3 || i % 8 === 3,
    customer: kind === 3 && i % 8 === 7 ? null : { id: i + 1, name: `Customer ${i}`, group_id: kind === 0 ? 4 : 1, store_id: 1, locale: 'fr_FR', lifetime_sales: i % 5000, open_cart: i % 3 === 0 },
    orders: kind === 1 ? [{ increment_id: `1${String(i).padStart(8, '0')}`, state: 'processing', status: 'processing', created_at: nowMs - 86_400_000, shipped: false, store_id: 1 }] : [],
    last_shipment: kind === 2 ? { order_increment_id: `2${String(i).padStart(8, '0')}`, shipped_at: nowMs - 3 * 86_400_000 } : null,
  };
}

interface ChildReady {
  port: number;
  fillMs: number;
  normaliseMs: number;
  heapMB: number;
  rssMB: number;
  map: number[];
  decider: number[];
}

/** The routing server: fills its cache, measures the in-process baselines, then serves FastAGI. */
async function child(): Promise<void> {
  const magentoUrl = process.env.BANDEAU_ROUTING_BENCH_MAGENTO!;
  const logger = createLogger('silent');
  const config = RoutingConfig.parse({ deadlineMs: DEADLINE_MS, cache: { ttlS: 86_400, maxEntries: NUMBERS + 10_000, maxInFlight: 64 }, magento: { url: magentoUrl, token: STAND_IN_TOKEN } });
  const parts = new RoutingParts({ config, source: new MagentoRoutingClient({ url: magentoUrl, token: STAND_IN_TOKEN, logger }), defaultRegion: 'FR', logger });
  await parts.rules.refresh();
  const now = Date.now();
  const map = new Map<string, RoutingFacts>();
  const t0 = performance.now();
  for (let i = 0; i < NUMBERS; i++) parts.cache.set(e164(i), factsFor(i, now));
  const fillMs = performance.now() - t0;
  // A number gets into the cache by its first call, which also normalised its caller id once
  // (libphonenumber; the decider remembers the E.164 form off the heap): the same state here.
  const t1 = performance.now();
  for (let i = 0; i < NUMBERS; i++) parts.decider.e164(national(i));
  const normaliseMs = performance.now() - t1;
  for (let i = 0; i < NUMBERS; i++) map.set(e164(i), factsFor(i, now));

  // (b) in-process, the same kind of draw as the TCP run: per-call latency in µs.
  const rnd = prng(7);
  const draws = Array.from({ length: IN_PROCESS }, () => Math.floor(rnd() * NUMBERS));
  const timeEach = (f: (i: number) => unknown): number[] => {
    const out = new Array<number>(draws.length);
    let sink = 0;
    for (let k = 0; k < draws.length; k++) {
      const a = performance.now();
      if (f(draws[k]!)) sink++;
      out[k] = (performance.now() - a) * 1000;
    }
    if (sink !== draws.length) throw new Error('a lookup missed');
    return out;
  };
  timeEach((i) => map.get(e164(i)));
  const mapUs = timeEach((i) => map.get(e164(i)));
  timeEach((i) => parts.decider.decideFor(national(i)));
  const deciderUs = timeEach((i) => {
    const d = parts.decider.decideFor(national(i));
    if (d instanceof Promise || d.route !== EXPECTED_ROUTE[i % 4]) throw new Error(`in-process decision for ${i}: ${JSON.stringify(d)}`);
    return d;
  });
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);

  // The baseline Map and the in-process runs' garbage are the benchmark's, not the server's.
  map.clear();
  global.gc?.();
  const served = process.memoryUsage();
  const server = new AgiServer({ port: 0, decide: parts.decider.decide, deadlineMs: DEADLINE_MS, maxSessions: 1024, logger, registry: parts.metrics.registry });
  const port = await server.start();
  const ready: ChildReady = {
    port,
    fillMs,
    normaliseMs,
    heapMB: served.heapUsed / 1e6,
    rssMB: served.rss / 1e6,
    map: [50, 99].map((p) => percentile(sorted(mapUs), p)).concat(draws.length / (mapUs.reduce((a, b) => a + b, 0) / 1e6)),
    decider: [50, 99].map((p) => percentile(sorted(deciderUs), p)).concat(draws.length / (deciderUs.reduce((a, b) => a + b, 0) / 1e6)),
  };
  process.send!({ ready });
  // What the server process itself paused during a window (the PBX-side run): GC pauses as V8
  // reports them, and how late its event loop ran (both in wall time: a descheduled process counts).
  let window: { pauses: number[]; loop: IntervalHistogram; gc: PerformanceObserver } | undefined;
  process.on('message', (m: { window?: 'start' | 'stop' }) => {
    if (m.window === 'start') {
      const pauses: number[] = [];
      const gc = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) pauses.push(e.duration);
      });
      gc.observe({ entryTypes: ['gc'] });
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      window = { pauses, loop, gc };
    } else if (m.window === 'stop' && window) {
      const { pauses, loop, gc } = window;
      gc.disconnect();
      loop.disable();
      const sortedPauses = pauses.sort((a, b) => a - b);
      const over = (ms: number) => pauses.filter((x) => x > ms).length;
      const serverWindow: ServerWindow = { gcCount: pauses.length, gcSumMs: pauses.reduce((a, b) => a + b, 0), gcMaxMs: sortedPauses[sortedPauses.length - 1] ?? 0, gcOver2: over(2), gcOver5: over(5), loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 };
      process.send!({ serverWindow });
      window = undefined;
    }
  });
  process.on('message', (m: { stats?: boolean }) => {
    if (m.stats) {
      void parts.metrics.registry.getMetricsAsJSON().then((json) => {
        const pick = (name: string) => json.find((x) => x.name === name)?.values ?? [];
        const sum = (name: string) => pick(name).reduce((a, v) => a + v.value, 0);
        process.send!({ stats: { hits: sum('bandeau_routing_cache_hits_total'), misses: sum('bandeau_routing_cache_misses_total'), cacheSize: parts.cache.size } });
      });
    }
  });
}

/** The server process's own pauses during the PBX-side run (child -> parent). */
interface ServerWindow {
  gcCount: number;
  gcSumMs: number;
  gcMaxMs: number;
  gcOver2: number;
  gcOver5: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

function serverWindow(proc: ChildProcess, what: 'start' | 'stop'): Promise<ServerWindow | undefined> {
  if (what === 'start') {
    proc.send({ window: 'start' });
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const on = (m: { serverWindow?: ServerWindow }) => {
      if (!m.serverWindow) return;
      proc.off('message', on);
      resolve(m.serverWindow);
    };
    proc.on('message', on);
    proc.send({ window: 'stop' });
  });
}

interface Load {
  latenciesMs: number[];
  seconds: number;
  routes: Map<string, number>;
  wrong: number;
  /** Open loop only: how late each call started after its scheduled arrival (this client's timers). */
  lateMs?: number[];
}

/** `total` whole AGI() runs, `concurrency` at once; caller ids from `callerOf(k)`. */
async function load(port: number, total: number, concurrency: number, callerOf: (k: number) => string, expect?: (k: number) => string): Promise<Load> {
  const latenciesMs: number[] = [];
  const routes = new Map<string, number>();
  let next = 0;
  let wrong = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let k = next++; k < total; k = next++) {
        const a = performance.now();
        const r = await runFastAgi({ port, script: 'route', callerId: callerOf(k), dnid: '0140000000', timeoutMs: 20_000 });
        latenciesMs.push(performance.now() - a);
        const key = `${r.variables.get('BANDEAU_ROUTE') ?? '?'}/${r.variables.get('BANDEAU_ROUTE_REASON') ?? '?'}`;
        routes.set(key, (routes.get(key) ?? 0) + 1);
        if (r.agiStatus !== 'SUCCESS' || (expect && r.variables.get('BANDEAU_ROUTE') !== expect(k))) wrong++;
      }
    }),
  );
  return { latenciesMs: latenciesMs.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000, routes, wrong };
}

function childStats(proc: ChildProcess): Promise<{ hits: number; misses: number; cacheSize: number }> {
  return new Promise((resolve) => {
    const on = (m: { stats?: { hits: number; misses: number; cacheSize: number } }) => {
      if (!m.stats) return;
      proc.off('message', on);
      resolve(m.stats);
    };
    proc.on('message', on);
    proc.send({ stats: true });
  });
}

/**
 * One AGI() as the PBX's side of the wire sees it, with the least work on this side: the same
 * request bytes as the Asterisk-exact client (its agi_* block, which Asterisk's small writes
 * coalesce into one or two segments anyway; built before the run, as the PBX's C code builds it
 * without a garbage collector), the same `200 result=1` bytes to each command line, counted in
 * the received bytes without decoding them; of the answer only BANDEAU_ROUTE and its reason are
 * read. The exact client re-implements res_agi's parsing in JavaScript in this process, on the
 * same two cores as the server, and its garbage makes this process's GC pause calls: its cost is
 * the PBX's (C, microseconds), so the goal is read on this client, and the exact client's figures
 * are printed beside it. Still a whole AGI() over TCP: connect, request, ten commands each
 * acknowledged before the next, the server's close.
 */
const ACK = Buffer.from('200 result=1\n');
const ROUTE_AT = Buffer.from('SET VARIABLE BANDEAU_ROUTE "');
const REASON_AT = Buffer.from('SET VARIABLE BANDEAU_ROUTE_REASON "');

/** The quoted value after `at` in these bytes, if there. */
function quoted(chunk: Buffer, at: Buffer): string | undefined {
  const i = chunk.indexOf(at);
  if (i < 0) return undefined;
  const from = i + at.length;
  return chunk.toString('latin1', from, chunk.indexOf(34, from));
}

function pbxAgi(port: number, request: Buffer): Promise<{ variables: Map<string, string>; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let lines = 0;
    let lastByte = 10;
    let route: string | undefined;
    let reason: string | undefined;
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      // Each command is one line and the server sends the next only after this answer.
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        lines++;
        socket.write(ACK);
      }
      lastByte = chunk[chunk.length - 1]!;
      route ??= quoted(chunk, ROUTE_AT);
      reason ??= quoted(chunk, REASON_AT);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const variables = new Map<string, string>();
      if (route !== undefined) variables.set('BANDEAU_ROUTE', route);
      if (reason !== undefined) variables.set('BANDEAU_ROUTE_REASON', reason);
      resolve({ variables, ok: lastByte === 10 && lines > 0 });
    });
  });
}

/**
 * Calls arriving at random (exponential gaps) at `rate` per second. Latency runs from the moment
 * the call starts (connect) to the server's close; how late this process's timer started it
 * (scheduled arrival to start) is kept apart in `lateMs`: it is this client's, not the server's.
 */
async function openLoop(port: number, total: number, rate: number, callerOf: (k: number) => string, expect: (k: number) => string, requests?: Buffer[]): Promise<Load> {
  const rnd = prng(23);
  const latenciesMs: number[] = [];
  const lateMs: number[] = [];
  const routes = new Map<string, number>();
  let wrong = 0;
  const t0 = performance.now();
  let at = 0;
  const runs: Array<Promise<void>> = [];
  for (let k = 0; k < total; k++) {
    at += (-Math.log(1 - rnd()) / rate) * 1000;
    const due = t0 + at;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const started = performance.now();
    lateMs.push(started - due);
    const call = requests
      ? pbxAgi(port, requests[k]!).then((r) => ({ variables: r.variables, agiStatus: r.ok ? 'SUCCESS' : 'FAILURE' }))
      : runFastAgi({ port, script: 'route', callerId: callerOf(k), dnid: '0140000000', timeoutMs: 20_000 });
    runs.push(
      call.then((r) => {
        latenciesMs.push(performance.now() - started);
        const key = `${r.variables.get('BANDEAU_ROUTE') ?? '?'}/${r.variables.get('BANDEAU_ROUTE_REASON') ?? '?'}`;
        routes.set(key, (routes.get(key) ?? 0) + 1);
        if (r.agiStatus !== 'SUCCESS' || r.variables.get('BANDEAU_ROUTE') !== expect(k)) wrong++;
      }),
    );
  }
  await Promise.all(runs);
  return { latenciesMs: latenciesMs.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000, routes, wrong, lateMs: lateMs.sort((a, b) => a - b) };
}

/**
 * BANDEAU_ROUTING_BENCH_REALTIME=1: the client and the server real-time (SCHED_FIFO, `chrt`, root
 * only) during the two 100/s runs, so that other work on a shared machine cannot delay them; what
 * the server itself does is unchanged. Returns false when it could not be done.
 */
function realtime(pids: number[], on: boolean): boolean {
  try {
    for (const pid of pids) execFileSync('chrt', on ? ['-f', '-a', '-p', '10', String(pid)] : ['-o', '-a', '-p', '0', String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const ms = (x: number): string => (x < 1 ? x.toFixed(3) : x.toFixed(2));
const perS = (x: number): string => Math.round(x).toLocaleString('en-US');
const routesOf = (l: Load): string => [...l.routes].map(([k, v]) => `${k} ${v}`).join(', ');

export async function run(): Promise<void> {
  const magento = new MagentoStandIn({ rules: defaultRules('bench'), facts: new Map() });
  await magento.start();
  try {
    await oneServer(magento);
  } finally {
    await magento.stop();
  }
}

/** The routing server child: (a)+(b) on its warm cache, then (c). */
async function oneServer(magento: MagentoStandIn): Promise<void> {
  const extra = (process.env.BANDEAU_ROUTING_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc: ChildProcess = fork(__filename, [], {
    env: { ...process.env, [CHILD]: '1', BANDEAU_ROUTING_BENCH_MAGENTO: magento.url },
    execArgv: [...process.execArgv, '--max-old-space-size=4096', '--expose-gc', ...extra],
    stdio: 'inherit',
  });
  try {
    if (extra.length > 0) console.log(`# routing server node flags: ${extra.join(' ')}`);
    const ready = await new Promise<ChildReady>((resolve, reject) => {
      proc.once('message', (m: { ready: ChildReady }) => resolve(m.ready));
      proc.once('exit', (code) => reject(new Error(`the routing server child exited (${code})`)));
    });
    console.log(
      `# ${NUMBERS.toLocaleString('en-US')} numbers put in the facts cache directly (not through Magento) in ${(ready.fillMs / 1000).toFixed(1)} s, their caller ids normalised once (as their first calls did) in ${(ready.normaliseMs / 1000).toFixed(1)} s; ` +
        `routing server heap ${ready.heapMB.toFixed(0)} MB, rss ${ready.rssMB.toFixed(0)} MB (the baseline Map, built beside it for (b), dropped before serving)`,
    );
    const rnd = prng(11);
    const draw = () => Math.floor(rnd() * NUMBERS);
    const warmDraws = Array.from({ length: WARMUP + REQUESTS + 2 * ARRIVALS }, draw);
    await load(ready.port, WARMUP, CONCURRENCY, (k) => national(warmDraws[k]!));
    const rt = process.env.BANDEAU_ROUTING_BENCH_REALTIME === '1' && realtime([process.pid, proc.pid!], true);
    if (process.env.BANDEAU_ROUTING_BENCH_REALTIME === '1') console.log(rt ? '# the two 100/s runs with client and server real-time (SCHED_FIFO): other work on the machine does not delay them' : '# BANDEAU_ROUTING_BENCH_REALTIME: chrt failed (not root?), runs at normal priority');
    const arrivals = await openLoop(ready.port, ARRIVALS, ARRIVALS_PER_S, (k) => national(warmDraws[WARMUP + k]!), (k) => EXPECTED_ROUTE[warmDraws[WARMUP + k]! % 4]!);
    const leanOff = WARMUP + REQUESTS + ARRIVALS;
    // The PBX side's request bytes, built before the run (and before its GC pauses are counted).
    const requests = Array.from({ length: ARRIVALS }, (_, k) => Buffer.from(agiRequestLines({ port: ready.port, script: 'route', callerId: national(warmDraws[leanOff + k]!), dnid: '0140000000' }, k + 1).join('')));
    await serverWindow(proc, 'start');
    // The client's own GC pauses: a JavaScript client's pause during a call counts in its latency (a PBX's C code has none).
    const clientPauses: number[] = [];
    const clientGc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) clientPauses.push(e.duration);
    });
    clientGc.observe({ entryTypes: ['gc'] });
    const pbx = await openLoop(ready.port, ARRIVALS, ARRIVALS_PER_S, (k) => national(warmDraws[leanOff + k]!), (k) => EXPECTED_ROUTE[warmDraws[leanOff + k]! % 4]!, requests);
    const paused = (await serverWindow(proc, 'stop'))!;
    clientGc.disconnect();
    if (rt) realtime([process.pid, proc.pid!], false);
    const off = WARMUP + ARRIVALS;
    const warm = await load(ready.port, REQUESTS, CONCURRENCY, (k) => national(warmDraws[off + k]!), (k) => EXPECTED_ROUTE[warmDraws[off + k]! % 4]!);
    const tcpRate = REQUESTS / warm.seconds;
    const p = (q: number) => percentile(pbx.latenciesMs, q);
    const x = (q: number) => percentile(arrivals.latenciesMs, q);
    const c = (q: number) => percentile(warm.latenciesMs, q);
    console.log(
      `# (a)+(b) warm cache, random numbers of the million; FastAGI: ${ARRIVALS.toLocaleString('en-US')} calls arriving at random at ${ARRIVALS_PER_S}/s, ` +
        `then ${REQUESTS.toLocaleString('en-US')} AGI() runs by ${CONCURRENCY} clients back to back (after ${WARMUP.toLocaleString('en-US')} warm-up); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );
    console.log(
      table(
        ['path', 'decisions/s', 'p50 ms', 'p99 ms'],
        [
          ['bare Map.get, in-process (baseline)', perS(ready.map[2]!), ms(ready.map[0]! / 1000), ms(ready.map[1]! / 1000)],
          ['decider in-process (normalise + cache + rules)', perS(ready.decider[2]!), ms(ready.decider[0]! / 1000), ms(ready.decider[1]! / 1000)],
          [`FastAGI over TCP, calls arriving at ${ARRIVALS_PER_S}/s (PBX side: request bytes, 200 answers)`, perS(ARRIVALS / pbx.seconds), ms(p(50)), ms(p(99))],
          [`FastAGI over TCP, calls arriving at ${ARRIVALS_PER_S}/s (Asterisk-exact client in JS)`, perS(ARRIVALS / arrivals.seconds), ms(x(50)), ms(x(99))],
          [`FastAGI over TCP, ${CONCURRENCY} clients back to back`, perS(tcpRate), ms(c(50)), ms(c(99))],
        ],
      ),
    );
    const stats = await childStats(proc);
    console.log(
      `routes: ${routesOf(pbx)} / ${routesOf(arrivals)} / ${routesOf(warm)}; wrong or failed: ${pbx.wrong + arrivals.wrong + warm.wrong}; ` +
        `cache hits ${stats.hits.toLocaleString('en-US')}, misses ${stats.misses} (in-process runs included), entries ${stats.cacheSize.toLocaleString('en-US')}`,
    );
    console.log(
      `ratio FastAGI/Map: p50 latency ${(p(50) / (ready.map[0]! / 1000)).toFixed(0)}× (arrivals), throughput ${(ready.map[2]! / tcpRate).toFixed(0)}× lower (back to back); ` +
        `decider/Map p50 ${(ready.decider[0]! / ready.map[0]!).toFixed(1)}×`,
    );
    const late = (l: Load) => percentile(l.lateMs ?? [0], 99);
    console.log(`(the client's own timer lateness, scheduled arrival to start, not counted above: p99 ${ms(late(pbx))} ms and ${ms(late(arrivals))} ms)`);
    console.log(
      `routing server during the PBX-side run: ${paused.gcCount} GC pauses, ${ms(paused.gcSumMs)} ms in all, longest ${ms(paused.gcMaxMs)} ms, ${paused.gcOver2} over 2 ms, ${paused.gcOver5} over 5 ms; ` +
        `event loop delay p99 ${ms(paused.loopP99Ms)} ms, max ${ms(paused.loopMaxMs)} ms (wall time: a process the kernel did not run counts)`,
    );
    console.log(
      `the client (this process) during the same run: ${clientPauses.length} GC pauses, ${ms(clientPauses.reduce((a, b) => a + b, 0))} ms in all, longest ${ms(Math.max(0, ...clientPauses))} ms, ` +
        `${clientPauses.filter((x) => x > 5).length} over 5 ms (counted in the latencies above: a PBX's C code has no GC)`,
    );
    console.log(`goal p99 <= ${GOAL_P99_MS} ms end to end on a warm cache (calls arriving at ${ARRIVALS_PER_S}/s, PBX side${rt ? ', real-time' : ''}): ${p(99) <= GOAL_P99_MS ? 'met' : 'NOT met'} (p99 ${ms(p(99))} ms, max ${ms(p(100))} ms)`);

    // (c) Magento slow; numbers it knows, not cached in the child.
    console.log(`# (c) Magento answering slowly, numbers not cached (deadline ${DEADLINE_MS} ms; ${SLOW_REQUESTS} AGI() runs, ${SLOW_CONCURRENCY} at once)`);
    const rows: string[][] = [];
    let base = 0;
    for (const delay of [0, 100, 250, 1000, 3000]) {
      magento.delayMs = delay;
      const first = 20_000_000 + base;
      base += SLOW_REQUESTS;
      for (let k = 0; k < SLOW_REQUESTS; k++) {
        const phone = `+3362${String(first + k - 20_000_000).padStart(7, '0')}`;
        magento.facts.set(phone, customerFacts(phone, { orders: [unshippedOrder('000000102')] }));
      }
      const slow = await load(ready.port, SLOW_REQUESTS, SLOW_CONCURRENCY, (k) => `062${String(first + k - 20_000_000).padStart(7, '0')}`);
      const q = (x: number) => percentile(slow.latenciesMs, x);
      rows.push([`${delay} ms`, ms(q(50)), ms(q(99)), ms(q(100)), routesOf(slow)]);
    }
    magento.delayMs = 0;
    console.log(table(['Magento delay', 'p50 ms', 'p99 ms', 'max ms', 'answers (route/reason)'], rows));
    console.log('(at or above the deadline every answer is default/timeout near 300 ms; a fetch still running fills the cache; over 64 fetches in flight a miss is answered at once)');
  } finally {
    proc.kill();
  }
}

if (require.main === module) {
  const main = process.env[CHILD] === '1' ? child : run;
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
