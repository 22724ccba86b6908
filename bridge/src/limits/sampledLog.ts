/**
 * Sampled logging of rejected input: the first `first` rejections of a key (an agent, an IP
 * address) are logged, then one per `everyMs` carrying how many were left out since. 20,000
 * invalid messages become a few lines, and none of them is lost from the metrics.
 */
export class SampledLog {
  private readonly keys = new Map<string, { logged: number; lastAt: number; suppressed: number }>();
  private prunedAt = 0;

  constructor(
    private readonly first: number,
    private readonly everyMs: number,
  ) {}

  /**
   * Whether to log this rejection now; when it says yes, `suppressed` is how many were not
   * logged since the previous line of this key.
   */
  sample(key: string, now: number = Date.now()): { log: false } | { log: true; suppressed: number } {
    this.prune(now);
    let s = this.keys.get(key);
    if (!s) {
      s = { logged: 0, lastAt: 0, suppressed: 0 };
      this.keys.set(key, s);
    }
    if (s.logged < this.first || now - s.lastAt >= this.everyMs) {
      const suppressed = s.suppressed;
      s.logged++;
      s.lastAt = now;
      s.suppressed = 0;
      return { log: true, suppressed };
    }
    s.suppressed++;
    return { log: false };
  }

  /** Keys quiet for a whole interval start again from their first lines. */
  private prune(now: number): void {
    if (now - this.prunedAt < this.everyMs) return;
    this.prunedAt = now;
    for (const [key, s] of this.keys) {
      const quiet = now - s.lastAt;
      if (quiet >= this.everyMs && (s.suppressed === 0 || quiet >= 10 * this.everyMs)) this.keys.delete(key);
    }
  }
}
