import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboxStore } from '../../../bridge/src/outbox/store';
import { contractProblems } from '../../../bridge/src/outbox/record';
import { contractFile } from './support/contract';

const example = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json').call;

describe('outbox store (SQLite)', () => {
  let dir: string;
  let now: number;
  let store: OutboxStore;
  const open = (sync: 'full' | 'normal' = 'full') => new OutboxStore(path.join(dir, 'sub', 'outbox.sqlite'), { sync, now: () => now });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-outbox-'));
    now = 1_700_000_000_000;
    store = open();
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its folder, uses WAL and the disk-sync policy asked for', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    store.close();
    store = open('normal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    store.close();
    // groupSync (the bridge's outbox): COMMIT does not sync; the store syncs the WAL itself (walSync.test.ts).
    store = new OutboxStore(path.join(dir, 'sub', 'outbox.sqlite'), { sync: 'full', groupSync: true, now: () => now });
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    store.put('c0', example);
    expect(store.commits.fsyncs).toBe(1);
  });

  it('writes a record as pending, durable across reopening the file', () => {
    const r = store.put('c1', example, contractProblems);
    expect(r).toEqual({ id: 1, created: true, changed: true, status: 'pending' });
    store.close();
    store = open();
    const e = store.get('c1');
    expect(e).toMatchObject({ id: 1, callId: 'c1', status: 'pending', revision: 1, attempts: 0, nextAttemptAt: now, payload: example });
    expect(store.counts()).toEqual({ pending: 1, delivered: 0, failed: 0 });
  });

  it('keeps one row per call: a repeated record updates it, null fields keep their value', () => {
    store.put('c1', { call_id: 'c1', direction: 'inbound', started_at: '2024-05-01T12:20:00Z', customer_id: 12 });
    const again = store.put('c1', { call_id: 'c1', direction: 'inbound', started_at: '2024-05-01T12:20:00Z', customer_id: null, recording_url: 'https://pbx/r.wav' });
    expect(again).toMatchObject({ id: 1, created: false, changed: true, status: 'pending' });
    expect(store.list()).toHaveLength(1);
    expect(store.get('c1')).toMatchObject({ revision: 2, payload: { customer_id: 12, recording_url: 'https://pbx/r.wav' } });
    expect(() => store.db.prepare(`INSERT INTO outbox (call_id, payload, status, next_attempt_at, created_at, updated_at) VALUES ('c1', '{}', 'pending', 0, 0, 0)`).run()).toThrow(/UNIQUE/);
  });

  it('leaves a delivered record alone when the same record comes again, and re-sends it when it changed', () => {
    const { id } = store.put('c1', example);
    expect(store.markDelivered(id, 1)).toBe(true);
    expect(store.put('c1', example)).toMatchObject({ changed: false, status: 'delivered' });
    expect(store.put('c1', { ...example, note: 'called back' })).toMatchObject({ changed: true, status: 'pending' });
    expect(store.get(id)).toMatchObject({ status: 'pending', revision: 2, attempts: 0, deliveredAt: null });
  });

  it('settles a delivery only for the revision that was sent', () => {
    const { id } = store.put('c1', example);
    store.put('c1', { ...example, customer_id: 99 }); // lands while revision 1 is on the wire
    expect(store.markDelivered(id, 1)).toBe(false);
    expect(store.get(id)).toMatchObject({ status: 'pending', revision: 2, attempts: 1 });
    expect(store.markFailed(id, 1, 'HTTP 400')).toBe(false);
    expect(store.get(id)?.status).toBe('pending');
    expect(store.markDelivered(id, 2)).toBe(true);
  });

  it('keeps an invalid record as failed with the reason, never drops it', () => {
    const r = store.put('c2', { call_id: 'c2', direction: 'sideways', started_at: 'yesterday' }, contractProblems);
    expect(r.status).toBe('failed');
    const e = store.get('c2');
    expect(e?.lastError).toMatch(/direction/);
    expect(e?.lastError).toMatch(/started_at/);
  });

  it('schedules retries, lists due records oldest first, and retries failed ones on demand', () => {
    const a = store.put('a', example).id;
    now += 10;
    const b = store.put('b', example).id;
    expect(store.due(10).map((e) => e.id)).toEqual([a, b]);
    store.markRetry(a, 'ECONNREFUSED', now + 1000);
    expect(store.due(10).map((e) => e.id)).toEqual([b]);
    expect(store.nextDueAt()).toBe(now);
    expect(store.get(a)).toMatchObject({ attempts: 1, lastError: 'ECONNREFUSED' });
    store.markFailed(b, 1, 'HTTP 400 refused');
    expect(store.retryFailed()).toBe(1);
    expect(store.get(b)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now });
    store.markFailed(b, 1, 'again');
    expect(store.retryFailed(a)).toBe(0);
    expect(store.retryFailed(b)).toBe(1);
  });

  it('purges delivered records older than a date, and deletes one on demand', () => {
    const a = store.put('a', example).id;
    const b = store.put('b', example).id;
    store.markDelivered(a, 1);
    now += 86_400_000;
    store.markDelivered(b, 1);
    expect(store.purgeDelivered(now - 1000)).toBe(1);
    expect(store.list().map((e) => e.callId)).toEqual(['b']);
    expect(store.delete(b)).toBe(true);
    expect(store.counts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
  });

  it('can be read by a second, read-only connection while the first writes (the CLI beside the bridge)', () => {
    store.put('a', example);
    const reader = new OutboxStore(store.db.name, { readonly: true });
    try {
      store.put('b', example);
      expect(reader.counts().pending).toBe(2);
    } finally {
      reader.close();
    }
  });

  it('keeps two indexes up at each write (schema 4): due rows come from the partial index of pending ones, in order, without a sort', () => {
    const indexes = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name").all().map((r) => r.name);
    expect(indexes).toEqual(['outbox_pending_due', 'outbox_state_since']);
    const plan = (sql: string) => store.db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => r.detail).join(' | ');
    const due = plan("SELECT * FROM outbox INDEXED BY outbox_pending_due WHERE status = 'pending' AND next_attempt_at <= 1 ORDER BY next_attempt_at, id LIMIT 64");
    expect(due).toMatch(/USING INDEX outbox_pending_due/);
    expect(due).not.toMatch(/TEMP B-TREE/);
    // Delivered records are aged by state_since (their delivery time), as every state is.
    const id = store.put('c1', example).id;
    now += 10;
    store.bookkeeping(() => store.markDeliveredMany([[id, 1]]));
    expect(store.due(10, now)).toEqual([]);
    expect(store.purgeDelivered(now)).toBe(0);
    expect(store.purgeDelivered(now + 1)).toBe(1);
  });

  const indexNames = () => store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name").all().map((r) => r.name);
  const tableSql = () => store.db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get()!.sql;

  it('a schema 2 file gets the schema 4 table and indexes, its records kept', () => {
    store.put('c1', example);
    store.db.exec(`DROP INDEX outbox_pending_due; CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_delivered ON outbox (status, delivered_at); PRAGMA user_version = 2;`);
    store.close();
    store = open();
    expect(indexNames()).toEqual(['outbox_pending_due', 'outbox_state_since']);
    expect(store.db.pragma('user_version', { simple: true })).toBe(4);
    expect(store.due(10, now).map((d) => d.callId)).toEqual(['c1']);
  });

  it('a schema 3 file is rebuilt without the status CHECK (evaluated at every write), every record and the id sequence kept', () => {
    store.close();
    rmSync(path.join(dir, 'sub'), { recursive: true, force: true });
    store = open();
    // The schema 3 table, as bridges before this one made it.
    store.db.exec(`DROP TABLE outbox; DELETE FROM sqlite_sequence;
      CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')), revision INTEGER NOT NULL DEFAULT 1,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, delivered_at INTEGER, state_since INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX outbox_pending_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_state_since ON outbox (status, state_since);
      PRAGMA user_version = 3;`);
    for (const id of ['a', 'b', 'c', 'd']) store.put(id, { ...example, call_id: id });
    const b = store.get('b')!.id;
    store.bookkeeping(() => store.markDeliveredMany([[b, 1]]));
    store.markFailed(store.get('c')!.id, 1, 'refused');
    // The newest record goes: its id must not come back.
    const top = store.get('d')!.id;
    store.delete(top);
    const before = store.list();
    store.close();
    store = open();
    expect(store.db.pragma('user_version', { simple: true })).toBe(4);
    expect(tableSql()).not.toMatch(/CHECK/i);
    expect(indexNames()).toEqual(['outbox_pending_due', 'outbox_state_since']);
    expect(store.list()).toEqual(before);
    expect(store.put('e', { ...example, call_id: 'e' }).id).toBe(top + 1);
    expect(store.due(10, now).map((d) => d.callId)).toEqual(['a', 'e']);
    expect(store.counts()).toEqual({ pending: 2, delivered: 1, failed: 1 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get('outbox_rebuilt')).toEqual({ n: 0 });
  });

  it('a new file is made at schema 4 at once', () => {
    expect(tableSql()).not.toMatch(/CHECK/i);
    expect(store.db.pragma('user_version', { simple: true })).toBe(4);
    store.close();
    store = open();
    expect(store.db.pragma('user_version', { simple: true })).toBe(4);
  });
});
