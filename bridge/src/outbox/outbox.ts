import type { Registry } from 'prom-client';
import { backoffDelay } from '../ami/backoff';
import type { Logger } from '../logger';
import { registerOutboxMetrics, type OutboxMetrics } from './metrics';
import { compiledContractCheck, contractProblems, type ContractCall } from './record';
import type { Delivery, OutboxStore, PutItem, PutResult, RetentionMs, SweepResult, WriteResult } from './store';
import { errorText, transient, type DeliveryOutcome, type Transport } from './transport';

export interface OutboxOptions {
  store: OutboxStore;
  transport: Transport;
  logger: Logger;
  /** Registry to expose bandeau_outbox_* on (the bridge's /metrics). */
  registry?: Registry;
  concurrency?: number;
  retry?: { minDelayMs: number; maxDelayMs: number; maxAttempts?: number | undefined };
  pollIntervalMs?: number;
  /** How long each state is kept (CallLogConfig.retention); every state has a limit. */
  retention?: Partial<OutboxRetention>;
  now?: () => number;
  random?: () => number;
}

export interface OutboxRetention {
  deliveredHours: number;
  pendingDays: number;
  failedDays: number;
  sweepIntervalMinutes: number;
}
export const DEFAULT_RETENTION: OutboxRetention = { deliveredHours: 1, pendingDays: 7, failedDays: 14, sweepIntervalMinutes: 10 };

const STOP_WAIT_MS = 5_000;
/**
 * Records per group commit at most: one fsync for up to this many, and the event loop (AMI
 * included) never held for long by one commit (under a millisecond: shorter than a delivery's
 * round trip, so the deliveries in flight of a burst are not kept waiting for it); a larger
 * burst takes a few turns.
 */
const GROUP_MAX = 64;
/** Due rows read per query of the delivery loop (at least the concurrency). */
const READ_AHEAD = 64;
/**
 * Records just written that go to the delivery queue as they are, not read back from the file:
 * at most this many wait there (in memory); the rest of a larger burst is read back as due.
 */
const HOT_MAX = 1024;
/**
 * Successful deliveries that wake the loop to settle them in one bookkeeping transaction (each
 * group commit wakes it too): fewer transactions, each index page written once for many marks.
 */
const SETTLE_BATCH = 256;
/** Records written since the last checkpoint for an idle outbox to checkpoint the WAL (about 1 MB). */
const CHECKPOINT_AFTER = 256;

/**
 * The call-log outbox: `enqueue` queues a record for the next group commit (one transaction and one
 * fsync for every record waiting, never inside the caller's stack, so safe to call from the AMI
 * event path) and resolves once it is on disk; a delivery loop, driven by timers and promises,
 * sends pending records through the transport and settles each one in the store.
 *
 * Delivery is at-least-once: a record is marked delivered only after Magento (or the broker) said
 * so, and a crash between the two sends it again; the module's upsert on call_id makes that
 * harmless.
 */
export class Outbox {
  readonly store: OutboxStore;
  readonly transport: Transport;
  readonly metrics: OutboxMetrics | undefined;
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly retry: { minDelayMs: number; maxDelayMs: number; maxAttempts?: number | undefined };
  private readonly pollIntervalMs: number;
  private readonly retention: RetentionMs;
  private readonly sweepEveryMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Due rows read ahead (or just written), not sent yet. */
  private queue: Delivery[] = [];
  /** Records enqueued and not written yet (the next group commit). */
  private group: Array<{ item: PutItem; resolve: (r: PutResult) => void; reject: (err: unknown) => void }> = [];
  /** Finished deliveries to settle; a success adds its [id, revision] to `delivered` (settled together). */
  private settles: Array<(delivered: Array<[number, number]>) => void> = [];
  private idleWaiters: Array<() => void> = [];
  /** Groups committed whose callers wait for the WAL sync (sync 'full'). */
  private syncing = 0;
  private running = false;
  private wakeQueued = false;
  private timer?: NodeJS.Timeout;
  private linkFailures = 0;
  private pausedUntil = 0;
  private lastSweep = 0;
  /** store.commits.records at the last idle checkpoint. */
  private checkpointedAt = 0;
  private checkpointQueued = false;

