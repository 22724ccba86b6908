/**
 * Routing decisions joined to the calls they routed, for the agent's card and the call record.
 * The routing server hands each decision to `decided` (its `onDecision` hook) with the AGI request,
 * whose `agi_uniqueid` is the Uniqueid of the channel the dialplan ran AGI() on. The call owning
 * that channel keeps the decision (calls/routingLink.ts); a decision whose channel the call model
 * has not seen yet (AMI events may come after the AGI request) waits here, by Uniqueid, at most
 * `ttlMs` and `maxPending` of them, and goes to the call when the channel shows up.
 *
 * What goes on the wire is checked with the protocol's `CallRouting` schema here, once: a rule
 * label too long or with control characters is cut or cleaned, a condition that does not pass is
 * left out, and a decision that cannot be made to pass is not shown at all (never a broken call).
 */
import { CallRouting, RouteWhy, parseMessage } from '../protocol/messages';
import type { CallModel } from '../calls/model';
import { cleanId } from '../calls/sanitise';
import type { Logger } from '../logger';
import type { AgiRequest, RouteDecision } from './contract';

export interface RoutedCallsOptions {
  /** How long a decision waits for its channel (default one hour). */
  ttlMs?: number;
  /** Decisions waiting at most (default 10,000; the oldest goes first). */
  maxPending?: number;
  now?: () => number;
  logger?: Logger;
}

const MAX_WHY = 12;
const LABEL_MAX = 64;

/** The decision as the wire carries it, or null when it cannot pass the schema. */
export function toCallRouting(d: RouteDecision): CallRouting | null {
  if (d === null || typeof d !== 'object') return null;
  const why: RouteWhy[] = [];
  for (const w of Array.isArray(d.why) ? d.why : []) {
    if (why.length >= MAX_WHY) break;
    const r = parseMessage(RouteWhy, w);
    if (r.ok) why.push(r.value);
  }
  const rule = d.rule && typeof d.rule === 'object' ? { code: d.rule.code, label: cleanLabel(d.rule.label) || d.rule.code } : null;
  const candidate = { route: d.route, reason: d.reason, rule, why, order: d.order ? d.order : null };
  const r = parseMessage(CallRouting, candidate);
  return r.ok ? r.value : null;
}

/** A merchant's rule label for one line of the bar: control and format characters out, spaces single, cut short. */
function cleanLabel(label: unknown): string {
  if (typeof label !== 'string') return '';
  const plain = label
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(plain).slice(0, LABEL_MAX).join('').slice(0, LABEL_MAX);
}

/**
 * The fields of the call record (outbox, Magento `bandeau_call`) that say how the call was routed;
 * all null when no decision was made for it.
 */
export function routeRecordFields(routing: CallRouting | undefined): { route: string | null; route_rule: string | null; route_reason: string | null } {
  if (!routing) return { route: null, route_rule: null, route_reason: null };
  return { route: routing.route, route_rule: routing.rule?.code ?? null, route_reason: routing.reason };
}

export class RoutedCalls {
  /** Uniqueid -> the decision and when it came; insertion order is arrival order (TTL and eviction read the front). */
  private readonly pending = new Map<string, { routing: CallRouting; at: number }>();
  private readonly ttlMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;
  /** Decisions given to a call, kept waiting, and left out (unusable), since start (tests, diagnostics). */
  attached = 0;
  waited = 0;
  refused = 0;

  constructor(
    private readonly model: CallModel,
    private readonly opts: RoutedCallsOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 3_600_000;
    this.maxPending = Math.max(1, opts.maxPending ?? 10_000);
    this.now = opts.now ?? Date.now;
    model.pendingRouting = (uid) => this.take(uid);
  }

  /** The routing server's `onDecision`: never throws (a decision's display is not worth an AGI answer). */
  decided(request: AgiRequest, decision: RouteDecision): void {
    try {
      const uid = cleanId(typeof request?.uniqueId === 'string' ? request.uniqueId : undefined);
      const routing = uid ? toCallRouting(decision) : null;
      if (!uid || !routing) {
        this.refused++;
        this.opts.logger?.warn({ uniqueid: uid ?? null }, 'routing decision not shown: no channel Uniqueid or a decision outside the protocol');
        return;
      }
      this.pending.delete(uid);
      if (this.model.attachRouting(uid, routing)) {
        this.attached++;
        return;
      }
      this.sweep();
      while (this.pending.size >= this.maxPending) this.pending.delete(this.pending.keys().next().value as string);
      this.pending.set(uid, { routing, at: this.now() });
      this.waited++;
    } catch (err) {
      this.opts.logger?.error({ err: (err as Error).message }, 'routing decision not joined to its call after an error');
    }
  }

  /** Decisions waiting for their channel now. */
  get pendingCount(): number {
    this.sweep();
    return this.pending.size;
  }

  /** The waiting decision for a new channel (handed over once). */
  private take(uid: string): CallRouting | undefined {
    if (this.pending.size === 0) return undefined;
    const p = this.pending.get(uid);
    if (!p) return undefined;
    this.pending.delete(uid);
    if (this.now() - p.at > this.ttlMs) return undefined;
    this.attached++;
    return p.routing;
  }

  /** Drops decisions older than the TTL (they are at the front: all wait the same TTL). */
  private sweep(): void {
    const limit = this.now() - this.ttlMs;
    for (const [uid, p] of this.pending) {
      if (p.at >= limit) break;
      this.pending.delete(uid);
    }
  }
}
