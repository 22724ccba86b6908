import type { Logger } from '../logger';
import type { RoutingRules } from './facts';
import { RoutingFetchError } from './magentoRouting';
import type { RoutingMetrics } from './metrics';

export interface RulesHolderOptions {
  fetch: () => Promise<RoutingRules>;
  /** Fetched again this often (besides on Magento's notification). */
  refreshMs: number;
  logger: Logger;
  metrics: RoutingMetrics;
  /** A failed fetch is not retried on demand sooner than this (Magento down: not one request per call). */
  retryMs?: number;
}

/**
 * The merchant's rules as Magento last gave them. Until the first answer there are none: a
 * decision then waits for that answer within its deadline (reason `timeout` past it), rather than
 * applying compiled-in defaults the merchant may have changed. A failed refresh keeps the rules
 * in force.
 */
export class RulesHolder {
  current: RoutingRules | null = null;
  private pending: Promise<RoutingRules> | null = null;
  private lastFailure: { at: number; error: Error } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: RulesHolderOptions) {}

  /** Fetches now, then every refreshMs. */
  start(): void {
    void this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.o.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Fetches the rules now (Magento said they changed); joins a fetch already running. */
  refresh(): Promise<RoutingRules> {
    if (this.pending) return this.pending;
    let fetched: Promise<RoutingRules>;
    try {
      fetched = this.o.fetch();
    } catch (err) {
      fetched = Promise.reject(err);
    }
    const p = fetched.then(
      (rules) => {
        this.pending = null;
        this.lastFailure = null;
        this.o.metrics.fetches.inc({ request: 'rules', outcome: 'ok' });
        if (this.current?.version !== rules.version) this.o.logger.info({ version: rules.version, rules: rules.rules.length }, 'routing rules loaded');
        this.current = rules;
        return rules;
      },
      (err: unknown) => {
        this.pending = null;
        const error = err instanceof Error ? err : new Error(String(err));
        this.lastFailure = { at: Date.now(), error };
        this.o.metrics.fetches.inc({ request: 'rules', outcome: err instanceof RoutingFetchError ? err.kind : 'invalid' });
        throw error;
      },
    );
    p.catch(() => undefined);
    this.pending = p;
    return p;
  }

  /** The rules in force, or the fetch that brings the first ones (a recent failure is given back at once). */
  ready(): RoutingRules | Promise<RoutingRules> {
    if (this.current) return this.current;
    if (this.pending) return this.pending;
    const f = this.lastFailure;
    if (f && Date.now() - f.at < (this.o.retryMs ?? 1_000)) return Promise.reject(f.error);
    return this.refresh();
  }
}
