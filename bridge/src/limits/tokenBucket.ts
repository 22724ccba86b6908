import type { BucketConfig } from './config';

/**
 * A token bucket, synchronous and allocation-free: checked inside the socket's message handler
 * before anything else runs, so commands keep their order and the normal path costs a few
 * arithmetic operations (rate-limiter-flexible, the usual library, answers with a promise per
 * call and counts fixed windows rather than refilling a bucket).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  private readonly perMs: number;

  constructor(private readonly cfg: BucketConfig, now: number = Date.now()) {
    this.tokens = cfg.burst;
    this.at = now;
    this.perMs = cfg.burst / (cfg.intervalS * 1000);
  }

  /** Takes one token; false when none is left (the bucket is then left as it was). */
  take(now: number = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Back to full: nothing to remember about this key. */
  isFull(now: number = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.cfg.burst;
  }

  private refill(now: number): void {
    const elapsed = now - this.at;
    if (elapsed <= 0) return;
    this.at = now;
    this.tokens = Math.min(this.cfg.burst, this.tokens + elapsed * this.perMs);
  }
}
