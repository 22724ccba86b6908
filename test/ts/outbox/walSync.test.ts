/**
 * Under sync 'full' the outbox syncs the WAL itself, off the event loop (issue 18, point 3): a
 * record is acknowledged only once an fsync of the WAL file that began after its commit is done;
 * groups committed while one runs share the next; a failed sync is said and loses nothing.
 * The fsync is held by the test (FsyncFns) to see who waits for what; the real one runs in the
 * other tests of this file.
 */
import { fstatSync, fsync, fsyncSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../bridge/src/logger';
import { Outbox, OutboxStore, toContractCall, type Transport } from '../../../bridge/src/outbox';
import type { FsyncFns } from '../../../bridge/src/outbox/walSync';
import { burstIds, burstRecord } from './support/records';
import { committedIds, enqueueBurst, nowhere } from './support/outboxFile';

const silent = createLogger('silent');
let dir: string;
let file: string;
let outboxes: Outbox[];

/** An fsync the test releases by hand; records the descriptors it was given. */
class HeldFsync implements FsyncFns {
  readonly waiting: Array<{ fd: number; done: (err: NodeJS.ErrnoException | null) => void }> = [];
  readonly fds: number[] = [];
  syncCalls = 0;
  fsync(fd: number, done: (err: NodeJS.ErrnoException | null) => void): void {
    this.fds.push(fd);
    this.waiting.push({ fd, done });
  }
  fsyncSync(fd: number): void {
    this.syncCalls++;
    fsyncSync(fd);
  }
  /** Lets the oldest fsync finish (really syncing), or fail with `err`; resolves once it has. */
  release(err?: NodeJS.ErrnoException): Promise<void> {
    const w = this.waiting.shift();
    if (!w) throw new Error('no fsync is waiting');
    return new Promise((resolve) => {
      if (err) {
        w.done(err);
        resolve();
      } else {
        fsync(w.fd, (e) => {
          w.done(e);
          resolve();
        });
      }
    });
  }
}
const helds: HeldFsync[] = [];
const newHeld = () => {
  const h = new HeldFsync();
  helds.push(h);
  return h;
};


function open(opts: { fsync?: FsyncFns; transport?: Transport; logger?: ReturnType<typeof createLogger> } = {}): Outbox {
  const o = new Outbox({
    store: new OutboxStore(file, { sync: 'full', groupSync: true, ...(opts.fsync ? { fsync: opts.fsync } : {}) }),
    transport: opts.transport ?? nowhere,
    logger: opts.logger ?? silent,
    retry: { minDelayMs: 60_000, maxDelayMs: 60_000 },
  });
  outboxes.push(o);
  return o;
}

/** Settles promises' state without awaiting them (true once resolved). */
function watch<T>(p: Promise<T>): { done: boolean; failed?: unknown } {
  const s: { done: boolean; failed?: unknown } = { done: false };
  p.then(() => (s.done = true), (e: unknown) => (s.failed = e));
  return s;
}

/** A few turns of the event loop (commits run on setImmediate). */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-wal-sync-'));
  file = path.join(dir, 'o.sqlite');
  outboxes = [];
});
afterEach(async () => {
  for (const h of helds.splice(0)) while (h.waiting.length > 0) await h.release();
  for (const o of outboxes) if (o.store.db.open) await o.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox WAL sync (sync full)', () => {
  it('commits with synchronous=NORMAL and syncs the WAL file itself: a record is acknowledged only after that fsync', async () => {
    const held = newHeld();
    const o = open({ fsync: held });
    expect(o.store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: no fsync inside COMMIT
    const acks = burstIds('w', 0, 20).map((_, i) => watch(o.enqueue(toContractCall(burstRecord('w', i)))));
    await turns();
    // Committed (another connection reads them), not acknowledged: the fsync has not finished.
    expect(committedIds(file)).toEqual(burstIds('w', 0, 20));
    expect(held.waiting).toHaveLength(1);
    expect(acks.some((a) => a.done)).toBe(false);
    // The descriptor synced is the WAL file's.
    expect(fstatSync(held.fds[0]!).ino).toBe(statSync(`${file}-wal`).ino);
    await held.release();
    await turns();
    expect(acks.every((a) => a.done)).toBe(true);
    expect(o.store.commits).toMatchObject({ durable: 1, records: 20, fsyncs: 1 });
  });

  it('groups committed while an fsync runs wait for the next one, and share it', async () => {
    const held = newHeld();
    const o = open({ fsync: held });
    const a = watch(o.enqueue(toContractCall(burstRecord('a', 0))));
    await turns();
    expect(held.waiting).toHaveLength(1);
    // Two more groups, each committed in its own turn while the first fsync runs.
    const b = watch(o.enqueue(toContractCall(burstRecord('b', 0))));
    await turns();
    const c = watch(o.enqueue(toContractCall(burstRecord('c', 0))));
    await turns();
    expect(o.store.commits.durable).toBe(3);
    expect(held.waiting).toHaveLength(1); // the next one waits for the running one to finish
    await held.release();
    await turns();
    expect([a.done, b.done, c.done]).toEqual([true, false, false]);
    expect(held.waiting).toHaveLength(1); // one fsync for b and c
    await held.release();
    await turns();
    expect([b.done, c.done]).toEqual([true, true]);
    expect(o.store.commits.fsyncs).toBe(2);
  });

  it('a record is sent while its sync runs (Magento having it loses nothing), yet acknowledged only once on disk', async () => {
    const held = newHeld();
    const sent: string[] = [];
    const o = open({ fsync: held, transport: { name: 'rest', deliver: async (call) => (sent.push(call.call_id), { ok: true }), close: async () => undefined } });
    o.start();
    const ack = watch(o.enqueue(toContractCall(burstRecord('s', 0))));
    await turns(10);
    expect(sent).toEqual(['s.0']);
    expect(ack.done).toBe(false);
    await held.release();
    await turns();
    expect(ack.done).toBe(true);
    await o.idle();
    expect(o.store.get('s.0')?.status).toBe('delivered');
  });

  it('a failed sync rejects the acknowledgment with a clear error and is logged; the records stay in the file and the outbox goes on', async () => {
    const held = newHeld();
    const lines: string[] = [];
    const logger = createLogger('error', { write: (l: string) => void lines.push(l) });
    const o = open({ fsync: held, logger });
    const lost = o.enqueue(toContractCall(burstRecord('f', 0)));
    await turns();
    const eio = Object.assign(new Error('input/output error'), { code: 'EIO' });
    await held.release(eio);
    await expect(lost).rejects.toThrow(/could not sync the outbox's WAL to disk: EIO input\/output error/);
    expect(lines.join('')).toMatch(/written but not synced to disk/);
    expect(o.store.get('f.0')?.status).toBe('pending');
    const next = o.enqueue(toContractCall(burstRecord('f', 1)));
    await turns();
    await held.release();
    await expect(next).resolves.toMatchObject({ created: true });
  });

  it('stop() answers the records whose sync is running before closing the file', async () => {
    const held = newHeld();
    const o = open({ fsync: held });
    const ack = watch(o.enqueue(toContractCall(burstRecord('t', 0))));
    await turns();
    let stopped = false;
    const stopping = o.stop().then(() => (stopped = true));
    await turns();
    expect(stopped).toBe(false);
    expect(o.store.db.open).toBe(true);
    await held.release();
    await stopping;
    expect(ack.done).toBe(true);
    expect(o.store.db.open).toBe(false);
  });

  it("with node's own fsync: every acknowledged record of a burst is in the file, with an fsync per group at most", async () => {
    const o = open();
    await enqueueBurst(o, 'r', 150);
    expect(o.store.commits.durable).toBe(3);
    expect(o.store.commits.fsyncs).toBeGreaterThanOrEqual(1);
    expect(o.store.commits.fsyncs).toBeLessThanOrEqual(3);
    expect(committedIds(file)).toHaveLength(150);
  });

  it("put is synced before it returns on a group-sync store; a store without groupSync (the CLI's) has SQLite sync each COMMIT; 'normal' never syncs", () => {
    const held = newHeld();
    const store = new OutboxStore(file, { sync: 'full', groupSync: true, fsync: held });
    try {
      store.put('p1', { call_id: 'p1' });
      // the directory once (the WAL's entry), then the WAL
      expect(held.syncCalls).toBe(2);
      expect(store.commits.fsyncs).toBe(1);
      store.bookkeeping(() => store.markDeliveredMany([[1, 1]]));
      expect(store.commits.fsyncs).toBe(1); // bookkeeping is never synced on its own
    } finally {
      store.close();
    }
    const cli = new OutboxStore(file, { sync: 'full', fsync: held });
    try {
      expect(cli.db.pragma('synchronous', { simple: true })).toBe(2); // FULL: synced in COMMIT
      cli.retryFailed();
      cli.put('p2', { call_id: 'p2' });
      expect(cli.commits.fsyncs).toBe(0);
      expect(held.syncCalls).toBe(2);
    } finally {
      cli.close();
    }
    const normal = new OutboxStore(path.join(dir, 'n.sqlite'), { sync: 'normal', groupSync: true, fsync: held });
    try {
      expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
      normal.put('n1', { call_id: 'n1' });
      expect(normal.commits.fsyncs).toBe(0);
    } finally {
      normal.close();
    }
  });
});
