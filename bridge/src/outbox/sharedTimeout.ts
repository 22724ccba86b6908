import { setMaxListeners } from 'node:events';

/**
 * Timeouts without a timer per delivery (REST requests, AMQP publisher confirms): deliveries that
 * start within one bucket of time (a tenth of the timeout, at most 100 ms) share one timer, fired
 * at bucket start + timeoutMs + bucket length. So a delivery times out after timeoutMs to
 * timeoutMs + bucket, never sooner. Two views of the same bucket: an AbortSignal (fetch) and
 * callbacks (a publish waiting for its confirm), cancelled when the delivery ends first.
 */
export class SharedTimeout {
  readonly bucketMs: number;
  private bucket?: { until: number; waiting: Set<() => void>; abort?: AbortController };

  constructor(
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bucketMs = timeoutBucketMs(timeoutMs);
  }

  /** The signal for a delivery starting now: aborted (TimeoutError) when its bucket times out. */
  current(): AbortSignal {
    const b = this.currentBucket();
    if (!b.abort) {
      b.abort = new AbortController();
      // Every request of the bucket listens on it: no leak warning. Not 0 (no limit): fetch reads
      // the limit with events.getMaxListeners, which throws (then caught) on 0, at every request.
      setMaxListeners(1_000_000, b.abort.signal);
    }
    return b.abort.signal;
  }

  /** Calls `onTimeout` when the bucket of a delivery starting now times out; the function returned cancels it. */
  watch(onTimeout: () => void): () => void {
    const waiting = this.currentBucket().waiting;
    waiting.add(onTimeout);
    return () => waiting.delete(onTimeout);
  }

  private currentBucket(): { until: number; waiting: Set<() => void>; abort?: AbortController } {
    const now = this.now();
    if (this.bucket && now < this.bucket.until) return this.bucket;
    const bucket: { until: number; waiting: Set<() => void>; abort?: AbortController } = { until: now + this.bucketMs, waiting: new Set() };
    const ms = this.timeoutMs;
    // unref'd: a delivery still waiting keeps its socket (and the process) alive, not this timer.
    setTimeout(() => {
      bucket.abort?.abort(new DOMException(`timeout after ${ms} ms`, 'TimeoutError'));
      for (const timedOut of bucket.waiting) timedOut();
    }, ms + this.bucketMs).unref();
    this.bucket = bucket;
    return bucket;
  }
}

/** A tenth of the timeout, at most 100 ms: how long deliveries share one timeout timer. */
export function timeoutBucketMs(timeoutMs: number): number {
  return Math.max(1, Math.min(100, Math.ceil(timeoutMs / 10)));
}
