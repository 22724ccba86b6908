import { Counter, Gauge, Registry } from 'prom-client';
import type { RouteReason } from './contract';

const REASONS: RouteReason[] = ['rule', 'no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error'];
export type FetchOutcome = 'known' | 'unknown' | 'ok' | 'down' | 'refused' | 'invalid' | 'overloaded';

/**
 * Routing's Prometheus metrics (README, "Call routing"). Label children are bound once: the warm
 * path increments two counters per call and nothing else.
 */
export class RoutingMetrics {
  readonly registry: Registry;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  readonly fetches: Counter<'request' | 'outcome'>;
  readonly decisions: Counter<'reason'>;
  private readonly byReason = new Map<RouteReason, Counter.Internal>();

  /** What the gauges read when scraped; set by the facts cache. */
  gauges: { cacheSize: () => number; inFlight: () => number } = { cacheSize: () => 0, inFlight: () => 0 };

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const reuse = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();
    const registers = [registry];
    this.cacheHits = reuse('bandeau_routing_cache_hits_total', () => new Counter({ name: 'bandeau_routing_cache_hits_total', help: 'Routing decisions answered from the facts cache', registers }));
    this.cacheMisses = reuse('bandeau_routing_cache_misses_total', () => new Counter({ name: 'bandeau_routing_cache_misses_total', help: 'Routing decisions whose number was not in the facts cache (or had expired)', registers }));
    this.fetches = reuse('bandeau_routing_fetches_total', () => new Counter({ name: 'bandeau_routing_fetches_total', help: 'Requests to Magento for facts or rules, by outcome (known, unknown, ok, down, refused, invalid, overloaded = not sent: too many in flight)', labelNames: ['request', 'outcome'] as const, registers }));
    this.decisions = reuse('bandeau_routing_decisions_total', () => new Counter({ name: 'bandeau_routing_decisions_total', help: 'Route decisions made, by reason (BANDEAU_ROUTE_REASON)', labelNames: ['reason'] as const, registers }));
    const gauges = () => this.gauges;
    for (const [name, help, key] of [
      ['bandeau_routing_cache_entries', 'Numbers in the routing facts cache (unknown numbers included)', 'cacheSize'],
      ['bandeau_routing_fetches_in_flight', 'Facts requests to Magento not answered yet', 'inFlight'],
    ] as const) {
      registry.removeSingleMetric(name);
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(gauges()[key]());
        },
      });
    }
    for (const r of REASONS) this.byReason.set(r, this.decisions.labels(r));
  }

  decided(reason: RouteReason): void {
    this.byReason.get(reason)!.inc();
  }
}
