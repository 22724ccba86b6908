/**
 * Issue 12 benchmark: AMI parser speed, on the same bytes in the same run.
 *
 * Input: every real capture (../shared/asterisk/captures/*.ami, ../shared/ami-captures),
 * parsed once, then copied with fresh ids per copy (the test peer's rewrite) and written back
 * as AMI until about 20 MB; fed in 64 KiB chunks. Client `Action:` blocks (transcripts) are
 * left out, the input being what a PBX sends, and so are the few legacy `Response: Follows`
 * answers, which asterisk-manager cannot end without their `--END COMMAND--`.
 *
 * (a) parse: the bridge's framer against the `asterisk-manager` npm package's reader (its
 *     socket `data` handler, fed the chunks its socket would give it, decoded the way its socket
 *     decodes them; its per-event dispatch on process.nextTick is left out, so it is its parse
 *     alone).
 * (b) parse + call model, wired as the bridge wires them (framer -> events -> CallModel with the
 *     runtime's listeners), against asterisk-manager's parse alone.
 * (c) events/s with 2,000 calls open: LANES streams of capture copies interleaved one event at
 *     a time, each lane started at a random point of its first copy (fed before timing), so
 *     that at least 2,000 calls are live at every point of the timed part.
 *
 * Each figure is the median of ROUNDS rounds after WARMUP rounds, by the wall clock and by this
 * process's CPU time (the steadier of the two on a busy machine), measured in a child process of
 * its own.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { spawnSync } from 'node:child_process';
import { AmiFramer, parseAll } from '../../bridge/src/ami/framer';
import { CallModel } from '../../bridge/src/calls';
import { PlaybackRewriter } from '../../bridge/src/testpeer';
import { prng, summarize, table } from './stats';

const CHILD = 'BANDEAU_AMI_PARSER_BENCH_CHILD';
const CHUNK = 64 * 1024;
const TARGET_BYTES = 20 * 1024 * 1024;
const CONCURRENT_CALLS = 2000;
const WARMUP = 2;
const ROUNDS = 7;
const SHARED = path.resolve(__dirname, '../../../shared');
const SOURCES = [path.join(SHARED, 'asterisk/captures'), path.join(SHARED, 'ami-captures')];

/**
 * A recorded message as plain pairs. No AmiMessage from the framer outlives the parse of its
 * file here: long-lived ones get the framer's allocation sites pretenured (see run).
 */
interface Recorded {
  headers: Array<[string, string]>;
  /** Lower-case event name, when an event. */
  event: string | undefined;
}

interface Capture {
  name: string;
  messages: Recorded[];
  /** Index of the first Newchannel and of the last Hangup (-1 when the capture holds no call). */
  firstChannel: number;
  lastHangup: number;
}

interface Input {
  chunks: Buffer[];
  bytes: number;
  messages: number;
  events: number;
}

function captureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) out.push(...captureFiles(full));
    else if (/\.(ami|txt)$/.test(f)) out.push(full);
  }
  return out;
}

function loadCaptures(): Capture[] {
  const out: Capture[] = [];
  for (const file of SOURCES.flatMap(captureFiles)) {
    // A `Response: Follows` is left out even without a body: asterisk-manager waits for its
    // `--END COMMAND--` and would swallow the rest of the stream.
    const messages: Recorded[] = parseAll(readFileSync(file))
      .messages.filter((m) => m.kind === 'event' || (m.kind === 'response' && m.get('response')?.trim().toLowerCase() !== 'follows'))
      .map((m) => ({ headers: m.headers, event: m.event?.toLowerCase() }));
    if (messages.length === 0) continue;
    out.push({ name: path.relative(SHARED, file), messages, ...callSpan(messages) });
  }
  return out;
}

/** Index of the first Newchannel and of the last Hangup (-1, -1 without a call). */
function callSpan(messages: Recorded[]): { firstChannel: number; lastHangup: number } {
  const firstChannel = messages.findIndex((m) => m.event === 'newchannel');
  let lastHangup = -1;
  messages.forEach((m, i) => {
    if (m.event === 'hangup') lastHangup = i;
  });
  return firstChannel < 0 ? { firstChannel: -1, lastHangup: -1 } : { firstChannel, lastHangup };
}

/**
 * Copies of captures in wire form, one string per message, with fresh Uniqueids, channel
 * suffixes and clock per copy (ids never repeat within a run): the test peer's rewrite, written
 * back as received (not the action writer: real headers such as `100rel` are no action keys).
 */
