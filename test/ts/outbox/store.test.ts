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
});
