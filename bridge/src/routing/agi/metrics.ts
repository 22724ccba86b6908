import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';

/** How a FastAGI session ended (label `outcome` of bandeau_routing_agi_sessions_total). */
export type AgiOutcome =
  /** Every variable set and acknowledged; the server closed. */
  | 'answered'
  /** The PBX said HANGUP (the caller left) before all variables were set. */
  | 'hangup'
  /** The PBX answered a command with something other than `200 result=` (5xx, garbage). */
  | 'refused'
  /** Header block malformed, too long, or data where none is expected. */
  | 'malformed'
  /** No complete header block, or no answer to a command, within idleTimeoutMs. */
  | 'idle_timeout'
  /** Over maxSessions: closed at once. */
  | 'over_limit'
  /** From an address not in allowFrom: closed at once. */
  | 'not_allowed'
  /** The peer closed (or reset) before the end. */
  | 'client_closed'
  /** The server stopped while the session ran. */
  | 'server_stopped';

/** Registers a metric once per registry (two servers on one registry share them). */
function once<T extends Metric>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/** The routing server's metrics, on the registry it is given (the bridge's, or a private one). */
export class AgiMetrics {
  readonly sessions: Counter<'outcome'>;
  readonly active: Gauge;
  readonly answers: Counter<'reason'>;
  readonly decisionSeconds: Histogram;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.sessions = once(registry, 'bandeau_routing_agi_sessions_total', () => new Counter({
      name: 'bandeau_routing_agi_sessions_total',
      help: 'FastAGI sessions ended, by outcome: answered, hangup, refused, malformed, idle_timeout, over_limit, not_allowed, client_closed, server_stopped',
      labelNames: ['outcome'] as const,
      registers,
    }));
    this.active = once(registry, 'bandeau_routing_agi_sessions_active', () => new Gauge({
      name: 'bandeau_routing_agi_sessions_active',
      help: 'FastAGI sessions open now',
      registers,
    }));
    // Not bandeau_routing_decisions_total: the decider counts its own decisions under that name;
    // this one counts what the PBX was sent, deadline fallbacks included.
    this.answers = once(registry, 'bandeau_routing_agi_answers_total', () => new Counter({
      name: 'bandeau_routing_agi_answers_total',
      help: 'Answers sent to FastAGI requests (after the deadline race and checks), by BANDEAU_ROUTE_REASON',
      labelNames: ['reason'] as const,
      registers,
    }));
    this.decisionSeconds = once(registry, 'bandeau_routing_decision_seconds', () => new Histogram({
      name: 'bandeau_routing_decision_seconds',
      help: 'Time from the end of the FastAGI request to the decision (deadline fallbacks included)',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
      registers,
    }));
  }
}
