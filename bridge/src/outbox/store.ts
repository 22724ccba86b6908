import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { mergeCalls } from './record';
import type { OutboxSync } from './config';
import { WalSync, type FsyncFns } from './walSync';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'delivered', 'failed'];

/** One row of the outbox. Times are epoch milliseconds. */
export interface OutboxEntry {
  id: number;
  callId: string;
  /** The contract call as it will be (or was) delivered. */
  payload: Record<string, unknown>;
  status: OutboxStatus;
  /** Bumped each time a newer record for the same call lands; a delivery only settles its own revision. */
  revision: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  /** When the record entered its current status (retention counts from here). */
  stateSince: number;
}

/** A pending record as the delivery loop sends it: the payload with its stored JSON text (sent as is). */
export interface Delivery {
  id: number;
  callId: string;
  payload: Record<string, unknown>;
  json: string;
  revision: number;
  attempts: number;
}

/** What a retention sweep did: rows deleted by the state they were in, pending records given up. */
export interface SweepResult {
  delivered: number;
  /** Call ids of the failed records deleted (each one is logged). */
  failed: string[];
  /** Call ids of pending records set aside as failed after waiting too long. */
  gaveUp: string[];
}

/** How long each state is kept, in ms (see CallLogConfig.retention). */
export interface RetentionMs {
  delivered: number;
  failed: number;
  pending: number;
}

interface Row {
  id: number;
  call_id: string;
  payload: string;
  status: OutboxStatus;
  revision: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  state_since: number;
}

export interface PutResult {
  id: number;
  /** true when a new row was written, false when an existing row for the call was updated or kept. */
  created: boolean;
  /** false when the record brought nothing new (same payload): nothing was written. */
  changed: boolean;
  status: OutboxStatus;
}

/** What putMany tells the outbox about each record it wrote (more than a caller needs). */
export interface WriteResult extends PutResult {
  /** The row's revision after the write. */
  revision: number;
  /** The payload exactly as stored (JSON), when the write changed the row. */
  json?: string;
}

/** A record waiting for its group commit (OutboxStore.putMany). */
export interface PutItem {
  callId: string;
  payload: Record<string, unknown>;
}

/** Transactions this connection committed (counted for the tests and the bench). */
export interface CommitCounts {
  /** Enqueue commits (group commits; under sync 'full' made durable by the WAL syncs counted in `fsyncs`). */
  durable: number;
  /** Records those commits carried. */
  records: number;
  /** Delivery bookkeeping transactions (never synced on their own). */
  bookkeeping: number;
  /** WAL fsyncs under sync 'full' (enqueue commits waiting together share one). */
  fsyncs: number;
  /** Checkpoints the outbox asked for (when idle). */
  checkpoints: number;
}

const SCHEMA_VERSION = 4;

/**
 * The outbox table (schema 4). `status` is one of OUTBOX_STATUSES, written only by this class:
 * no CHECK constraint, which SQLite evaluates at every insert and every delivery mark (a fifth of
 * their cost, measured). AUTOINCREMENT: an id is never reused (see rebuild()).
 */
const outboxTable = (name: string) => `
  CREATE TABLE ${name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    delivered_at INTEGER,
    state_since INTEGER NOT NULL DEFAULT 0
  )`;
/**
 * WAL pages past which SQLite checkpoints on its own, inside a commit on the event loop: a
 * backstop (8 MB) for an outbox never idle; the outbox checkpoints when idle (checkpoint()).
 */
const AUTO_CHECKPOINT_PAGES = 2000;

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  callId: r.call_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  revision: r.revision,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
  stateSince: r.state_since,
});

