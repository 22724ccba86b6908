/**
 * The routing facts cache: TTL, one fetch per number however many callers wait, negative entries
 * for unknown numbers, invalidation (also of a fetch still running), the cap on fetches in flight,
 * and failures never cached.
 */
import { FactsCache } from '../../../bridge/src/routing/factsCache';
import { RoutingFacts } from '../../../bridge/src/routing/facts';
import { RoutingFetchError } from '../../../bridge/src/routing/magentoRouting';
import { RoutingMetrics } from '../../../bridge/src/routing/metrics';
import { customerFacts } from './magentoStandIn';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

const A = '+33612345678';
const B = '+33698765432';
const C = '+33711223344';
const known = (phone: string) => RoutingFacts.parse(customerFacts(phone));
const unknown = (phone: string) => RoutingFacts.parse({ phone, known: false, customer: null, orders: [], last_shipment: null });

/** A cache over a fetch the test answers by hand. */
function harness(o: { ttlMs?: number; maxEntries?: number; maxInFlight?: number } = {}) {
  let clock = 1_000_000;
  const calls: Array<{ phone: string; d: Deferred<RoutingFacts> }> = [];
  const metrics = new RoutingMetrics();
  const cache = new FactsCache({
    fetch: (phone) => {
      const d = deferred<RoutingFacts>();
      calls.push({ phone, d });
      return d.promise;
    },
    ttlMs: o.ttlMs ?? 300_000,
    maxEntries: o.maxEntries ?? 1000,
    maxInFlight: o.maxInFlight ?? 64,
    metrics,
    now: () => clock,
  });
  return { cache, calls, metrics, advance: (ms: number) => (clock += ms) };
}

async function counter(metrics: RoutingMetrics, name: string): Promise<number> {
  const m = await metrics.registry.getSingleMetric(name)!.get();
  return m.values.reduce((s, v) => s + v.value, 0);
}