  constructor(opts: OutboxOptions) {
    this.store = opts.store;
    this.transport = opts.transport;
    this.log = opts.logger.child({ component: 'outbox', transport: opts.transport.name });
    this.concurrency = opts.concurrency ?? 8;
    this.retry = opts.retry ?? { minDelayMs: 1000, maxDelayMs: 300_000 };
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    const r = { ...DEFAULT_RETENTION, ...opts.retention };
    this.retention = { delivered: r.deliveredHours * 3_600_000, pending: r.pendingDays * 86_400_000, failed: r.failedDays * 86_400_000 };
    this.sweepEveryMs = r.sweepIntervalMinutes * 60_000;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.metrics = opts.registry ? registerOutboxMetrics(opts.registry, this.store, this.now) : undefined;
    // Now, at start-up, rather than inside the first group commit, on the AMI event path.
    compiledContractCheck();
  }

  /**
   * Writes a contract call to the outbox and wakes the delivery loop; resolves once the record is
   * durable (on disk under sync 'full'). Records enqueued before the next turn of the event loop
   * are written together in one transaction; under 'full' the WAL is then synced off the event
   * loop, one fsync for every group committed meanwhile (group commit). Records commit in enqueue order,
   * so two records of one call merge in that order. A record for a call already there updates it;
   * an invalid record is kept as failed. Rejects when the record could not be written.
   */
  enqueue(call: Record<string, unknown>): Promise<PutResult> {
    const callId = call.call_id;
    if (typeof callId !== 'string' || callId === '' || callId.length > 128) return Promise.reject(new TypeError('a call record needs a call_id (1-128 characters)'));
    return new Promise<PutResult>((resolve, reject) => {
      this.group.push({ item: { callId, payload: call }, resolve, reject });
      if (this.group.length === 1) setImmediate(() => this.commitGroup());
    });
  }

  /** Writes every record waiting in one transaction, then settles their promises. */
  private commitGroup(): void {
    if (this.group.length === 0) return;
    const batch = this.group.splice(0, GROUP_MAX);
    // The rest of a large burst goes in the next turn: deliveries of this group start meanwhile.
    if (this.group.length > 0) setImmediate(() => this.commitGroup());
    let results: Array<WriteResult | Error>;
    try {
      if (!this.store.db.open) throw new Error('the call-log outbox is closed');
      results = this.store.putMany(batch.map((w) => w.item), contractProblems);
    } catch (err) {
      this.log.error({ err, records: batch.length }, 'could not write call records to the outbox');
      for (const w of batch) w.reject(err);
      return;
    }
    // New records go straight to the delivery queue as written (payload, stored JSON), unless
    // delivery is held back (stopped, paused, link down: then the loop reads them when it resumes).
    // A record updating a call already there is left for the loop: its older revision may be in flight.
    // One may be sent while its WAL sync runs: it is acknowledged (below) only once on disk, and
    // a copy in Magento with none on disk after a power cut loses nothing.
    const hot = this.running && this.linkFailures === 0 && this.now() >= this.pausedUntil;
    const acks: Array<() => void> = [];
    results.forEach((r, i) => {
      const w = batch[i]!;
      if (r instanceof Error) return w.reject(r);
      if (hot && r.created && r.status === 'pending' && r.json !== undefined && this.queue.length < HOT_MAX) {
        this.queue.push({ id: r.id, callId: w.item.callId, payload: w.item.payload, json: r.json, revision: r.revision, attempts: 0 });
      }
      if (r.changed) {
        this.metrics?.enqueued.inc();
        if (r.status === 'failed') {
          this.metrics?.failed.inc();
          this.log.error({ callId: w.item.callId, id: r.id, reason: this.store.get(r.id)?.lastError }, 'call record kept as failed: it does not match the REST contract');
        }
      }
      acks.push(() => w.resolve({ id: r.id, created: r.created, changed: r.changed, status: r.status }));
    });
    if (hot) this.fillSafely();
    // also when nothing changed: idle() waiters are answered by the loop
    this.wake();
    if (acks.length === 0) return;
    this.syncing++;
    this.store
      .durable()
      .then(
        () => {
          for (const ack of acks) ack();
        },
        (err: unknown) => {
          this.log.error({ err, records: acks.length }, 'call records written but not synced to disk: they are delivered, yet a power cut could lose them');
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        this.syncing--;
        this.wake();
      });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.log.info({ counts: this.store.counts(), sync: this.store.sync }, 'call-log outbox started');
    this.wake();
  }