function copier(): (c: Capture) => string[] {
  let uid = 0;
  let suffix = 0;
  let clock = 1_800_000_000_000;
  const ids = {
    newUniqueid: () => `1800000000.${++uid}`,
    suffix: () => (++suffix).toString(16).padStart(8, '0'),
    now: () => (clock += 20),
  };
  return (c) => {
    const rw = new PlaybackRewriter(ids);
    return c.messages.map((m) => `${m.headers.map(([k, v]) => `${k}: ${rw.value(k, v)}\r\n`).join('')}\r\n`);
  };
}

function toChunks(parts: string[]): Buffer[] {
  const all = Buffer.from(parts.join(''), 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += CHUNK) chunks.push(all.subarray(i, Math.min(all.length, i + CHUNK)));
  return chunks;
}

/** (a), (b): copies of every capture one after another, in turn, until TARGET_BYTES. */
function sequentialInput(captures: Capture[]): Input {
  const copy = copier();
  const parts: string[] = [];
  let bytes = 0;
  let messages = 0;
  let events = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const c = captures[i % captures.length] as Capture;
    copy(c).forEach((text, j) => {
      parts.push(text);
      bytes += Buffer.byteLength(text);
      messages++;
      if (c.messages[j]?.event !== undefined) events++;
    });
  }
  return { chunks: toChunks(parts), bytes, messages, events };
}

interface ConcurrentInput {
  lanes: number;
  prelude: Buffer[];
  body: Input;
  /** Calls live in the stream (between a copy's first Newchannel and last Hangup) over the body. */
  liveMin: number;
  liveMax: number;
}

/**
 * (c): LANES lanes, each playing copies of the captures that hold a call (events only, as the
 * model sees them), one after another. The prelude starts every lane at a random point of its
 * first copy; the body then takes one event from each lane in turn until TARGET_BYTES.
 */
function concurrentInput(captures: Capture[]): ConcurrentInput {
  const calls = captures
    .map((c) => {
      const events = c.messages.filter((m) => m.event !== undefined);
      return { ...c, messages: events, ...callSpan(events) };
    })
    .filter((c) => c.firstChannel >= 0 && c.lastHangup > c.firstChannel);
  // Share of a lane's events spent inside a call: enough lanes so that 2,000 are inside one.
  const inCall = calls.reduce((s, c) => s + (c.lastHangup - c.firstChannel), 0) / calls.reduce((s, c) => s + c.messages.length, 0);
  const lanes = Math.ceil((CONCURRENT_CALLS / inCall) * 1.12);
  const copy = copier();
  const rnd = prng(12);
  interface Lane {
    capture: Capture;
    copy: string[];
    next: number;
    turn: number;
  }
  const live = (l: Lane): boolean => l.next > l.capture.firstChannel && l.next <= l.capture.lastHangup;
  const prelude: string[] = [];
  const state: Lane[] = [];
  for (let i = 0; i < lanes; i++) {
    const capture = calls[i % calls.length] as Capture;
    const texts = copy(capture);
    const start = Math.floor(rnd() * texts.length);
    prelude.push(...texts.slice(0, start));
    state.push({ capture, copy: texts, next: start, turn: i });
  }
  let liveNow = state.filter(live).length;
  let liveMin = liveNow;
  let liveMax = liveNow;
  const parts: string[] = [];
  let bytes = 0;
  let events = 0;
  while (bytes < TARGET_BYTES) {
    for (const lane of state) {
      if (lane.next >= lane.copy.length) {
        lane.turn += lanes;
        lane.capture = calls[lane.turn % calls.length] as Capture;
        lane.copy = copy(lane.capture);
        lane.next = 0;
      }
      const was = live(lane);
      const text = lane.copy[lane.next++] as string;
      parts.push(text);
      bytes += Buffer.byteLength(text);
      events++;
      const is = live(lane);
      if (was !== is) {
        liveNow += is ? 1 : -1;
        liveMin = Math.min(liveMin, liveNow);
        liveMax = Math.max(liveMax, liveNow);
      }
    }
  }
  return { lanes, prelude: toChunks(prelude), body: { chunks: toChunks(parts), bytes, messages: events, events }, liveMin, liveMax };
}

// ------------------------------------------------------------------ contestants

