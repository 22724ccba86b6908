/**
 * Retention of every outbox state (issue 14, point 5), on a fake clock: delivered records go
 * after deliveredHours (at once with 0), pending ones are given up after pendingDays, failed
 * ones are deleted failedDays after they failed, with a warn line naming the call id only and a
 * metric. After deletion the number is gone from the SQLite file and its journal too.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Registry } from 'prom-client';
import { createLogger } from '../../../bridge/src/logger';
import { CallLogConfig, Outbox, OutboxStore, RestTransport, type Transport } from '../../../bridge/src/outbox';
import type { DeliveryOutcome } from '../../../bridge/src/outbox/transport';
import { permanent, transient } from '../../../bridge/src/outbox/transport';
import { waitFor } from './support/processes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NUMBER = '+33612345678';

const call = (id: string, from = NUMBER) => ({
  call_id: id,
  linked_ids: [id],
  direction: 'inbound',
  from,
  to: '7001',
  agent_extension: '7001',
  started_at: '2026-11-30T10:00:00Z',
  ended_at: '2026-11-30T10:01:00Z',
  disposition: 'answered',
});

class FixedTransport implements Transport {
  readonly name = 'rest' as const;
  sent = 0;
  constructor(public outcome: DeliveryOutcome) {}
  async deliver(): Promise<DeliveryOutcome> {
    this.sent++;
    return this.outcome;
  }
  async close(): Promise<void> {}
}

/** Every byte of the outbox on disk (database file and its WAL). */
function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
}

let dir: string;
let now: number;
let lines: string[];
let registry: Registry;
let outbox: Outbox | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-retention-'));
  now = Date.UTC(2026, 10, 30, 12);
  lines = [];
  registry = new Registry();
});
afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function open(transport: Transport, retention: Partial<CallLogConfig['retention']> = {}, file = path.join(dir, 'outbox.sqlite')): Outbox {
  const store = new OutboxStore(file, { now: () => now });
  outbox = new Outbox({
    store,
    transport,
    logger: createLogger('debug', { write: (s: string) => void lines.push(s) }),
    registry,
    retention: { ...CallLogConfig.parse({ enabled: false }).retention, ...retention },
    retry: { minDelayMs: 10, maxDelayMs: 20 },
    pollIntervalMs: 50,
    now: () => now,
  });
  return outbox;
}

const retentionMetric = async (state: string) =>
  (await registry.getSingleMetric('bandeau_outbox_retention_total')?.get())?.values.find((v) => v.labels.state === state)?.value ?? 0;

describe('call-log config: retention', () => {
  it('has a limit for every state by default, and tells an old config what replaced keepDeliveredDays', () => {
    expect(CallLogConfig.parse({ enabled: false }).retention).toEqual({ deliveredHours: 1, pendingDays: 7, failedDays: 14, sweepIntervalMinutes: 10 });
    const old = CallLogConfig.safeParse({ enabled: false, keepDeliveredDays: 30 });
    expect(old.success).toBe(false);
    expect(JSON.stringify(old.error?.issues)).toMatch(/retention\.deliveredHours/);
    expect(CallLogConfig.safeParse({ enabled: false, retention: { failedDays: 0 } }).success).toBe(false);
    expect(CallLogConfig.safeParse({ enabled: false, retention: { keepForever: true } }).success).toBe(false);
  });
});

