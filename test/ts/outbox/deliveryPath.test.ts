/**
 * The outbox's delivery path at full speed (issue 18): records just committed go to delivery as
 * written (not read back from the file), each only once it is on disk and sent once; the stored
 * JSON is what goes on the wire; successes are settled by one statement per batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../bridge/src/logger';
import { ContractCall, Outbox, OutboxStore, RestTransport, toContractCall, type Transport } from '../../../bridge/src/outbox';
import { messageBody } from '../../../bridge/src/outbox/amqp';
import type { DeliveryMeta } from '../../../bridge/src/outbox/transport';
import { ContractEndpoint } from './support/contractEndpoint';
import { contractFile } from './support/contract';
import { burstIds, burstRecord } from './support/records';
import { enqueueBurst } from './support/outboxFile';

const silent = createLogger('silent');
const example = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json').call;
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-delivery-path-'));
  file = path.join(dir, 'o.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What another process sees in the file: the committed payload text of a call, or undefined. */
function committedJson(callId: string): string | undefined {
  const reader = new OutboxStore(file, { readonly: true });
  try {
    return reader.db.prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE call_id = ?').get(callId)?.payload;
  } finally {
    reader.close();
  }
}

/** Records every delivery: call id, revision, the JSON handed over, and whether that JSON was committed then. */
class RecordingTransport implements Transport {
  readonly name = 'rest' as const;
  sent: Array<{ callId: string; revision: number; json: string | undefined; committed: boolean }> = [];
  /** Deliveries wait for this when set (to hold one in flight). */
  gate?: Promise<void>;
  async deliver(call: ContractCall, meta?: DeliveryMeta) {
    this.sent.push({ callId: call.call_id, revision: meta?.revision ?? 0, json: meta?.json, committed: meta?.json !== undefined && committedJson(call.call_id) === meta.json });
    await (this.gate ?? new Promise((r) => setImmediate(r)));
    return { ok: true as const };
  }
  async close() {}
}

function open(transport: Transport): Outbox {
  return new Outbox({ store: new OutboxStore(file), transport, logger: silent, retry: { minDelayMs: 5, maxDelayMs: 40 }, pollIntervalMs: 50, concurrency: 8 });
}

/** Counts the rows the delivery loop read back from the file. */
function countReads(outbox: Outbox): { rows: number } {
  const reads = { rows: 0 };
  const due = outbox.store.due.bind(outbox.store);
  outbox.store.due = (...args) => {
    const rows = due(...args);
    reads.rows += rows.length;
    return rows;
  };
  return reads;
}

/** A started outbox given `n` records at once, once idle: what was sent and what was read back. */
async function burst(prefix: string, n: number) {
  const t = new RecordingTransport();
  const o = open(t);
  const reads = countReads(o);
  o.start();
  await enqueueBurst(o, prefix, n);
  await o.idle();
  return { t, o, reads };
}

describe('outbox delivery path', () => {
  it('sends records just committed as written: none read back, each once, its committed JSON, only once on disk', async () => {
    const { t, o, reads } = await burst('h', 300);
    expect(reads.rows).toBe(0);
    expect(t.sent.map((s) => s.callId).sort()).toEqual(burstIds('h', 0, 300).sort());
    expect(t.sent.every((s) => s.committed && s.revision === 1)).toBe(true);
    for (const s of t.sent.slice(0, 5)) expect(JSON.parse(s.json!)).toEqual(o.store.get(s.callId)!.payload);
    expect(o.store.counts()).toEqual({ pending: 0, delivered: 300, failed: 0 });
    // Settled in batches, each one statement for its successes (not one transaction per record).
    expect(o.store.commits.bookkeeping).toBeLessThan(30);
    await o.stop();
  });

  it('a burst larger than what waits in memory is read back for the rest: every record sent once', async () => {
    const { t, o, reads } = await burst('b', 1500);
    const ids = t.sent.map((s) => s.callId);
    expect(ids).toHaveLength(1500);
    expect(new Set(ids).size).toBe(1500);
    expect(reads.rows).toBeGreaterThan(0);
    expect(t.sent.every((s) => s.committed)).toBe(true);
    expect(o.store.counts()).toEqual({ pending: 0, delivered: 1500, failed: 0 });
    await o.stop();
  });

  it('a newer record for a call being delivered is sent after it, with its revision: none lost, none doubled', async () => {
    const t = new RecordingTransport();
    const o = open(t);
    o.start();
    let open_!: () => void;
    t.gate = new Promise((r) => (open_ = r));
    const first = toContractCall(burstRecord('u', 0));
    await o.enqueue(first);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.sent).toHaveLength(1);
    // The call changes while its first revision is in flight.
    await o.enqueue({ ...first, note: 'called back' });
    t.gate = undefined;
    open_();
    await o.idle();
    expect(t.sent.map((s) => [s.callId, s.revision])).toEqual([
      ['u.0', 1],
      ['u.0', 2],
    ]);
    expect(JSON.parse(t.sent[1]!.json!)).toMatchObject({ note: 'called back' });
    expect(o.store.get('u.0')).toMatchObject({ status: 'delivered', revision: 2, payload: { note: 'called back' } });
    await o.stop();
  });

  it('holds nothing in memory while delivery is stopped: records written then are read from the file when it starts', async () => {
    const t = new RecordingTransport();
    const o = open(t);
    const reads = countReads(o);
    await enqueueBurst(o, 's', 10);
    expect(t.sent).toEqual([]);
    o.start();
    await o.idle();
    expect(reads.rows).toBe(10);
    expect(t.sent.map((s) => s.callId).sort()).toEqual(burstIds('s', 0, 10).sort());
    await o.stop();
  });
});

