/**
 * Exponential backoff with jitter: the n-th retry (0-based) waits a random
 * time between half and all of min(max, min * 2^n).
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * r));
}