describe('routing facts cache', () => {
  it('a miss fetches once; the answer is then a hit until the TTL, then fetched again', async () => {
    const h = harness({ ttlMs: 60_000 });
    const first = h.cache.lookup(A);
    expect(first.state).toBe('pending');
    h.calls[0]!.d.resolve(known(A));
    await (first as { facts: Promise<RoutingFacts> }).facts;
    const hit = h.cache.lookup(A);
    expect(hit.state).toBe('hit');
    expect(hit.state === 'hit' && hit.facts.customer?.id).toBe(2);
    h.advance(59_000);
    expect(h.cache.lookup(A).state).toBe('hit');
    h.advance(2_000);
    expect(h.cache.lookup(A).state).toBe('pending');
    expect(h.calls).toHaveLength(2);
    expect(await counter(h.metrics, 'bandeau_routing_cache_hits_total')).toBe(2);
    expect(await counter(h.metrics, 'bandeau_routing_cache_misses_total')).toBe(2);
  });

  it('concurrent misses for one number share a single fetch', async () => {
    const h = harness();
    const waits = Array.from({ length: 50 }, () => h.cache.get(A));
    expect(h.calls).toHaveLength(1);
    expect(h.cache.inFlight).toBe(1);
    h.calls[0]!.d.resolve(known(A));
    const all = await Promise.all(waits);
    expect(new Set(all).size).toBe(1);
    expect(h.cache.inFlight).toBe(0);
    expect(h.calls).toHaveLength(1);
  });

  it('unknown numbers are cached too (negative entries)', async () => {
    const h = harness();
    const p = h.cache.get(B);
    h.calls[0]!.d.resolve(unknown(B));
    expect((await p).known).toBe(false);
    const again = h.cache.lookup(B);
    expect(again.state === 'hit' && again.facts.known).toBe(false);
    expect(h.calls).toHaveLength(1);
    expect(await counter(h.metrics, 'bandeau_routing_fetches_total')).toBe(1);
    const fetches = await h.metrics.fetches.get();
    expect(fetches.values.find((v) => v.labels.outcome === 'unknown')?.value).toBe(1);
  });

  it('invalidate forgets numbers; clear forgets all', async () => {
    const h = harness();
    for (const phone of [A, B, C]) {
      const p = h.cache.get(phone);
      h.calls[h.calls.length - 1]!.d.resolve(known(phone));
      await p;
    }
    expect(h.cache.size).toBe(3);
    expect(h.cache.invalidate([A, '+33100000000'])).toBe(1);
    expect(h.cache.peek(A)).toBeUndefined();
    expect(h.cache.lookup(B).state).toBe('hit');
    expect(h.cache.lookup(A).state).toBe('pending');
    h.cache.clear();
    expect(h.cache.size).toBe(0);
    expect(h.cache.lookup(C).state).toBe('pending');
  });

  it('a fetch running when its number is invalidated answers its waiters but does not fill the cache', async () => {
    const h = harness();
    const before = h.cache.get(A);
    h.cache.invalidate([A]);
    // A caller after the invalidation gets a fetch of its own, started after the change.
    const after = h.cache.get(A);
    expect(h.calls).toHaveLength(2);
    h.calls[0]!.d.resolve(RoutingFacts.parse(customerFacts(A, { name: 'Old Name' })));
    expect((await before).customer?.name).toBe('Old Name');
    expect(h.cache.peek(A)).toBeUndefined();
    h.calls[1]!.d.resolve(RoutingFacts.parse(customerFacts(A, { name: 'New Name' })));
    expect((await after).customer?.name).toBe('New Name');
    expect(h.cache.peek(A)?.customer?.name).toBe('New Name');
  });

  it('over the in-flight cap a miss is answered at once without a fetch', async () => {
    const h = harness({ maxInFlight: 2 });
    const a = h.cache.get(A);
    const b = h.cache.get(B);
    expect(h.cache.lookup(C).state).toBe('overloaded');
    await expect(h.cache.get(C)).rejects.toMatchObject({ kind: 'down' });
    // A number already being fetched still joins its fetch.
    expect(h.cache.lookup(A).state).toBe('pending');
    expect(h.calls).toHaveLength(2);
    h.calls[0]!.d.resolve(known(A));
    await a;
    expect(h.cache.lookup(C).state).toBe('pending');
    expect(h.calls).toHaveLength(3);
    h.calls[1]!.d.resolve(known(B));
    h.calls[2]!.d.resolve(known(C));
    await b;
    const fetches = await h.metrics.fetches.get();
    expect(fetches.values.find((v) => v.labels.outcome === 'overloaded')?.value).toBe(2);
  });

  it('the cap counts a fetch whose number was invalidated until it answers', async () => {
    const h = harness({ maxInFlight: 1 });
    void h.cache.get(A);
    h.cache.invalidate([A]);
    expect(h.cache.lookup(B).state).toBe('overloaded');
    h.calls[0]!.d.resolve(known(A));
    await new Promise((r) => setImmediate(r));
    expect(h.cache.lookup(B).state).toBe('pending');
  });

  it('failures are not cached, and a failure nobody waits for is not an unhandled rejection', async () => {
    const h = harness();
    const lookup = h.cache.lookup(A);
    expect(lookup.state).toBe('pending');
    h.calls[0]!.d.reject(new RoutingFetchError('down', 'unreachable'));
    await new Promise((r) => setImmediate(r));
    expect(h.cache.inFlight).toBe(0);
    expect(h.cache.lookup(A).state).toBe('pending');
    expect(h.calls).toHaveLength(2);
    const fetches = await h.metrics.fetches.get();
    expect(fetches.values.find((v) => v.labels.outcome === 'down')?.value).toBe(1);
  });

  it('holds at most maxEntries numbers, the least recently used going first', async () => {
    const h = harness({ maxEntries: 2 });
    h.cache.set(A, known(A));
    h.cache.set(B, known(B));
    expect(h.cache.lookup(A).state).toBe('hit');
    h.cache.set(C, known(C));
    expect(h.cache.size).toBe(2);
    expect(h.cache.peek(B)).toBeUndefined();
    expect(h.cache.peek(A)).toBeDefined();
    const text = await h.metrics.registry.metrics();
    expect(text).toMatch(/bandeau_routing_cache_entries 2/);
  });
});
