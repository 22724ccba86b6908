/**
 * Issue 12 benchmark: nothing lingers. About 1,000,000 events of real calls (the Asterisk 22
 * streams of ../shared/asterisk/captures, queue_abandoned also as FreePBX streams it, the
 * complete calls of ../shared/ami-captures), each copy with fresh ids (the test peer's
 * rewrite), LANES copies interleaved a few events at a time, written as AMI and fed to the
 * framer in 64 KiB chunks, framer -> call model as the bridge wires them. Once the target is
 * reached no copy starts and the ones under way finish.
 *
 * Prints: events, calls started and ended, calls and channels still open at the end (goal 0),
 * the heap after warm-up (WARMUP_EVENTS) against the heap when the target is reached, both
 * after a full GC and with LANES calls under way (goal: within 10 %), the heap once every call
 * is over, heap samples along the way, and events/s of framer + model alone (the rewriting and
 * encoding of the copies is not counted).
 * Streams that stop mid-call (pyfreepbx/originate.txt, goami2's ConfBridge snippets) are left
 * out: their calls are live when they stop, and only the PBX reconciliation could end them.
 */
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { readFileSync, readdirSync } from 'node:fs';
import { AmiFramer, parseAll } from '../../bridge/src/ami/framer';
import type { AmiMessage } from '../../bridge/src/ami/message';
import { encodeMessage } from '../../bridge/src/ami/writer';
import { CallModel } from '../../bridge/src/calls';
import { rewriteForPlayback } from '../../bridge/src/testpeer';
import { freepbxQueueAbandoned } from '../ts/calls/streams';
import { prng, table } from './stats';

const TARGET_EVENTS = Number(process.env.BENCH_SOAK_EVENTS ?? 1_000_000);
const WARMUP_EVENTS = Number(process.env.BENCH_SOAK_WARMUP ?? 100_000);
const LANES = 64;
const CHUNK = 64 * 1024;
const SHARED = path.resolve(__dirname, '../../../shared');

interface Source {
  name: string;
  events: AmiMessage[];
}

function sources(): Source[] {
  const events = (buf: Buffer) => parseAll(buf).messages.filter((m) => m.kind === 'event');
  const dir = path.join(SHARED, 'asterisk/captures');
  const out: Source[] = readdirSync(dir)
    .filter((f) => f.endsWith('.ami'))
    .sort()
    .map((f) => ({ name: f, events: events(readFileSync(path.join(dir, f))) }));
  out.push({ name: 'queue_abandoned (FreePBX)', events: events(freepbxQueueAbandoned('all-own-events')) });
  out.push({ name: 'pyfreepbx/answered.txt', events: events(readFileSync(path.join(SHARED, 'ami-captures/pyfreepbx/answered.txt'))) });
  out.push({ name: 'goami2/getAmiFixtureCall.ami', events: events(readFileSync(path.join(SHARED, 'ami-captures/goami2/getAmiFixtureCall.ami'))) });
  return out;
}

function gcHeapMb(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

export async function run(): Promise<void> {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const srcs = sources();
  // Deterministic choices, so runs compare.
  const random = prng(12);
  let seq = 0;
  let suffix = 0;
  const ids = {
    newUniqueid: () => `${1_900_000_000 + Math.floor(seq / 1000)}.${++seq}`,
    suffix: () => (++suffix % 0xffffffff).toString(16).padStart(8, '0'),
    now: () => Date.now(),
  };

  const model = new CallModel();
  let started = 0;
  let ended = 0;
  let updates = 0;
  model.on('ended', () => ended++);
  model.on('update', () => updates++);
  model.on('removed', () => undefined);
  let fed = 0;
  const framer = new AmiFramer({ message: (m) => m.kind === 'event' && model.handleEvent(m) });
  let modelNs = 0n;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pendingBytes === 0) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingBytes = 0;
    for (let i = 0; i < buf.length; i += CHUNK) {
      const t0 = process.hrtime.bigint();
      framer.push(buf.subarray(i, i + CHUNK));
      modelNs += process.hrtime.bigint() - t0;
    }
  };

  const lanes: Array<{ events: AmiMessage[]; at: number } | null> = [];
  const copy = (): { events: AmiMessage[]; at: number } => {
    started++;
    const src = srcs[Math.floor(random() * srcs.length)] as Source;
    return { events: rewriteForPlayback(src.events, ids), at: 0 };
  };
  for (let i = 0; i < LANES; i++) lanes.push(copy());

  let warmHeap: number | undefined;
  /** At the target, before the copies under way finish: as many calls in progress as after warm-up. */
  let targetHeap: number | undefined;
  const samples: string[][] = [];
  let nextSample = WARMUP_EVENTS;
  const t0 = Date.now();
  while (lanes.some((l) => l !== null)) {
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i];
      if (!lane) continue;
      const n = 1 + Math.floor(random() * 4);
      for (let k = 0; k < n && lane.at < lane.events.length; k++) {
        const text = encodeMessage((lane.events[lane.at++] as AmiMessage).headers);
        pending.push(text);
        pendingBytes += text.length;
        fed++;
      }
      if (lane.at >= lane.events.length) lanes[i] = fed < TARGET_EVENTS ? copy() : null;
    }
    if (pendingBytes >= CHUNK * 4) flush();
    if (fed >= nextSample || (targetHeap === undefined && fed >= TARGET_EVENTS)) {
      flush();
      const heap = gcHeapMb(gc);
      warmHeap ??= heap;
      if (fed >= TARGET_EVENTS) targetHeap = heap;
      samples.push([String(fed), heap.toFixed(1), String(model.liveCalls().length), String(model.liveChannels().length)]);
      nextSample += 200_000;
    }
  }
  flush();
  framer.end();
  const endHeap = gcHeapMb(gc);
  const openCalls = model.liveCalls().length;
  const openChannels = model.liveChannels().length;
  const seconds = Number(modelNs) / 1e9;
  samples.push([`${fed} (end)`, endHeap.toFixed(1), String(openCalls), String(openChannels)]);

  console.log(`${fed} events from ${srcs.length} real streams (${LANES} copies at a time, fresh ids per copy), ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  console.log(table(['events fed', 'heap after GC (MB)', 'open calls', 'live channels'], samples));
  console.log(
    table(
      ['figure', 'value'],
      [
        ['calls started / ended', `${started} / ${ended}`],
        ['open calls at the end (goal 0)', String(openCalls)],
        ['live channels at the end', String(openChannels)],
        ['views pushed', String(updates)],
        [`heap after warm-up (${WARMUP_EVENTS} events, ${LANES} calls under way)`, `${(warmHeap ?? endHeap).toFixed(1)} MB`],
        [`heap at ${TARGET_EVENTS} events (${LANES} calls under way)`, `${(targetHeap ?? endHeap).toFixed(1)} MB`],
        ['  against warm-up (goal within 10 %)', `${(((targetHeap ?? endHeap) / (warmHeap ?? endHeap) - 1) * 100).toFixed(1)} %`],
        ['heap at the end (all calls over)', `${endHeap.toFixed(1)} MB`],
        ['framer + model', `${Math.round(fed / seconds)} events/s`],
      ],
    ),
  );
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
