import type { CallDirection } from '../../../../bridge/src/protocol/messages';
import { dropOtherScopes, storageOf } from '../storageScope';

/** A call waiting for the agent's wrap-up, with what they typed so far (kept across page loads). */
export interface PendingWrapUp {
  callId: string;
  /** Who the call was with, as the bar named them when it ended. */
  who: string;
  direction: CallDirection;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** The customer whose card the agent saw (the only match, or the one chosen). */
  customerId: number | null;
  note: string;
  outcome: string;
  tags: string[];
  /** A day, "2026-11-20" (the date input's value). */
  followUp: string;
}

interface Stored {
  pending: PendingWrapUp[];
  /** Calls already wrapped up or put off with Later: never offered again by themselves. */
  handled: string[];
  /**
   * Calls the agent was talking on while a page of this session watched: only those are offered
   * when they end (a call ended in another browser, or before this login, is not).
   */
  watching: string[];
  /** Wrap-ups put off with Later, draft and all, for when the agent comes back to them. */
  later: PendingWrapUp[];
}

export const WRAP_UP_PREFIX = 'bandeau:wrapup:';
const MAX_PENDING = 10;
const MAX_HANDLED = 100;
const MAX_WATCHING = 20;
const MAX_NOTE = 65_535;

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');
const strOrNull = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

/** Whatever was stored, as valid entries (anything malformed is dropped). */
export function parseStored(raw: unknown): Stored {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string').map((h) => h.slice(0, 128)) : []);
  return {
    pending: entries(r.pending).slice(-MAX_PENDING),
    handled: ids(r.handled).slice(-MAX_HANDLED),
    watching: ids(r.watching).slice(-MAX_WATCHING),
    later: entries(r.later).slice(-MAX_PENDING),
  };
}

function entries(list: unknown): PendingWrapUp[] {
  const pending: PendingWrapUp[] = [];
  for (const p of Array.isArray(list) ? list : []) {
    if (typeof p !== 'object' || p === null) continue;
    const e = p as Record<string, unknown>;
    const callId = str(e.callId, 128);
    const direction = e.direction === 'inbound' || e.direction === 'outbound' || e.direction === 'internal' ? e.direction : null;
    if (!callId || !direction || typeof e.startedAt !== 'string') continue;
    pending.push({
      callId,
      who: str(e.who, 255),
      direction,
      startedAt: str(e.startedAt, 40),
      answeredAt: strOrNull(e.answeredAt, 40),
      endedAt: strOrNull(e.endedAt, 40),
      customerId: Number.isInteger(e.customerId) && (e.customerId as number) > 0 ? (e.customerId as number) : null,
      note: str(e.note, MAX_NOTE),
      outcome: str(e.outcome, 64),
      tags: Array.isArray(e.tags) ? e.tags.filter((t): t is string => typeof t === 'string').map((t) => t.slice(0, 64)).slice(0, 50) : [],
      followUp: /^\d{4}-\d\d-\d\d$/.test(str(e.followUp, 10)) ? str(e.followUp, 10) : '',
    });
  }
  return pending;
}

/**
 * The wrap-ups waiting for the agent, in localStorage scoped to the admin session (as uiState.ts):
 * a call that ends just before a page load, or in another tab, is still offered; a draft survives
 * navigation; what one tab saves or puts off leaves the others too (the `storage` event).
 */
export class WrapUpStore {
  private data: Stored;
  private readonly storage: ReturnType<typeof storageOf>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly scope: string | null) {
    this.storage = scope === null ? null : storageOf('localStorage');
    if (scope !== null) dropOtherScopes(this.storage, WRAP_UP_PREFIX, scope);
    this.data = this.read();
    if (this.storage && typeof addEventListener === 'function') {
      addEventListener('storage', (e: StorageEvent) => {
        if (e.key !== this.key) return;
        this.data = this.read();
        for (const l of this.listeners) l();
      });
    }
  }

  private get key(): string {
    return WRAP_UP_PREFIX + (this.scope ?? '');
  }

  private read(): Stored {
    if (!this.storage) return this.data ?? parseStored(null);
    try {
      return parseStored(JSON.parse(this.storage.getItem(this.key) ?? 'null'));
    } catch {
      return parseStored(null);
    }
  }

  private write(): void {
    this.data = parseStored(this.data);
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.data));
    } catch {
      // Quota or storage refused: the wrap-ups hold for this page only.
    }
  }

  pending(): PendingWrapUp[] {
    return this.data.pending;
  }

  knows(callId: string): boolean {
    return this.data.handled.includes(callId) || this.data.pending.some((p) => p.callId === callId);
  }

  isHandled(callId: string): boolean {
    return this.data.handled.includes(callId);
  }

  /** The agent is talking on this call, seen by a page of this session. */
  watch(callId: string): void {
    if (this.data.watching.includes(callId)) return;
    this.data.watching = [...this.data.watching, callId];
    this.write();
  }

  isWatched(callId: string): boolean {
    return this.data.watching.includes(callId);
  }

  /** Offers a call (the newest last); a call already offered or handled is left as it is. */
  add(entry: PendingWrapUp): void {
    if (this.data.pending.some((p) => p.callId === entry.callId)) return;
    this.data.pending = [...this.data.pending, entry];
    this.data.watching = this.data.watching.filter((w) => w !== entry.callId);
    this.write();
  }

  /** A wrap-up put off with Later, with its draft. */
  putOff(callId: string): PendingWrapUp | undefined {
    return this.data.later.find((p) => p.callId === callId);
  }

  /** Puts a call handled back in front (the agent asked to wrap it up from the recent calls). */
  reopen(entry: PendingWrapUp): void {
    this.data.handled = this.data.handled.filter((h) => h !== entry.callId);
    this.data.later = this.data.later.filter((p) => p.callId !== entry.callId);
    this.data.pending = [...this.data.pending.filter((p) => p.callId !== entry.callId), entry];
    this.write();
  }

  /** Keeps what the agent typed. */
  update(callId: string, draft: Partial<Pick<PendingWrapUp, 'note' | 'outcome' | 'tags' | 'followUp'>>): void {
    const i = this.data.pending.findIndex((p) => p.callId === callId);
    if (i < 0) return;
    this.data.pending[i] = { ...(this.data.pending[i] as PendingWrapUp), ...draft };
    this.write();
  }

  /** Saved or put off (`later`: its draft is kept): out of the queue, never offered again by itself. */
  done(callId: string, later = false): void {
    const entry = this.data.pending.find((p) => p.callId === callId);
    this.data.later = this.data.later.filter((p) => p.callId !== callId);
    if (later && entry) this.data.later = [...this.data.later, entry];
    this.data.pending = this.data.pending.filter((p) => p.callId !== callId);
    this.data.handled = [...this.data.handled.filter((h) => h !== callId), callId];
    this.data.watching = this.data.watching.filter((w) => w !== callId);
    this.write();
  }

  onChange(l: () => void): void {
    this.listeners.add(l);
  }
}