describe('outbox retention on a fake clock', () => {
  it('deletes a delivered record deliveredHours after delivery, not before', async () => {
    const o = open(new FixedTransport({ ok: true }));
    o.start();
    await o.enqueue(call('d1'));
    await waitFor('the delivery', () => o.store.get('d1')?.status === 'delivered');
    now += HOUR - 1;
    expect(o.sweep()).toEqual({ delivered: 0, failed: [], gaveUp: [] });
    expect(o.store.get('d1')).toBeDefined();
    now += 1;
    expect(o.sweep().delivered).toBe(1);
    expect(o.store.get('d1')).toBeUndefined();
    expect(await retentionMetric('delivered')).toBe(1);
  });

  it('with deliveredHours 0, keeps no copy once Magento has the record', async () => {
    const o = open(new FixedTransport({ ok: true }), { deliveredHours: 0 });
    o.start();
    await o.enqueue(call('d0'));
    await waitFor('the record deleted at delivery', () => o.store.counts().pending === 0 && o.store.get('d0') === undefined);
    expect(o.store.counts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
    expect(await retentionMetric('delivered')).toBe(1);
  });

  it('a refused record is kept failed for failedDays (retryable), then deleted: warn line with the call id, metric, number gone from the file', async () => {
    const file = path.join(dir, 'outbox.sqlite');
    const o = open(new FixedTransport(permanent('HTTP 400: refused')), {}, file);
    o.start();
    await o.enqueue(call('f1', '+33698765432'));
    await o.enqueue(call('keep1')); // a younger failed record stays
    await waitFor('both refused', () => o.store.counts().failed === 2);
    const failedAt = now;
    expect(fileBytes(file)).toContain('+33698765432');
    now = failedAt + 14 * DAY - 1;
    expect(o.sweep().failed).toEqual([]);
    // The operator retries the other one on day 13: its 14 days start again when it fails again.
    o.store.retryFailed(o.store.get('keep1')!.id);
    await waitFor('refused again', () => o.store.get('keep1')?.status === 'failed');
    now = failedAt + 14 * DAY;
    expect(o.sweep()).toEqual({ delivered: 0, failed: ['f1'], gaveUp: [] });
    expect(o.store.get('f1')).toBeUndefined();
    expect(o.store.get('keep1')?.status).toBe('failed');
    expect(await retentionMetric('failed')).toBe(1);
    const warn = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.callId === 'f1' && /retention/.test(String(l.msg)));
    expect(warn).toMatchObject({ level: 40, callId: 'f1' });
    expect(lines.join('')).not.toMatch(/98765432/);
    // secure_delete + a truncated journal: the bytes of the number are not left on disk.
    expect(fileBytes(file)).not.toContain('98765432');
  });

  it('a record Magento never answers for is given up after pendingDays, then deleted failedDays later', async () => {
    const transport = new FixedTransport(transient('ECONNREFUSED', true));
    const o = open(transport, { pendingDays: 2, failedDays: 3 });
    o.start();
    await o.enqueue(call('p1'));
    await waitFor('a first attempt', () => transport.sent > 0);
    now += 2 * DAY - 1;
    expect(o.sweep().gaveUp).toEqual([]);
    now += 10 * 60_000; // the loop's next sweep
    await waitFor('given up by the loop', () => o.store.get('p1')?.status === 'failed');
    expect(o.store.get('p1')?.lastError).toMatch(/not delivered within 2 day/);
    expect(await retentionMetric('pending')).toBe(1);
    now += 3 * DAY;
    await waitFor('deleted by the loop', () => o.store.get('p1') === undefined);
    expect(await retentionMetric('failed')).toBe(1);
  });

  it('the loop sweeps every sweepIntervalMinutes on its own', async () => {
    const o = open(new FixedTransport({ ok: true }), { deliveredHours: 1, sweepIntervalMinutes: 5 });
    o.start();
    await o.enqueue(call('s1'));
    await waitFor('delivered', () => o.store.get('s1')?.status === 'delivered');
    now += HOUR + 5 * 60_000;
    await waitFor('swept without being asked', () => o.store.get('s1') === undefined);
  });

  it('an outbox file from before retention gets the state times of its records', () => {
    const file = path.join(dir, 'v1.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')), revision INTEGER NOT NULL DEFAULT 1,
      attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, delivered_at INTEGER); PRAGMA user_version = 1;`);
    db.prepare(`INSERT INTO outbox (call_id, payload, status, next_attempt_at, created_at, updated_at, delivered_at) VALUES ('old', '{}', 'failed', 0, 5, 7, NULL)`).run();
    db.prepare(`INSERT INTO outbox (call_id, payload, status, next_attempt_at, created_at, updated_at, delivered_at) VALUES ('done', '{}', 'delivered', 0, 5, 9, 8)`).run();
    db.close();
    const store = new OutboxStore(file, { now: () => now });
    expect(store.get('old')?.stateSince).toBe(7);
    expect(store.get('done')?.stateSince).toBe(8);
    expect(store.sweep({ delivered: HOUR, pending: DAY, failed: DAY })).toEqual({ delivered: 1, failed: ['old'], gaveUp: [] });
    store.close();
  });
});

describe('REST refusals quoting the number', () => {
  it('keep the number out of the reason stored in the outbox and logged', async () => {
    // Magento's webapi errors fill %value with what was refused.
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Invalid value of "%value" provided for the %fieldName field.', parameters: { value: '+33 6 12 34 56 78', fieldName: 'from' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const rest = new RestTransport({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`, token: 't' });
      const o = open(rest);
      o.start();
      await o.enqueue(call('r1'));
      await waitFor('refused', () => o.store.get('r1')?.status === 'failed');
      expect(o.store.get('r1')?.lastError).toMatch(/^HTTP 400 from .*Invalid value of "\[redacted\]" provided for the from field\.$/);
      expect(lines.join('')).not.toMatch(/12 34 56 78|612345678/);
      expect(lines.join('')).toContain('r1');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