/** The framer alone; returns messages parsed. */
function framerOnly(chunks: Buffer[]): number {
  let n = 0;
  const f = new AmiFramer({ message: () => void n++ });
  for (const c of chunks) f.push(c);
  f.end();
  return n;
}

/** Framer + call model as the bridge runtime wires them (AmiClient -> connectModelToAmi -> CallModel). */
function framerAndModel(): { framer: AmiFramer; model: CallModel; stats: { updates: number; ended: number } } {
  const model = new CallModel();
  const stats = { updates: 0, ended: 0 };
  // The runtime pushes every update to the agents and logs every ended call.
  model.on('update', () => void stats.updates++);
  model.on('removed', () => undefined);
  model.on('ended', () => void stats.ended++);
  const framer = new AmiFramer({
    message: (m) => {
      if (m.kind === 'event') model.handleEvent(m);
    },
  });
  return { framer, model, stats };
}

function framerWithModel(chunks: Buffer[]): number {
  const { framer, model } = framerAndModel();
  for (const c of chunks) framer.push(c);
  framer.end();
  return model.eventsHandled;
}

type Reader = (data: string) => void;
interface AsteriskManager {
  connect(port: number, host: string): void;
  removeAllListeners(event: string): void;
  on(event: string, listener: (item: Record<string, unknown>) => void): void;
}

/**
 * asterisk-manager parses in its socket's `data` handler (a closure over its private state) and
 * emits each item as `rawevent`. Its connect() is given a stand-in socket so that the very
 * handler it registers can be called with the data a socket set to UTF-8 would deliver.
 */
function asteriskManagerReader(onItem: () => void): Reader {
  const Manager = require('asterisk-manager') as (port?: number) => AsteriskManager;
  const net = require('node:net') as { createConnection: unknown };
  const handlers = new Map<string, (...a: unknown[]) => void>();
  const socket = {
    readyState: 'opening',
    setKeepAlive: () => undefined,
    setNoDelay: () => undefined,
    setEncoding: () => undefined,
    once: () => socket,
    on: (event: string, h: (...a: unknown[]) => void) => {
      handlers.set(event, h);
      return socket;
    },
  };
  const real = net.createConnection;
  const manager = Manager();
  net.createConnection = () => socket;
  try {
    manager.connect(5038, '127.0.0.1');
  } finally {
    net.createConnection = real;
  }
  const data = handlers.get('data');
  if (!data) throw new Error('asterisk-manager did not register a data handler: its internals changed');
  // Parse only: drop its dispatcher (one process.nextTick per emitted name per event).
  manager.removeAllListeners('rawevent');
  manager.on('rawevent', onItem);
  return (s) => data(s);
}

function asteriskManagerOnly(chunks: Buffer[]): number {
  let n = 0;
  const read = asteriskManagerReader(() => void n++);
  const decoder = new StringDecoder('utf8');
  for (const c of chunks) read(decoder.write(c));
  return n;
}

interface Timing {
  wall: number;
  /** This process's CPU time: steadier than the wall clock on a shared machine. */
  cpu: number;
}

function measure(fn: () => unknown): Timing {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

const median = (ts: Timing[]): Timing => ({ wall: summarize(ts.map((t) => t.wall)).p50, cpu: summarize(ts.map((t) => t.cpu)).p50 });

/** Runs each contestant WARMUP + ROUNDS times, alternating their order; returns each one's medians. */
function race(contestants: Array<() => unknown>): Timing[] {
  const times = contestants.map(() => [] as Timing[]);
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = contestants.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const t = measure(contestants[i] as () => unknown);
      if (r >= WARMUP) (times[i] as Timing[]).push(t);
    }
  }
  return times.map(median);
}

const mb = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);
const perS = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const times = (x: number): string => `${x.toFixed(2)}×`;