  /** Stops the loop, waits a little for deliveries in flight, closes the transport and the file. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    // Records already enqueued are written (and delivered next time) before the file closes.
    while (this.group.length > 0) this.commitGroup();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), new Promise((r) => (timeout = setTimeout(r, STOP_WAIT_MS)))]);
    clearTimeout(timeout);
    // Their callers are answered before the file closes.
    await this.store.syncsSettled();
    this.flushSettles();
    await this.transport.close();
    this.store.close();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves once nothing is pending or in flight (failed records do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.group.length === 0 && this.syncing === 0 && this.inFlight.size === 0 && this.settles.length === 0 && this.store.nextDueAt() === null;
  }

  /** Runs the loop soon, never inside the caller's stack. */
  wake(): void {
    if (!this.running || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      try {
        this.pump();
      } catch (err) {
        this.log.error({ err }, 'outbox loop error');
        this.arm(this.pollIntervalMs);
      }
    });
  }

  private arm(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    // not unref'd: a running outbox keeps its process alive until stop()
    this.timer = setTimeout(() => this.wake(), Math.max(0, delayMs));
  }

  private pump(): void {
    if (!this.running) return;
    this.flushSettles();
    const now = this.now();
    if (now - this.lastSweep >= this.sweepEveryMs) this.sweep(now);
    if (now < this.pausedUntil) {
      this.queue = [];
      this.arm(this.pausedUntil - now);
      return;
    }
    this.fill(now);
    if (this.isIdle()) {
      for (const w of this.idleWaiters.splice(0)) w();
      this.checkpointWhenIdle();
    }
    const next = this.store.nextDueAt();
    this.arm(next !== null && next > now ? Math.min(next - now, this.pollIntervalMs) : this.pollIntervalMs);
  }

  /**
   * Checkpoints the WAL once enough was written and nothing waits, in a later turn (whoever was
   * waiting for idle goes first); skipped if work arrived meanwhile. Bursts are never held up by
   * it; SQLite's own backstop (store.ts) covers an outbox that is never idle.
   */
  private checkpointWhenIdle(): void {
    if (this.checkpointQueued || this.store.commits.records - this.checkpointedAt < CHECKPOINT_AFTER) return;
    this.checkpointQueued = true;
    setImmediate(() => {
      this.checkpointQueued = false;
      if (!this.running || !this.store.db.open || !this.isIdle()) return;
      this.checkpointedAt = this.store.commits.records;
      this.store.checkpoint();
    });
  }

  /** Deliveries allowed at once: while the link is down, one record probes it; the others wait for its answer. */
  private width(): number {
    return this.linkFailures > 0 ? 1 : this.concurrency;
  }

  /**
   * Starts deliveries while slots are free, from due rows read ahead in one query (not one query
   * per record). Finished deliveries are settled before the store is read again, so a record just
   * delivered is never read back as due.
   */
  private fill(now = this.now()): void {
    for (;;) {
      if (this.inFlight.size >= this.width()) return;
      if (this.queue.length === 0) {
        // Settling may record a failure that pauses delivery (or narrows it to one probe).
        this.flushSettles();
        if (now < this.pausedUntil || this.inFlight.size >= this.width()) return;
        this.queue = this.store.due(Math.max(READ_AHEAD, this.concurrency), now, this.inFlight.keys());
        if (this.queue.length === 0) return;
      }
      this.send(this.queue.shift()!);
    }
  }

  /** fill() outside the loop's own turn: an error (a store gone bad) is logged, the loop goes on. */
  private fillSafely(): void {
    try {
      this.fill();
    } catch (err) {
      this.log.error({ err }, 'outbox loop error');
    }
  }

  /**
   * Applies the retention of every state (run by the loop every sweepIntervalMinutes). A failed
   * record past its time is deleted, not anonymised: a record without its numbers is of no use
   * to anyone, and keeping its remains forever is what retention is meant to end; each deletion
   * is a warn line naming the call id (never a number) and counts in
   * bandeau_outbox_retention_total, so an operator can tell Magento lacks that call.
   */
  sweep(now = this.now()): SweepResult {
    this.lastSweep = now;
    // Rows read ahead are about to be sent: left alone as those in flight are.
    const r = this.store.sweep(this.retention, now, [...this.inFlight.keys(), ...this.queue.map((e) => e.id)]);
    const m = this.metrics;
    if (r.delivered > 0) {
      m?.retention.inc({ state: 'delivered' }, r.delivered);
      this.log.debug({ deleted: r.delivered }, 'retention: delivered call records deleted');
    }
    for (const callId of r.gaveUp) {
      m?.retention.inc({ state: 'pending' });
      m?.failed.inc();
      this.log.warn({ callId }, 'retention: call record not delivered in time; set aside as failed');
    }
    for (const callId of r.failed) {
      m?.retention.inc({ state: 'failed' });
      this.log.warn({ callId }, 'retention: failed call record deleted; Magento never got it');
    }
    return r;
  }

  private send(row: Delivery): void {
    const p = (async () => {
      let outcome: DeliveryOutcome;
      try {
        outcome = await this.transport.deliver(row.payload as ContractCall, { id: row.id, revision: row.revision, json: row.json });
      } catch (err) {
        outcome = transient(errorText(err), false);
      }
      this.settles.push((delivered) => this.settle(row, outcome, delivered));
      return outcome.ok;
    })().then((ok) => {
      this.inFlight.delete(row.id);
      if (!this.running) return;
      // A failure (or the first success after one) changes what may be sent: the loop settles it
      // first, and rows read ahead are read again then (backoff, pause).
      if (!ok || this.linkFailures > 0) {
        this.queue = [];
        this.wake();
        return;
      }
      // The next record goes out at once, as in a bare send loop; successes are settled in batches.
      this.fillSafely();
      if (this.inFlight.size === 0 || this.settles.length >= SETTLE_BATCH) this.wake();
    });
    this.inFlight.set(row.id, p);
  }

  /**
   * Applies finished deliveries in one transaction, without a disk sync of its own (see
   * OutboxStore.bookkeeping): failures one by one, in order, then every success (markDeliveredMany).
   */
  private flushSettles(): void {
    if (this.settles.length === 0 || !this.store.db.open) return;
    const batch = this.settles;
    this.settles = [];
    const m = this.metrics;
    this.store.bookkeeping(() => {
      const delivered: Array<[number, number]> = [];
      for (const s of batch) s(delivered);
      const settled = this.store.markDeliveredMany(delivered);
      m?.delivered.inc(settled.length);
      // Magento has them: with no delivered retention, the bridge's copies go at once.
      if (this.retention.delivered === 0) for (const id of settled) if (this.store.delete(id)) m?.retention.inc({ state: 'delivered' });
    });
  }

  private settle(row: Delivery, outcome: DeliveryOutcome, delivered: Array<[number, number]>): void {
    const now = this.now();
    const m = this.metrics;
    if (outcome.ok) {
      m?.attempts.inc({ outcome: 'ok' });
      if (this.linkFailures > 0) this.log.info({ after: this.linkFailures }, 'call-log delivery works again');
      this.linkFailures = 0;
      delivered.push([row.id, row.revision]);
      return;
    }
    if (outcome.permanent) {
      m?.attempts.inc({ outcome: 'permanent' });
      if (this.store.markFailed(row.id, row.revision, outcome.reason)) {
        m?.failed.inc();
        this.log.error({ callId: row.callId, id: row.id, reason: outcome.reason }, 'call record refused: kept as failed (bandeau-bridge outbox retry)');
      }
      return;
    }
    m?.attempts.inc({ outcome: 'transient' });
    const attempts = row.attempts + 1;
    if (this.retry.maxAttempts !== undefined && attempts >= this.retry.maxAttempts) {
      if (this.store.markFailed(row.id, row.revision, `gave up after ${attempts} attempts: ${outcome.reason}`)) m?.failed.inc();
      return;
    }
    if (outcome.link) {
      // Deliveries in flight when the link broke fail together: they count as one failure.
      if (now >= this.pausedUntil) {
        this.linkFailures++;
        const pause = outcome.retryAfterMs ?? backoffDelay(this.linkFailures - 1, this.retry.minDelayMs, this.retry.maxDelayMs, this.random);
        this.pausedUntil = now + Math.min(pause, this.retry.maxDelayMs);
        if (this.linkFailures === 1) this.log.warn({ reason: outcome.reason }, 'call-log delivery link is down; records stay in the outbox');
      }
      this.store.markRetry(row.id, outcome.reason, this.pausedUntil);
      return;
    }
    const delay = outcome.retryAfterMs ?? backoffDelay(row.attempts, this.retry.minDelayMs, this.retry.maxDelayMs, this.random);
    this.log.warn({ callId: row.callId, id: row.id, attempts, reason: outcome.reason, retryInMs: delay }, 'call record delivery failed; will retry');
    this.store.markRetry(row.id, outcome.reason, now + delay);
  }
}
