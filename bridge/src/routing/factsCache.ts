import type { RoutingFacts } from './facts';
import { RoutingMetrics } from './metrics';
import { RoutingFetchError } from './magentoRouting';
import { NumberTable, numberKey } from './numberTable';

export interface FactsCacheOptions {
  /** Asks Magento (MagentoRoutingClient.facts); rejects with RoutingFetchError. */
  fetch: (phone: string) => Promise<RoutingFacts>;
  ttlMs: number;
  maxEntries: number;
  /** Fetches running at once; a miss beyond that is answered `overloaded` without asking. */
  maxInFlight: number;
  metrics?: RoutingMetrics;
  /** Clock for the TTL (tests); performance.now by default. */
  now?: () => number;
}

/** What the cache has for a number right now. */
export type FactsLookup =
  | { state: 'hit'; facts: RoutingFacts }
  /** A fetch runs (started now or shared with earlier callers); it fills the cache when it answers. */
  | { state: 'pending'; facts: Promise<RoutingFacts> }
  /** Not cached and too many fetches already run: nothing was asked. */
  | { state: 'overloaded' };

/**
 * Facts per E.164 number, from Magento, kept `ttlMs` (unknown numbers too: a negative entry is
 * facts with `known: false`). Each entry is kept as its JSON text, off the JavaScript heap
 * (NumberTable: typed arrays and buffers), and parsed on a hit (a few µs): however many numbers
 * are cached, the GC has nothing of them to mark (a million numbers as heap strings made V8's
 * major GCs stall FastAGI answers for tens to hundreds of ms); and no caller can change what the
 * next one gets. Full: the least recently read go first (CLOCK, approximately). Keys are E.164
 * (what the decider looks up); anything else is never cached. Concurrent misses for one number
 * share one fetch. A fetch outlives the caller that gave up on it (the deadline) and still fills
 * the cache; one that was running when its number was invalidated does not (it may hold the
 * facts from before the change).
 */
export class FactsCache {
  private readonly table: NumberTable;
  private readonly inflight = new Map<string, Promise<RoutingFacts>>();
  private running = 0;
  readonly metrics: RoutingMetrics;

  constructor(private readonly o: FactsCacheOptions) {
    this.metrics = o.metrics ?? new RoutingMetrics();
    this.table = new NumberTable({ maxEntries: o.maxEntries, ttlMs: o.ttlMs, ...(o.now ? { now: o.now } : {}) });
    this.metrics.gauges = { cacheSize: () => this.table.size, inFlight: () => this.running };
  }

  /** Synchronous: a hit costs one map lookup; a miss starts (or joins) the fetch. */
  lookup(phone: string): FactsLookup {
    const text = this.table.get(numberKey(phone));
    if (text !== undefined) {
      this.metrics.cacheHits.inc();
      return { state: 'hit', facts: JSON.parse(text) as RoutingFacts };
    }
    this.metrics.cacheMisses.inc();
    const pending = this.inflight.get(phone);
    if (pending) return { state: 'pending', facts: pending };
    if (this.running >= this.o.maxInFlight) {
      this.metrics.fetches.inc({ request: 'facts', outcome: 'overloaded' });
      return { state: 'overloaded' };
    }
    return { state: 'pending', facts: this.start(phone) };
  }

  /** The facts, from the cache or Magento (no deadline: the fetch's own timeout). */
  get(phone: string): Promise<RoutingFacts> {
    const l = this.lookup(phone);
    if (l.state === 'hit') return Promise.resolve(l.facts);
    if (l.state === 'pending') return l.facts;
    return Promise.reject(new RoutingFetchError('down', 'too many routing facts requests in flight'));
  }

  /** The cached facts without counting a lookup or fetching (tests, admin). */
  peek(phone: string): RoutingFacts | undefined {
    const text = this.table.get(numberKey(phone), true);
    return text === undefined ? undefined : (JSON.parse(text) as RoutingFacts);
  }

  /** Fills the cache directly (benchmark, demo). */
  set(phone: string, facts: RoutingFacts): void {
    this.table.set(numberKey(phone), JSON.stringify(facts));
  }

  /** Forgets these numbers, and makes fetches running for them not fill the cache. Returns how many were cached. */
  invalidate(phones: Iterable<string>): number {
    let n = 0;
    for (const phone of phones) {
      if (this.table.delete(numberKey(phone))) n++;
      this.inflight.delete(phone);
    }
    return n;
  }

  clear(): void {
    this.table.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.table.size;
  }

  /** Fetches not answered yet. */
  get inFlight(): number {
    return this.running;
  }

  private start(phone: string): Promise<RoutingFacts> {
    this.running++;
    const settle = (): boolean => {
      this.running--;
      const current = this.inflight.get(phone) === p;
      if (current) this.inflight.delete(phone);
      return current;
    };
    let fetched: Promise<RoutingFacts>;
    try {
      fetched = this.o.fetch(phone);
    } catch (err) {
      fetched = Promise.reject(err);
    }
    const p: Promise<RoutingFacts> = fetched.then(
      (facts) => {
        this.metrics.fetches.inc({ request: 'facts', outcome: facts.known ? 'known' : 'unknown' });
        if (settle()) this.table.set(numberKey(phone), JSON.stringify(facts));
        return facts;
      },
      (err: unknown) => {
        this.metrics.fetches.inc({ request: 'facts', outcome: err instanceof RoutingFetchError ? err.kind : 'invalid' });
        settle();
        throw err;
      },
    );
    // Nobody may be waiting any more (the deadline passed): a failure is then no one's to handle.
    p.catch(() => undefined);
    this.inflight.set(phone, p);
    return p;
  }
}
