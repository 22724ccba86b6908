import type { Logger } from '../logger';
import type { BridgeMetrics } from '../http/metrics';
import type { LimitsConfig } from './config';
import { TokenBucket } from './tokenBucket';
import { SampledLog } from './sampledLog';

/** Commands that make the PBX place a call: each is an AMI Originate (or a transfer's dial). */
const DIAL_COMMANDS: ReadonlySet<string> = new Set(['call.dial', 'call.blindTransfer', 'call.attendedTransfer']);

/** What the agent is told when a command is refused by a limit (errorCodes.ts). */
export const RATE_LIMITED = { code: 'rate_limited', message: 'Too many actions in a short time: wait a moment and try again.' } as const;
export const TOO_MANY_INVALID = { code: 'too_many_invalid', message: 'Too many messages the bridge did not understand: disconnected.' } as const;

interface Buckets {
  commands: TokenBucket;
  dials: TokenBucket;
  invalid: TokenBucket;
}

/**
 * Per-agent token buckets (all of an agent's sockets share them, and they outlive a reconnect):
 * commands, dials among them, and invalid messages. Each limit hit counts in
 * `bandeau_bridge_limit_hits_total{limit}` and is logged sampled (SampledLog).
 */
export class AgentLimits {
  private readonly agents = new Map<number, Buckets>();
  private readonly sampled: SampledLog;
  private prunedAt = Date.now();

  constructor(
    private readonly cfg: LimitsConfig,
    private readonly metrics: BridgeMetrics,
  ) {
    this.sampled = new SampledLog(cfg.logFirst, cfg.logEveryS * 1000);
  }

  /** Whether this agent may run a command of this type now; the limit it hit otherwise. */
  command(userId: number, type: string): 'ok' | 'commands' | 'dials' {
    if (!this.cfg.enabled) return 'ok';
    const now = Date.now();
    const b = this.buckets(userId, now);
    if (!b.commands.take(now)) return this.hit('commands');
    if (DIAL_COMMANDS.has(type) && !b.dials.take(now)) return this.hit('dials');
    return 'ok';
  }

  /** Counts an invalid message; false once the agent is past its allowance (disconnect the socket). */
  invalid(userId: number): boolean {
    if (!this.cfg.enabled) return true;
    const now = Date.now();
    if (this.buckets(userId, now).invalid.take(now)) return true;
    this.hit('invalid');
    return false;
  }

  /**
   * Logs a rejection (invalid message, refused command) unless this agent's lines are being
   * sampled; the line then says how many were left out since the previous one.
   */
  logRejected(log: Logger, key: number | string, kind: string, fields: Record<string, unknown>, msg: string): void {
    const s = this.sampled.sample(`${key}:${kind}`);
    if (!s.log) return;
    log.warn(s.suppressed > 0 ? { ...fields, suppressed: s.suppressed } : fields, msg);
  }

  private hit<T extends 'commands' | 'dials' | 'invalid'>(limit: T): T {
    this.metrics.limitHits.inc({ limit });
    return limit;
  }

  private buckets(userId: number, now: number): Buckets {
    let b = this.agents.get(userId);
    if (!b) {
      this.prune(now);
      b = { commands: new TokenBucket(this.cfg.commands, now), dials: new TokenBucket(this.cfg.dials, now), invalid: new TokenBucket(this.cfg.invalid, now) };
      this.agents.set(userId, b);
    }
    return b;
  }

  /** Agents whose buckets are full again are forgotten (a fresh bucket is the same thing). */
  private prune(now: number): void {
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    for (const [id, b] of this.agents) if (b.commands.isFull(now) && b.dials.isFull(now) && b.invalid.isFull(now)) this.agents.delete(id);
  }
}
