import type { Logger } from '../logger';
import { normalizePhone } from '../phone';
import { fallbackDecision, type AgiRequest, type RouteDecision, type RouteReason } from './contract';
import type { RoutingFacts, RoutingRules } from './facts';
import type { FactsCache } from './factsCache';
import { RoutingFetchError } from './magentoRouting';
import type { RoutingMetrics } from './metrics';
import { NumberTable } from './numberTable';
import { evaluate } from './rules';
import type { RulesHolder } from './rulesHolder';

export interface DeciderOptions {
  cache: FactsCache;
  rules: RulesHolder;
  /** callControl.defaultRegion: how a national caller id is read. */
  defaultRegion: string;
  deadlineMs: number;
  logger: Logger;
  metrics: RoutingMetrics;
  /** Wall clock for the rules' day counts (tests). */
  now?: () => number;
  /** Caller ids whose E.164 form is remembered (default 50,000); the facts cache's size, so a cached number is normalised once. */
  normalisedMax?: number;
}

/** Caller ids no one can be looked up by (Asterisk writes `unknown`; trunks say the rest). */
const NO_NUMBER = /^(?:|unknown|anonymous|restricted|private|unavailable|withheld)$/i;
/** Remembered normalisations by default (the routing server passes its cache's maxEntries). */
const NORMALISED_MAX = 50_000;
/** Caller ids the memo keeps: what trunks and Asterisk send, 1 to 14 digits, maybe after a `+`. */
const DIGITS = /^\+?\d{1,14}$/;

/**
 * The memo's key for a caller id of digits, else NaN: their value, their count and the `+`
 * together (`0612…`, `612…` and `+612…` differ), below 2^53 for 14 digits.
 */
function callerKey(id: string): number {
  if (!DIGITS.test(id)) return NaN;
  const plus = id.charCodeAt(0) === 43 ? 1 : 0;
  return Number(id) * 32 + (id.length - plus) * 2 + plus;
}

/**
 * Turns a FastAGI request into a route: caller id -> E.164 -> facts (cache, else Magento) -> the
 * rules. A cached number is decided without waiting on anything; otherwise the answer comes within
 * `deadlineMs` whatever Magento does (reason `timeout`), while the fetch goes on and fills the cache
 * for the next call.
 */
export class Decider {
  /**
   * Caller id -> E.164 ('' for no number), off the JavaScript heap as the facts cache is: libphonenumber
   * costs tens of µs and about 8 KiB of garbage per parse (a young-generation GC sooner), and a
   * memo as heap strings would be promoted, then dropped, call after call. The result of a caller
   * id never changes (one region per decider), hence no expiry; the least recently read go first.
   */
  private readonly normalised: NumberTable;
  private readonly clock: () => number;

  constructor(private readonly o: DeciderOptions) {
    this.clock = o.now ?? Date.now;
    this.normalised = new NumberTable({ maxEntries: o.normalisedMax ?? NORMALISED_MAX, ttlMs: Number.POSITIVE_INFINITY });
  }

  /** The RouteDecider the AGI server calls: the decision itself when the number is cached. */
  readonly decide = (request: AgiRequest): RouteDecision | Promise<RouteDecision> => {
    try {
      return this.decideFor(request.callerId);
    } catch (err) {
      this.o.logger.error({ err: (err as Error).message }, 'routing decision failed');
      return this.done(fallbackDecision('error'));
    }
  };

  /** A decision for a raw caller id; synchronous when both the rules and the number's facts are cached. */
  decideFor(callerId: string | null): RouteDecision | Promise<RouteDecision> {
    const phone = this.e164(callerId);
    const rules = this.o.rules.current;
    if (phone === null) {
      if (rules) return this.done(evaluate(rules, null, this.clock()));
      return this.done(fallbackDecision('no_caller_id'));
    }
    const l = this.o.cache.lookup(phone);
    if (l.state === 'overloaded') return this.done(fallbackDecision('timeout'));
    if (l.state === 'hit' && rules) return this.done(evaluate(rules, l.facts, this.clock()));
    return this.wait(l.facts, rules ?? this.o.rules.ready());
  }

  /** Caller id -> E.164, or null when there is no number to look up. */
  e164(callerId: string | null): string | null {
    if (callerId === null) return null;
    const key = callerKey(callerId);
    const memo = !Number.isNaN(key);
    const known = memo ? this.normalised.get(key) : undefined;
    if (known !== undefined) return known === '' ? null : known;
    const raw = callerId.trim();
    let phone: string | null = null;
    if (!NO_NUMBER.test(raw)) {
      let r = normalizePhone(raw, this.o.defaultRegion);
      // Trunks often send the country code without its `+` (33612345678).
      if (!r.ok && /^[1-9]\d{9,14}$/.test(raw)) r = normalizePhone(`+${raw}`, this.o.defaultRegion);
      phone = r.ok && r.extension === undefined ? r.e164 : null;
    }
    if (memo) this.normalised.set(key, phone ?? '');
    return phone;
  }

  private wait(facts: RoutingFacts | Promise<RoutingFacts>, rules: RoutingRules | Promise<RoutingRules>): Promise<RouteDecision> {
    return new Promise<RouteDecision>((resolve) => {
      let settled = false;
      const finish = (d: RouteDecision) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(this.done(d));
      };
      const timer = setTimeout(() => finish(fallbackDecision('timeout')), this.o.deadlineMs);
      // The caller's connection keeps the process alive, not this timer.
      timer.unref();
      Promise.all([facts, rules]).then(
        ([f, r]) => finish(evaluate(r, f, this.clock())),
        (err: unknown) => finish(fallbackDecision(this.reasonOf(err))),
      );
    });
  }

  private reasonOf(err: unknown): RouteReason {
    if (err instanceof RoutingFetchError) return err.kind === 'down' ? 'timeout' : 'error';
    this.o.logger.error({ err: (err as Error)?.message }, 'routing decision failed');
    return 'error';
  }

  private done(d: RouteDecision): RouteDecision {
    this.o.metrics.decided(d.reason);
    return d;
  }
}
