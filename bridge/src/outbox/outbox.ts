import type { Registry } from 'prom-client';
import { backoffDelay } from '../ami/backoff';
import type { Logger } from '../logger';
import { registerOutboxMetrics, type OutboxMetrics } from './metrics';
import { contractProblems, type ContractCall } from './record';
import type { OutboxEntry, OutboxStore, PutResult, RetentionMs, SweepResult } from './store';
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
 * The call-log outbox: `enqueue` writes a record to disk synchronously (a quick local write, safe
 * to call from the AMI event path) and returns; a delivery loop, driven by timers and promises,
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
  private settles: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private running = false;
  private wakeQueued = false;
  private timer?: NodeJS.Timeout;
  private linkFailures = 0;
  private pausedUntil = 0;
  private lastSweep = 0;

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
  }

  /**
   * Writes a contract call to the outbox (durable when this returns) and wakes the delivery loop.
   * A record for a call already there updates it. An invalid record is kept as failed.
   */
  enqueue(call: Record<string, unknown>): PutResult {
    const callId = call.call_id;
    if (typeof callId !== 'string' || callId === '' || callId.length > 128) throw new TypeError('a call record needs a call_id (1-128 characters)');
    const r = this.store.put(callId, call, contractProblems);
    if (r.changed) {
      this.metrics?.enqueued.inc();
      if (r.status === 'failed') {
        this.metrics?.failed.inc();
        this.log.error({ callId, id: r.id, reason: this.store.get(r.id)?.lastError }, 'call record kept as failed: it does not match the REST contract');
      }
      this.wake();
    }
    return r;
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
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), new Promise((r) => (timeout = setTimeout(r, STOP_WAIT_MS)))]);
    clearTimeout(timeout);
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
    return this.inFlight.size === 0 && this.settles.length === 0 && this.store.nextDueAt() === null;
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
      this.arm(this.pausedUntil - now);
      return;
    }
    // While the link is down, one record probes it; the others wait for its answer.
    const slots = (this.linkFailures > 0 ? 1 : this.concurrency) - this.inFlight.size;
    if (slots > 0) {
      for (const row of this.store.due(slots, now, this.inFlight.keys())) this.send(row);
    }
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
    const next = this.store.nextDueAt();
    this.arm(next !== null && next > now ? Math.min(next - now, this.pollIntervalMs) : this.pollIntervalMs);
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
    const r = this.store.sweep(this.retention, now, this.inFlight.keys());
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

  private send(row: OutboxEntry): void {
    const p = (async () => {
      let outcome: DeliveryOutcome;
      try {
        outcome = await this.transport.deliver(row.payload as ContractCall, { id: row.id, revision: row.revision });
      } catch (err) {
        outcome = transient(errorText(err), false);
      }
      this.settles.push(() => this.settle(row, outcome));
    })().finally(() => {
      this.inFlight.delete(row.id);
      this.wake();
    });
    this.inFlight.set(row.id, p);
  }

  /** Applies finished deliveries in one transaction, without a disk sync of its own (see OutboxStore.bookkeeping). */
  private flushSettles(): void {
    if (this.settles.length === 0 || !this.store.db.open) return;
    const batch = this.settles;
    this.settles = [];
    this.store.bookkeeping(() => {
      for (const s of batch) s();
    });
  }

  private settle(row: OutboxEntry, outcome: DeliveryOutcome): void {
    const now = this.now();
    const m = this.metrics;
    if (outcome.ok) {
      m?.attempts.inc({ outcome: 'ok' });
      if (this.linkFailures > 0) this.log.info({ after: this.linkFailures }, 'call-log delivery works again');
      this.linkFailures = 0;
      if (this.store.markDelivered(row.id, row.revision)) {
        m?.delivered.inc();
        // Magento has it: with no delivered retention, the bridge's copy goes at once.
        if (this.retention.delivered === 0 && this.store.delete(row.id)) m?.retention.inc({ state: 'delivered' });
      }
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
