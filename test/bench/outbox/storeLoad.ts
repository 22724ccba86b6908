/**
 * A child process that does the outbox's store work for a burst of records and nothing else (the
 * outbox bench's floor row): the group commits of `enqueue` (64 records a transaction, validated
 * and synced as under 'full'), then the delivered marks in the outbox's batches, spread over about
 * the time their delivery takes. Run beside a bare publish loop, it shows what the durable write
 * costs the broker on a machine both share, with no part of it on the publishing thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { toContractCall } from '../../../bridge/src/outbox';
import { contractProblems } from '../../../bridge/src/outbox/record';
import { OutboxStore } from '../../../bridge/src/outbox/store';
import { burstRecord } from '../../ts/outbox/support/records';

/** As in Outbox: records per group commit, successes per bookkeeping transaction. */
const GROUP = 64;
const SETTLE_BATCH = 256;

export interface StoreLoadRequest {
  records: number;
  /** Expected delivery time of the burst (ms): the marks are spread over it. */
  spreadMs: number;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-bench-load-'));
const store = new OutboxStore(path.join(dir, 'outbox.sqlite'), { sync: 'full', groupSync: true });
let seq = 0;

async function load({ records, spreadMs }: StoreLoadRequest): Promise<void> {
  const calls = Array.from({ length: records }, () => toContractCall(burstRecord(`load${process.pid}`, seq++)));
  const written: Array<[number, number]> = [];
  const synced: Array<Promise<void>> = [];
  for (let i = 0; i < records; i += GROUP) {
    for (const r of store.putMany(calls.slice(i, i + GROUP).map((c) => ({ callId: String(c.call_id), payload: c })), contractProblems)) {
      if (r instanceof Error) throw r;
      written.push([r.id, r.revision]);
    }
    synced.push(store.durable());
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(synced);
  const batches = Math.ceil(records / SETTLE_BATCH);
  for (let i = 0; i < records; i += SETTLE_BATCH) {
    await sleep(spreadMs / batches);
    store.bookkeeping(() => store.markDeliveredMany(written.slice(i, i + SETTLE_BATCH)));
  }
  store.checkpoint();
}

process.on('message', (req: StoreLoadRequest) => {
  load(req).then(
    () => process.send?.({ done: true }),
    (err: unknown) => process.send?.({ error: String(err) }),
  );
});
process.on('disconnect', () => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
process.send?.({ ready: true });
