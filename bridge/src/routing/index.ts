import type { Registry } from 'prom-client';
import type { Logger } from '../logger';
import type { RoutingConfig } from './config';
import type { AgiRequest, RouteDecision } from './contract';
import { Decider } from './decider';
import type { RoutingFacts, RoutingRules } from './facts';
import { FactsCache } from './factsCache';
import type { InvalidationRequest } from './invalidation';
import { MagentoRoutingClient } from './magentoRouting';
import { RoutingMetrics } from './metrics';
import { RulesHolder } from './rulesHolder';

export { RoutingConfig, DEFAULT_ROUTING_PORT, routingMagento } from './config';
export { Decider } from './decider';
export { FactsCache } from './factsCache';
export { RulesHolder } from './rulesHolder';
export { MagentoRoutingClient, RoutingFetchError } from './magentoRouting';
export { RoutingMetrics } from './metrics';
export { evaluate } from './rules';
export { RoutingFacts, RoutingRules } from './facts';

/** Called with each request's decision, as it went to the PBX (H5 attaches it to the call). */
export type DecisionSink = (request: AgiRequest, decision: RouteDecision) => void;

export interface RoutingSource {
  facts(phone: string): Promise<RoutingFacts>;
  rules(): Promise<RoutingRules>;
}

export interface RoutingPartsOptions {
  config: RoutingConfig;
  /** Where facts and rules come from (MagentoRoutingClient). */
  source: RoutingSource;
  defaultRegion: string;
  logger: Logger;
  registry?: Registry;
  /** Wall clock for rule evaluation (tests). */
  now?: () => number;
  /** Clock for the cache's TTL (tests). */
  cacheNow?: () => number;
}

/** The decision side of routing, without the FastAGI server: cache, rules, decider. */
export class RoutingParts {
  readonly metrics: RoutingMetrics;
  readonly cache: FactsCache;
  readonly rules: RulesHolder;
  readonly decider: Decider;

  constructor(private readonly o: RoutingPartsOptions) {
    const c = o.config;
    this.metrics = new RoutingMetrics(o.registry);
    this.cache = new FactsCache({
      fetch: (phone) => o.source.facts(phone),
      ttlMs: c.cache.ttlS * 1000,
      maxEntries: c.cache.maxEntries,
      maxInFlight: c.cache.maxInFlight,
      metrics: this.metrics,
      ...(o.cacheNow ? { now: o.cacheNow } : {}),
    });
    this.rules = new RulesHolder({ fetch: () => o.source.rules(), refreshMs: c.rulesRefreshS * 1000, logger: o.logger, metrics: this.metrics });
    this.decider = new Decider({
      cache: this.cache,
      rules: this.rules,
      defaultRegion: o.defaultRegion,
      deadlineMs: c.deadlineMs,
      logger: o.logger,
      metrics: this.metrics,
      normalisedMax: c.cache.maxEntries,
      ...(o.now ? { now: o.now } : {}),
    });
  }

  start(): void {
    this.rules.start();
  }

  stop(): void {
    this.rules.stop();
  }

  /** Applies a verified notification from Magento: forget the numbers, refetch the rules. */
  invalidate(r: Pick<InvalidationRequest, 'phones' | 'rules'>): { forgotten: number } {
    const forgotten = this.cache.invalidate(r.phones);
    if (r.rules) void this.rules.refresh().catch(() => undefined);
    this.o.logger.info({ phones: r.phones.length, forgotten, rules: r.rules }, 'routing cache invalidated');
    return { forgotten };
  }
}

/** Routing over Magento's REST routes. */
export function routingFromMagento(o: Omit<RoutingPartsOptions, 'source'> & { magento: { url: string; token: string; timeoutMs: number } }): RoutingParts {
  const source = new MagentoRoutingClient({ url: o.magento.url, token: o.magento.token, timeoutMs: o.magento.timeoutMs, logger: o.logger });
  return new RoutingParts({ ...o, source });
}
