/**
 * The off-heap store behind the routing facts cache: keys, TTL, overwrite, CLOCK eviction,
 * collisions (deletion by backward shift), reuse of freed text blocks, and a long random run
 * checked against a plain Map.
 */
import { NumberTable, NUMBER_TABLE_TEXT_MAX, numberKey } from '../../../bridge/src/routing/numberTable';

function table(o: { maxEntries?: number; ttlMs?: number; hash?: (k: number) => number } = {}) {
  let clock = 1_000;
  const t = new NumberTable({ maxEntries: o.maxEntries ?? 100, ttlMs: o.ttlMs ?? 60_000, now: () => clock, ...(o.hash ? { hash: o.hash } : {}) });
  return { t, advance: (ms: number) => (clock += ms) };
}

describe('routing number table (off-heap facts store)', () => {
  it('keys are E.164 numbers as their digits; anything else has no key', () => {
    expect(numberKey('+33612345678')).toBe(33612345678);
    expect(numberKey('+999999999999999')).toBe(999999999999999);
    expect(Number.isSafeInteger(numberKey('+999999999999999'))).toBe(true);
    for (const bad of ['33612345678', '+0612345678', '+1', '+1234567890123456', '+33 6 12', '', 'unknown']) expect(numberKey(bad)).toBeNaN();
    const { t } = table();
    expect(t.set(numberKey('0612345678'), 'x')).toBe(false);
    expect(t.size).toBe(0);
    expect(t.get(NaN)).toBeUndefined();
    expect(t.delete(NaN)).toBe(false);
  });

  it('gives back what was stored, UTF-8 included, until the TTL', () => {
    const { t, advance } = table({ ttlMs: 60_000 });
    const text = JSON.stringify({ name: 'Zoë Ørsted-Łukasz 李', n: 1 });
    expect(t.set(33612345678, text)).toBe(true);
    expect(t.get(33612345678)).toBe(text);
    expect(t.get(33612345679)).toBeUndefined();
    advance(59_999);
    expect(t.get(33612345678)).toBe(text);
    advance(1);
    expect(t.get(33612345678)).toBeUndefined();
    // An expired entry is dropped when read.
    expect(t.size).toBe(0);
  });

  it('an overwrite replaces the text, restarts the TTL and keeps one entry, whatever the sizes', () => {
    const { t, advance } = table({ ttlMs: 10_000 });
    t.set(1, 'short');
    advance(9_000);
    const long = 'L'.repeat(3000);
    t.set(1, long);
    expect(t.size).toBe(1);
    advance(9_000);
    expect(t.get(1)).toBe(long);
    t.set(1, 'short again');
    t.set(1, 'same size!!');
    expect(t.get(1)).toBe('same size!!');
    expect(t.size).toBe(1);
    // A text too long to store is refused, and what was there is not answered any more.
    expect(t.set(1, 'x'.repeat(NUMBER_TABLE_TEXT_MAX + 1))).toBe(false);
    expect(t.get(1)).toBeUndefined();
    expect(t.size).toBe(0);
  });

  it('full: evicts the entries not read since the clock hand last passed, read ones get a second chance', () => {
    const { t } = table({ maxEntries: 4 });
    for (const k of [1, 2, 3, 4]) t.set(k, `v${k}`);
    t.get(1);
    t.get(3);
    t.set(5, 'v5');
    expect(t.size).toBe(4);
    expect(t.get(2, true)).toBeUndefined();
    t.set(6, 'v6');
    expect(t.get(4, true)).toBeUndefined();
    for (const k of [1, 3, 5, 6]) expect(t.get(k, true)).toBe(`v${k}`);
    // peek does not count as a read: 1 and 3 lost their bit when the hand passed, 5 and 6 are unread.
    t.set(7, 'v7');
    expect(t.size).toBe(4);
    expect([1, 3, 5, 6, 7].filter((k) => t.get(k, true) !== undefined)).toHaveLength(4);
  });

  it('full: an expired entry goes before a read one', () => {
    const { t, advance } = table({ maxEntries: 2, ttlMs: 1_000 });
    t.set(1, 'old');
    advance(900);
    t.set(2, 'new');
    t.get(1, false);
    t.get(2, false);
    advance(200);
    t.set(3, 'newest');
    expect(t.get(1, true)).toBeUndefined();
    expect(t.get(2, true)).toBe('new');
    expect(t.get(3, true)).toBe('newest');
  });

  it('keys that all hash alike still find, overwrite and delete the right entry (backward shift)', () => {
    const { t } = table({ maxEntries: 16, hash: () => 5 });
    for (let k = 1; k <= 10; k++) t.set(k, `v${k}`);
    for (let k = 1; k <= 10; k++) expect(t.get(k)).toBe(`v${k}`);
    expect(t.delete(3)).toBe(true);
    expect(t.delete(3)).toBe(false);
    expect(t.delete(7)).toBe(true);
    for (let k = 1; k <= 10; k++) expect(t.get(k)).toBe(k === 3 || k === 7 ? undefined : `v${k}`);
    t.set(10, 'ten');
    t.set(11, 'v11');
    expect(t.get(10)).toBe('ten');
    expect(t.get(11)).toBe('v11');
    expect(t.size).toBe(9);
  });

  it('runs that wrap around the end of the index are kept whole when deleting', () => {
    // 4 entries -> 8 index slots; homes 6 and 7 make the run wrap to 0, 1.
    const { t } = table({ maxEntries: 4, hash: (k) => (k % 2 === 0 ? 6 : 7) });
    for (const k of [2, 4, 1, 3]) t.set(k, `v${k}`);
    expect(t.delete(2)).toBe(true);
    for (const k of [4, 1, 3]) expect(t.get(k)).toBe(`v${k}`);
    expect(t.delete(1)).toBe(true);
    expect(t.get(4)).toBe('v4');
    expect(t.get(3)).toBe('v3');
  });

  it('freed text blocks are reused: churning many numbers through a small table does not grow it', () => {
    const { t } = table({ maxEntries: 1000 });
    const text = (k: number) => JSON.stringify({ phone: `+3361${k}`, orders: 'o'.repeat(k % 400) });
    for (let k = 1; k <= 1000; k++) t.set(k, text(k));
    const bytes = t.bytes;
    for (let k = 1001; k <= 50_000; k++) {
      t.set(k, text(k));
      if (k % 3 === 0) t.delete(k - 500);
    }
    expect(t.size).toBeLessThanOrEqual(1000);
    expect(t.bytes).toBe(bytes);
    expect(t.get(50_000, true)).toBe(text(50_000));
    t.clear();
    expect(t.size).toBe(0);
    expect(t.get(50_000)).toBeUndefined();
    t.set(7, 'after clear');
    expect(t.get(7)).toBe('after clear');
  });

  it('a long random run agrees with a Map (no eviction), collisions forced on half the keys', () => {
    let seed = 42;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const { t } = table({ maxEntries: 300, hash: (k) => (k % 2 === 0 ? 17 : Math.imul(k, 0x9e3779b1)) });
    const model = new Map<number, string>();
    for (let step = 0; step < 20_000; step++) {
      const key = 33600000000 + Math.floor(rnd() * 400);
      const op = rnd();
      if (op < 0.45 && (model.size < 300 || model.has(key))) {
        const v = `${key}:${step}:${'é'.repeat(Math.floor(rnd() * 200))}`;
        t.set(key, v);
        model.set(key, v);
      } else if (op < 0.7) {
        expect(t.delete(key)).toBe(model.delete(key));
      } else {
        expect(t.get(key)).toBe(model.get(key));
      }
      expect(t.size).toBe(model.size);
    }
    for (const [k, v] of model) expect(t.get(k, true)).toBe(v);
  });
});