type Problems = (p: Record<string, unknown>) => string | null;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The outbox on disk: one SQLite file, WAL journal, one row per call (unique call_id).
 * Every write is one synchronous transaction; under sync 'full' each is on disk on return (SQLite
 * syncs the WAL in COMMIT). A store opened with `groupSync` (the bridge's outbox) leaves that to
 * its caller instead: `putMany` writes a group of records in one transaction, then `durable()`
 * resolves once the WAL is on disk (one fsync, off the event loop, for every group committed
 * meanwhile); `put` still syncs before it returns.
 * Other processes (the `outbox` CLI) may open the same file while the bridge runs.
 */
export class OutboxStore {
  readonly db: Database.Database;
  readonly sync: OutboxSync;
  readonly commits: CommitCounts = { durable: 0, records: 0, bookkeeping: 0, fsyncs: 0, checkpoints: 0 };
  private readonly now: () => number;
  private readonly stmts;
  /** With groupSync under sync 'full' on a file: the WAL's fsyncs (the connection itself commits with NORMAL). */
  private readonly wal?: WalSync;

  /**
   * groupSync: the caller makes its group commits durable with `durable()` (the outbox's loop),
   * so COMMIT does not sync; without it, every commit syncs as `sync` says (the CLI, one-off writes).
   */
  constructor(file: string, opts: { sync?: OutboxSync; now?: () => number; readonly?: boolean; groupSync?: boolean; fsync?: FsyncFns } = {}) {
    this.sync = opts.sync ?? 'full';
    this.now = opts.now ?? Date.now;
    if (file !== ':memory:' && !opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      // Deleted records are overwritten, not left in free pages (retention means gone).
      this.db.pragma('secure_delete = ON');
      this.db.pragma('journal_mode = WAL');
      const groupSync = this.sync === 'full' && opts.groupSync === true && file !== ':memory:';
      // With groupSync the WAL is synced by WalSync, not inside each COMMIT.
      this.db.pragma(`synchronous = ${this.sync === 'full' && !groupSync ? 'FULL' : 'NORMAL'}`);
      this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      if (groupSync) this.wal = new WalSync(file, opts.fsync, () => this.commits.fsyncs++);
      this.migrate();
    }
    this.stmts = {
      byCallId: this.db.prepare<[string], Row>('SELECT * FROM outbox WHERE call_id = ?'),
      byId: this.db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?'),
      // A new call (the common case) in one statement; an existing one is left for the merge.
      insert: this.db.prepare<[string, string, OutboxStatus, string | null, number, number, number, number]>(
        `INSERT INTO outbox (call_id, payload, status, last_error, revision, attempts, next_attempt_at, created_at, updated_at, state_since)
         VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING`,
      ),
      update: this.db.prepare(
        `UPDATE outbox SET payload = @payload, status = @status, revision = revision + 1, next_attempt_at = @now,
           attempts = CASE WHEN @status = 'pending' AND status <> 'pending' THEN 0 ELSE attempts END,
           state_since = CASE WHEN @status <> status THEN @now ELSE state_since END,
           last_error = @last_error, delivered_at = NULL, updated_at = @now WHERE id = @id`,
      ),
      due: this.db.prepare<[number, string, number], Row>(
        // INDEXED BY: without statistics the planner may pick (status, state_since) and sort every pending row.
        `SELECT * FROM outbox INDEXED BY outbox_pending_due WHERE status = 'pending' AND next_attempt_at <= ?
           AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      nextDue: this.db.prepare<[], { t: number | null }>(`SELECT MIN(next_attempt_at) AS t FROM outbox INDEXED BY outbox_pending_due WHERE status = 'pending'`),
      // Positional parameters, run once per record of a batch (markDeliveredMany): cheaper than
      // named ones, or than one statement joining a JSON list of the batch.
      delivered: this.db.prepare<[number, number, number, number, number]>(
        `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, last_error = NULL, delivered_at = ?, updated_at = ?, state_since = ?
         WHERE id = ? AND revision = ? AND status = 'pending'`,
      ),
      retry: this.db.prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, updated_at = @now
         WHERE id = @id AND status = 'pending'`,
      ),
      failed: this.db.prepare(
        `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = @error, updated_at = @now, state_since = @now
         WHERE id = @id AND revision = @revision AND status = 'pending'`,
      ),
      counts: this.db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status'),
      oldestPending: this.db.prepare<[], { t: number | null }>(`SELECT MIN(created_at) AS t FROM outbox WHERE status = 'pending'`),
      retryFailedAll: this.db.prepare(
        `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now, updated_at = @now, state_since = @now WHERE status = 'failed'`,
      ),
      retryFailedOne: this.db.prepare(
        `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now, updated_at = @now, state_since = @now
         WHERE status = 'failed' AND id = @id`,
      ),
      purgeDelivered: this.db.prepare(`DELETE FROM outbox WHERE status = 'delivered' AND state_since < ?`),
      deleteOne: this.db.prepare(`DELETE FROM outbox WHERE id = ?`),
      expiredFailed: this.db.prepare<[number], { id: number; call_id: string }>(
        `SELECT id, call_id FROM outbox WHERE status = 'failed' AND state_since <= ? ORDER BY id`,
      ),
      stalePending: this.db.prepare<[number, string], { id: number; call_id: string }>(
        `SELECT id, call_id FROM outbox WHERE status = 'pending' AND state_since <= ? AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id`,
      ),
      giveUp: this.db.prepare(
        `UPDATE outbox SET status = 'failed', last_error = @error, updated_at = @now, state_since = @now WHERE id = @id AND status = 'pending'`,
      ),
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version >= SCHEMA_VERSION) return;
    this.db
      .transaction(() => {
        const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get() !== undefined;
        if (!exists) this.db.exec(outboxTable('outbox'));
        else this.rebuild();
        // Two indexes to keep up at each write (every one costs the event loop at each record and
        // each delivery mark): due rows from a partial index of the pending ones, and every
        // state aged by state_since (a delivered record's is its delivery time).
        this.db.exec(`
          CREATE INDEX IF NOT EXISTS outbox_pending_due ON outbox (next_attempt_at) WHERE status = 'pending';
          CREATE INDEX IF NOT EXISTS outbox_state_since ON outbox (status, state_since);
          PRAGMA user_version = ${SCHEMA_VERSION};
        `);
      })
      .immediate();
  }

  /**
   * An outbox file of an older schema, rebuilt as outboxTable says (SQLite cannot drop a CHECK
   * constraint in place), every record kept with its id, and the id sequence where it was (ids
   * are never reused: a delivery in flight settles its own row, never a newer one).
   */
  private rebuild(): void {
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(outbox)').all();
    // Schema 1 had no state_since: each record entered its state when it was delivered or last changed.
    const stateSince = columns.some((c) => c.name === 'state_since') ? 'state_since' : 'COALESCE(delivered_at, updated_at)';
    const kept = 'id, call_id, payload, status, revision, attempts, next_attempt_at, last_error, created_at, updated_at, delivered_at';
    this.db.exec(`
      DROP TABLE IF EXISTS outbox_rebuilt;
      ${outboxTable('outbox_rebuilt')};
      INSERT INTO outbox_rebuilt (${kept}, state_since) SELECT ${kept}, ${stateSince} FROM outbox ORDER BY id;
      DELETE FROM sqlite_sequence WHERE name = 'outbox_rebuilt';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_rebuilt', seq FROM sqlite_sequence WHERE name = 'outbox';
      DROP TABLE outbox;
      ALTER TABLE outbox_rebuilt RENAME TO outbox;
    `);
  }

  /**
   * Writes a call record (one transaction, durable on return). A record for a call already in the
   * outbox updates that row (fields left null keep their value: the module's upsert rule) and
   * makes it pending again if anything changed; it never creates a second row. A record that
   * `problems` finds invalid is kept as failed with the reason (visible, never dropped).
   */
  put(callId: string, payload: Record<string, unknown>, problems: Problems = () => null): PutResult {
    const { id, created, changed, status } = this.db.transaction(() => this.write(callId, payload, problems)).immediate();
    this.commits.durable++;
    this.commits.records++;
    // With groupSync COMMIT did not sync: this one-record write is on disk on return all the same.
    this.wal?.flushSync();
    return { id, created, changed, status };
  }

  /**
   * Writes a group of records in one transaction, in order, so two records of the same call
   * merge as they would one after the other. Committed on return (a killed process keeps them);
   * on disk once `durable()` resolves (under 'full': a power cut keeps them too). A record
   * that throws comes back as its Error, having written nothing (its one write statement is
   * atomic and comes last); the others are written. Throws (nothing written) when the commit fails.
   */
  putMany(items: readonly PutItem[], problems: Problems = () => null): Array<WriteResult | Error> {
    const out = this.db
      .transaction(() =>
        items.map((it): WriteResult | Error => {
          try {
            return this.write(it.callId, it.payload, problems);
          } catch (err) {
            return err instanceof Error ? err : new Error(String(err));
          }
        }),
      )
      .immediate();
    this.commits.durable++;
    this.commits.records += items.length;
    return out;
  }

  /**
   * One record's write, inside the caller's transaction: at most one statement that changes a row,
   * last. A new call takes one statement (the INSERT changes nothing when the call is there
   * already); a call already there is then read and merged.
   */
  private write(callId: string, payload: Record<string, unknown>, problems: Problems): WriteResult {
    const now = this.now();
    const invalid = problems(payload);
    const status: OutboxStatus = invalid ? 'failed' : 'pending';
    const json = JSON.stringify(payload);
    const info = this.stmts.insert.run(callId, json, status, invalid, now, now, now, now);
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), created: true, changed: true, status, revision: 1, json };
    return this.merge(this.stmts.byCallId.get(callId)!, payload, problems, now);
  }

  /** A record for a call already in the outbox: fields left null keep their value. */
  private merge(existing: Row, payload: Record<string, unknown>, problems: Problems, now: number): WriteResult {
    const older = JSON.parse(existing.payload) as Record<string, unknown>;
    const merged = mergeCalls(older, payload);
    if (sameJson(older, merged)) return { id: existing.id, created: false, changed: false, status: existing.status, revision: existing.revision };
    const invalid = problems(merged);
    const status: OutboxStatus = invalid ? 'failed' : 'pending';
    const json = JSON.stringify(merged);
    this.stmts.update.run({ payload: json, status, last_error: invalid, now, id: existing.id });
    return { id: existing.id, created: false, changed: true, status, revision: existing.revision + 1, json };
  }

  /**
   * Resolves once every write committed before the call is on disk: with groupSync under 'full',
   * one WAL fsync in the thread pool shared by every group committed meanwhile (WalSync); at once
   * otherwise (COMMIT synced already, or sync 'normal').
   */
  durable(): Promise<void> {
    return this.wal ? this.wal.flush() : Promise.resolve();
  }

  /** Resolves once no WAL sync is running (before the file closes). */
  syncsSettled(): Promise<void> {
    return this.wal ? this.wal.settled() : Promise.resolve();
  }

  /**
   * Runs delivery bookkeeping (delivered / retry / failed marks) in one transaction. With
   * groupSync (the bridge) it is not synced on its own: losing such a mark in a power cut only
   * means the record is delivered again, which the module's upsert on call_id makes harmless; the
   * next enqueue's WAL sync carries it to disk anyway.
   */
  bookkeeping(fn: () => void): void {
    this.commits.bookkeeping++;
    this.db.transaction(fn)();
  }

  /** Pending records whose time has come, oldest first, leaving out `exclude` (those in flight). */
  due(limit: number, now = this.now(), exclude: Iterable<number> = []): Delivery[] {
    return this.stmts.due
      .all(now, JSON.stringify([...exclude]), limit)
      .map((r) => ({ id: r.id, callId: r.call_id, payload: JSON.parse(r.payload) as Record<string, unknown>, json: r.payload, revision: r.revision, attempts: r.attempts }));
  }

  /** When the next pending record becomes due (epoch ms), or null when none is pending. */
  nextDueAt(): number | null {
    return this.stmts.nextDue.get()?.t ?? null;
  }

  /** Settles a delivery. false when a newer revision landed meanwhile: the row stays pending. */
  markDelivered(id: number, revision: number): boolean {
    return this.markDeliveredMany([[id, revision]]).length === 1;
  }

  /**
   * Settles many deliveries (inside a bookkeeping transaction): the ids marked delivered. A row
   * whose revision changed meanwhile stays pending, due now.
   */
  markDeliveredMany(settled: ReadonlyArray<readonly [id: number, revision: number]>): number[] {
    const now = this.now();
    const done: number[] = [];
    for (const [id, revision] of settled) {
      if (this.stmts.delivered.run(now, now, now, id, revision).changes === 1) done.push(id);
      else this.stmts.retry.run({ id, error: null, next: now, now });
    }
    return done;
  }

  /** Counts a failed attempt and schedules the next one. */
  markRetry(id: number, error: string, nextAttemptAt: number): void {
    this.stmts.retry.run({ id, error, next: nextAttemptAt, now: this.now() });
  }

  /** Sets a record aside as failed (kept, visible, retryable). false when a newer revision landed. */
  markFailed(id: number, revision: number, error: string): boolean {
    const now = this.now();
    if (this.stmts.failed.run({ id, revision, error, now }).changes === 1) return true;
    this.stmts.retry.run({ id, error, next: now, now });
    return false;
  }

  counts(): Record<OutboxStatus, number> {
    const out: Record<OutboxStatus, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const r of this.stmts.counts.all()) out[r.status] = r.n;
    return out;
  }

  /** Creation time of the oldest pending record, or null. */
  oldestPendingAt(): number | null {
    return this.stmts.oldestPending.get()?.t ?? null;
  }

  get(idOrCallId: number | string): OutboxEntry | undefined {
    const row = typeof idOrCallId === 'number' ? this.stmts.byId.get(idOrCallId) : this.stmts.byCallId.get(idOrCallId);
    return row ? toEntry(row) : undefined;
  }

  list(opts: { status?: OutboxStatus; limit?: number; callId?: string } = {}): OutboxEntry[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: opts.limit ?? -1 };
    if (opts.status) {
      where.push('status = @status');
      params.status = opts.status;
    }
    if (opts.callId) {
      where.push('call_id = @callId');
      params.callId = opts.callId;
    }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], Row>(sql).all(params).map(toEntry);
  }

  /** Failed → pending (attempts reset, due now): one record by id, or every failed one. */
  retryFailed(id?: number): number {
    const now = this.now();
    return id === undefined ? this.stmts.retryFailedAll.run({ now }).changes : this.stmts.retryFailedOne.run({ id, now }).changes;
  }

  /** Deletes delivered records delivered before `before` (epoch ms). */
  purgeDelivered(before: number): number {
    return this.stmts.purgeDelivered.run(before).changes;
  }

  /** Deletes one record whatever its state. */
  delete(id: number): boolean {
    return this.stmts.deleteOne.run(id).changes === 1;
  }

  /**
   * Applies the retention of every state in one transaction: delivered records and failed ones
   * past their time are deleted; pending ones waiting longer than theirs are set aside as failed
   * (then kept as failed records are). `inFlight` (being delivered) are left alone. Deleted rows
   * are overwritten on disk (secure_delete) and the journal is truncated, so the numbers they
   * held do not linger in the file.
   */
  sweep(retention: RetentionMs, now = this.now(), inFlight: Iterable<number> = []): SweepResult {
    const result = this.db.transaction((): SweepResult => {
      const delivered = this.stmts.purgeDelivered.run(now - retention.delivered + 1).changes;
      const failed = this.stmts.expiredFailed.all(now - retention.failed);
      for (const r of failed) this.stmts.deleteOne.run(r.id);
      const stale = this.stmts.stalePending.all(now - retention.pending, JSON.stringify([...inFlight]));
      const days = Math.round(retention.pending / 86_400_000);
      for (const r of stale) this.stmts.giveUp.run({ id: r.id, now, error: `gave up: not delivered within ${days} day(s) (callLog.retention.pendingDays)` });
      return { delivered, failed: failed.map((r) => r.call_id), gaveUp: stale.map((r) => r.call_id) };
    }).immediate();
    if (result.delivered + result.failed.length > 0) this.compact();
    return result;
  }

  /**
   * Copies the WAL into the database file without waiting for readers (PASSIVE), so it is rewound
   * at the next write. The outbox runs it when idle: a checkpoint (two syncs and a copy of every
   * page written since the last) then holds up no delivery and no AMI event. Best effort.
   */
  checkpoint(): void {
    this.commits.checkpoints++;
    this.walCheckpoint('PASSIVE');
  }

  /** Best effort: moves the WAL into the file and empties it (readers may hold it a little longer). */
  private compact(): void {
    this.walCheckpoint('TRUNCATE');
  }

  private walCheckpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    try {
      this.db.pragma(`wal_checkpoint(${mode})`);
    } catch {
      // busy: the next checkpoint (idle or sweep) copies it
    }
  }

  close(): void {
    this.wal?.close();
    if (this.db.open) this.db.close();
  }
}
