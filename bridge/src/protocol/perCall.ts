/**
 * Bridge -> client messages checked call by call: one call that does not pass the `Call` schema
 * (a field the bridge should never have sent) costs that call, never the whole snapshot and with
 * it the bar's connection. The worker reads every bridge message through this, and the bridge
 * checks what it sends with it (calls/outgoing.ts), so both judge with the same schema.
 */
import { Call, ServerMessage, parseMessage, type ParseResult } from './messages';

/** A call left out of a message: its id (when it has a readable one) and why, for logs (never the values). */
export interface DroppedCall {
  callId: string;
  /** `calls`, `recent` (a snapshot's lists) or `call` (a call.update). */
  list: 'calls' | 'recent' | 'call';
  reason: string;
}

export interface PerCallResult {
  result: ParseResult<ServerMessage>;
  dropped: DroppedCall[];
}

function idOf(raw: unknown): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  // Only a short plain id goes to a log line.
  return typeof id === 'string' && /^[\x21-\x7e]{1,128}$/.test(id) ? id : '(unreadable id)';
}

/** The calls of one list that pass the schema; the others reported in `dropped`. */
export function keepValidCalls(list: unknown, name: DroppedCall['list'], dropped: DroppedCall[]): unknown {
  if (!Array.isArray(list)) return list;
  const out: unknown[] = [];
  for (const raw of list) {
    const r = parseMessage(Call, raw);
    if (r.ok) out.push(r.value);
    else dropped.push({ callId: idOf(raw), list: name, reason: r.reason });
  }
  return out;
}

/**
 * Parses one bridge message. A snapshot whose calls do not all pass is parsed again without the
 * calls that fail (each reported); anything else is all or nothing as before.
 */
export function parseServerMessage(raw: unknown): PerCallResult {
  const result = parseMessage(ServerMessage, raw);
  if (result.ok) return { result, dropped: [] };
  const dropped: DroppedCall[] = [];
  if (raw === null || typeof raw !== 'object') return { result, dropped };
  const msg = raw as { type?: unknown; calls?: unknown; recent?: unknown; call?: unknown };
  if (msg.type === 'snapshot') {
    const kept = { ...msg, calls: keepValidCalls(msg.calls, 'calls', dropped), recent: keepValidCalls(msg.recent, 'recent', dropped) };
    if (dropped.length === 0) return { result, dropped };
    return { result: parseMessage(ServerMessage, kept), dropped };
  }
  if (msg.type === 'call.update' && !parseMessage(Call, msg.call).ok) {
    keepValidCalls([msg.call], 'call', dropped);
  }
  return { result, dropped };
}