export async function run(): Promise<void> {
  if (process.env[CHILD] !== '1') {
    // Measured in a fresh V8: what other benchmarks leave behind (compiled code, a bigger heap,
    // allocation sites tenured because their objects lived long) must not count. Once, framer
    // messages kept while building the input, with playwright-core loaded as other benchmarks
    // do, got the framer's allocations pretenured and every parse 5x slower.
    const r = spawnSync(process.execPath, [...process.execArgv, __filename], { stdio: 'inherit', env: { ...process.env, [CHILD]: '1' } });
    if (r.status !== 0) throw new Error(`the ami parser benchmark failed (${r.status ?? r.signal})`);
    return;
  }
  const captures = loadCaptures();
  const input = sequentialInput(captures);
  console.log(
    `\n# Input: ${captures.length} real captures, copied with fresh ids: ${(input.bytes / 1e6).toFixed(1)} MB, ` +
      `${input.messages.toLocaleString('en-US')} messages (${input.events.toLocaleString('en-US')} events), ${input.chunks.length} chunks of 64 KiB; ` +
      `median of ${ROUNDS} rounds after ${WARMUP} warm-up; MB/s and events/s by the wall clock`,
  );
  // Both parsers must see every message, or the comparison means nothing.
  const counts = [framerOnly(input.chunks), asteriskManagerOnly(input.chunks), framerWithModel(input.chunks)];
  if (counts[0] !== input.messages || counts[1] !== input.messages || counts[2] !== input.events) {
    throw new Error(`parsers disagree on the input: framer ${counts[0]}, asterisk-manager ${counts[1]}, model events ${counts[2]}; expected ${input.messages}/${input.events}`);
  }
  const [framer, am, withModel] = race([() => framerOnly(input.chunks), () => asteriskManagerOnly(input.chunks), () => framerWithModel(input.chunks)]) as [Timing, Timing, Timing];
  const row = (name: string, t: Timing): string[] => [
    name,
    t.wall.toFixed(0),
    t.cpu.toFixed(0),
    mb(input.bytes, t.wall),
    perS(input.events, t.wall),
    times(am.wall / t.wall),
    times(am.cpu / t.cpu),
  ];
  console.log(
    table(
      ['measure', 'wall (ms)', 'CPU (ms)', 'MB/s', 'events/s', 'vs asterisk-manager parse, wall', 'CPU'],
      [row('asterisk-manager 0.2.0 parse', am), row('(a) framer parse', framer), row('(b) framer parse + call model', withModel)],
    ),
  );
  console.log(`(a) parse: framer ${times(am.wall / framer.wall)} asterisk-manager (CPU time: ${times(am.cpu / framer.cpu)})`);
  const b = am.wall / withModel.wall;
  console.log(`(b) parse + call model: ${times(b)} asterisk-manager parse alone (CPU time: ${times(am.cpu / withModel.cpu)}); goal ≥ 3×: ${b >= 3 ? 'met' : 'NOT met'}`);

  const conc = concurrentInput(captures);
  if (conc.liveMin < CONCURRENT_CALLS) throw new Error(`only ${conc.liveMin} calls live at some point of the (c) input; ${CONCURRENT_CALLS} wanted`);
  const open: number[] = [];
  const rounds: Timing[] = [];
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const { framer: f, model } = framerAndModel();
    for (const c of conc.prelude) f.push(c);
    if (r === 0) open.push(model.liveCalls().length);
    const t = measure(() => {
      for (const c of conc.body.chunks) f.push(c);
    });
    if (r === 0) open.push(model.liveCalls().length);
    if (r >= WARMUP) rounds.push(t);
  }
  const c = median(rounds);
  console.log(
    `\n# (c) ${conc.lanes} interleaved lanes of capture copies: ${(conc.body.bytes / 1e6).toFixed(1)} MB timed, ` +
      `${conc.body.events.toLocaleString('en-US')} events, after a ${(conc.prelude.reduce((s, x) => s + x.length, 0) / 1e6).toFixed(1)} MB prelude that opens the calls`,
  );
  console.log(
    table(
      ['measure', 'calls live in the stream (min-max)', 'open in the model (start, end)', 'wall (ms)', 'CPU (ms)', 'MB/s', 'events/s', 'events/s by CPU'],
      [
        [
          '(c) framer + call model, 2,000 concurrent calls',
          `${conc.liveMin}-${conc.liveMax}`,
          `${open[0]}, ${open[1]}`,
          c.wall.toFixed(0),
          c.cpu.toFixed(0),
          mb(conc.body.bytes, c.wall),
          perS(conc.body.events, c.wall),
          perS(conc.body.events, c.cpu),
        ],
      ],
    ),
  );
  const share = conc.body.events / c.cpu / (input.events / withModel.cpu);
  console.log(
    `(c) sustained ${perS(conc.body.events, c.wall)} events/s (${perS(conc.body.events, c.cpu)} by CPU time) with ≥ ${conc.liveMin} calls live in the stream: ` +
      `${(share * 100).toFixed(0)} % of (b)'s events/s by CPU time`,
  );
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