describe('outbox WAL checkpoints', () => {
  /** Frames in the WAL and frames of it already copied into the database file. */
  const walState = (o: Outbox) => {
    const r = o.store.db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
    return r[0]!;
  };

  it('are made when the outbox is idle after a burst (not inside it): the WAL is copied into the file, no delivery held up', async () => {
    const transport = new RecordingTransport();
    const o = open(transport);
    try {
      o.start();
      // A few records: too little to checkpoint for.
      await enqueueBurst(o, 'k', 10);
      await o.idle();
      await new Promise((r) => setImmediate(r));
      expect(o.store.commits.checkpoints).toBe(0);
      await enqueueBurst(o, 'c', 300);
      await o.idle();
      // Nothing yet: whoever waited for idle goes first.
      expect(o.store.commits.checkpoints).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(o.store.commits.checkpoints).toBe(1);
      const wal = walState(o);
      expect(wal.log).toBeGreaterThan(0);
      expect(wal.checkpointed).toBe(wal.log);
      expect(transport.sent).toHaveLength(310);
    } finally {
      await o.stop();
    }
  });

  it('an idle checkpoint is skipped when records arrive before its turn', async () => {
    const o = open(new RecordingTransport());
    try {
      o.start();
      await enqueueBurst(o, 's', 300);
      await o.idle();
      const more = o.enqueue(toContractCall(burstRecord('s', 300)));
      await new Promise((r) => setImmediate(r));
      expect(o.store.commits.checkpoints).toBe(0);
      await more;
      await o.idle();
      await new Promise((r) => setImmediate(r));
      expect(o.store.commits.checkpoints).toBe(1);
    } finally {
      await o.stop();
    }
  });
});

describe('outbox store: settling many deliveries', () => {
  it('marks the revisions delivered in one statement; a newer revision stays pending and due; unknown ids are ignored', () => {
    let now = 1_700_000_000_000;
    const store = new OutboxStore(file, { now: () => now });
    try {
      const a = store.put('a', { call_id: 'a' }).id;
      const b = store.put('b', { call_id: 'b' }).id;
      const c = store.put('c', { call_id: 'c' }).id;
      store.put('b', { call_id: 'b', note: 'newer' }); // revision 2 while revision 1 was being sent
      now += 1000;
      let settled: number[] = [];
      store.bookkeeping(() => (settled = store.markDeliveredMany([[a, 1], [b, 1], [c, 1], [999, 1]])));
      expect(settled.sort()).toEqual([a, c]);
      expect(store.get(a)).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: now, stateSince: now, lastError: null });
      expect(store.get(b)).toMatchObject({ status: 'pending', revision: 2, attempts: 1, nextAttemptAt: now });
      expect(store.due(10, now).map((e) => e.id)).toEqual([b]);
      expect(store.markDeliveredMany([])).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("bookkeeping commits without a disk sync of their own on the bridge's store (groupSync)", () => {
    const store = new OutboxStore(file, { sync: 'full', groupSync: true });
    try {
      store.put('a', { call_id: 'a' });
      const synced = store.commits.fsyncs;
      store.bookkeeping(() => store.markDeliveredMany([[1, 1]]));
      expect(store.commits.fsyncs).toBe(synced);
      expect(() => store.bookkeeping(() => { throw new Error('boom'); })).toThrow('boom');
      expect(store.get('a')?.status).toBe('delivered');
    } finally {
      store.close();
    }
  });

  it('a record for a call already there is merged, not inserted again; an identical one writes nothing', () => {
    const store = new OutboxStore(file);
    try {
      expect(store.putMany([{ callId: 'a', payload: { call_id: 'a', from: '1' } }, { callId: 'a', payload: { call_id: 'a', from: null, to: '2' } }, { callId: 'a', payload: { call_id: 'a', to: '2' } }])).toMatchObject([
        { created: true, changed: true, revision: 1 },
        { created: false, changed: true, revision: 2 },
        { created: false, changed: false, revision: 2 },
      ]);
      expect(store.list()).toEqual([expect.objectContaining({ id: 1, revision: 2, payload: { call_id: 'a', from: '1', to: '2' } })]);
      expect(store.put('b', { call_id: 'b' })).toMatchObject({ created: true, changed: true });
      expect(store.list().map((e) => e.callId)).toEqual(['a', 'b']);
    } finally {
      store.close();
    }
  });
});

describe('transports send the stored JSON as is', () => {
  it('REST: the body from the stored JSON is the one serialising the call gives (the endpoint stores the same)', async () => {
    const endpoint = new ContractEndpoint('t');
    await endpoint.start();
    try {
      const rest = new RestTransport({ url: endpoint.url, token: 't', timeoutMs: 10_000 });
      const call = ContractCall.parse(example);
      expect(await rest.deliver(call, { id: 1, revision: 1, json: JSON.stringify(call) })).toEqual({ ok: true });
      const viaJson = structuredClone(endpoint.stored.get(call.call_id));
      endpoint.stored.clear();
      expect(await rest.deliver(call)).toEqual({ ok: true });
      expect(viaJson).toEqual(endpoint.stored.get(call.call_id));
    } finally {
      await endpoint.stop();
    }
  });

  it('AMQP: the message body from the stored JSON is byte for byte the one from the call', () => {
    const call = ContractCall.parse(example);
    expect(messageBody(call, JSON.stringify(call)).equals(messageBody(call))).toBe(true);
  });
});
