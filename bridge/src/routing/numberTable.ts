/**
 * A bounded map from E.164 numbers to short texts with a TTL, kept OFF the JavaScript heap: the
 * routing facts cache's store (factsCache.ts).
 *
 * Why not lru-cache (or mnemonist, quick-lru…): they keep each key and value as a heap object, so a
 * million cached numbers are millions of objects V8 marks again at every major GC. Measured in the
 * routing bench (issue 15): a 460 MB heap whose major GCs ran every ~35 s under load, with
 * incremental marking steps of 60-400 ms on the main thread, i.e. FastAGI answers stalled that
 * long. No npm package found keeps an LRU/TTL map in typed arrays, hence this small one. Here the
 * heap holds a handful of typed arrays and buffers whatever the number of entries: nothing to mark.
 *
 * - Key: the number's digits as a double (`+33612345678` -> 33612345678; E.164 has at most 15
 *   digits, exact below 2^53, and no leading zero, so distinct numbers give distinct keys).
 * - Index: open addressing (linear probing, deletion by backward shift, so no tombstones) from the
 *   key's hash to an entry id; per entry a key, an expiry, a reference bit and where its text is.
 * - Texts: UTF-8 in blocks of a few size classes, carved from 1 MiB buffers; a freed block goes
 *   back to its class's free list and is reused by the next text of that class.
 * - Eviction when full: CLOCK (approximate LRU): the hand skips (and clears) entries read since it
 *   last passed, and takes the first expired or unread one. A new entry starts unread.
 * - TTL: checked when read (an expired entry is dropped then); no timers.
 */

/** The key of an E.164 number (`+` and 2 to 15 digits, the first not 0), or NaN for anything else. */
export function numberKey(phone: string): number {
  return E164.test(phone) ? Number(phone.slice(1)) : NaN;
}
const E164 = /^\+[1-9]\d{1,14}$/;

/** Block sizes: steps of 32 bytes up to 512 (facts are mostly 150-500 bytes), then about x1.5. */
const CLASS_SIZES = [...Array.from({ length: 16 }, (_, i) => (i + 1) * 32), 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 32768, 65536];
/** Longest text kept (a facts body is at most a few KiB: 20 orders, names of 255 characters). */
export const NUMBER_TABLE_TEXT_MAX = CLASS_SIZES[CLASS_SIZES.length - 1]!;
const CHUNK_BYTES = 1 << 20;
/** A block's place: class in the top 5 bits, block number in its class below. */
const CLASS_SHIFT = 27;
const BLOCK_MASK = (1 << CLASS_SHIFT) - 1;

/** The blocks of one size class: 1 MiB buffers, a bump pointer and a free list. */
class SizeClass {
  private readonly chunks: Buffer[] = [];
  private readonly perChunk: number;
  private bumped = 0;
  private free = new Int32Array(64);
  private freeCount = 0;

  constructor(readonly size: number) {
    this.perChunk = Math.floor(CHUNK_BYTES / size);
  }

  alloc(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    const block = this.bumped++;
    if (block > BLOCK_MASK) throw new RangeError('number table: text arena full');
    if (Math.floor(block / this.perChunk) >= this.chunks.length) this.chunks.push(Buffer.allocUnsafeSlow(this.perChunk * this.size));
    return block;
  }

  release(block: number): void {
    if (this.freeCount === this.free.length) {
      const grown = new Int32Array(this.free.length * 2);
      grown.set(this.free);
      this.free = grown;
    }
    this.free[this.freeCount++] = block;
  }

  /** The buffer holding `block`, and the block's offset in it. */
  chunk(block: number): Buffer {
    return this.chunks[Math.floor(block / this.perChunk)]!;
  }

  offset(block: number): number {
    return (block % this.perChunk) * this.size;
  }

  /** Bytes taken from the system (for tests and metrics). */
  get bytes(): number {
    return this.chunks.length * this.perChunk * this.size;
  }

  reset(): void {
    this.chunks.length = 0;
    this.bumped = 0;
    this.freeCount = 0;
  }
}

export interface NumberTableOptions {
  maxEntries: number;
  ttlMs: number;
  /** Clock for the TTL; performance.now by default. */
  now?: () => number;
  /** The index's hash of a key (tests force collisions with it). */
  hash?: (key: number) => number;
}

export class NumberTable {
  private readonly max: number;
  private readonly mask: number;
  /** Index slot -> entry id + 1 (0 = empty). */
  private readonly slots: Int32Array;
  /** Per entry: key (0 = free), expiry, reference bit, text place and length. */
  private readonly keys: Float64Array;
  private readonly expires: Float64Array;
  private readonly ref: Uint8Array;
  private readonly place: Uint32Array;
  private readonly length: Uint32Array;
  private readonly freeIds: Int32Array;
  private freeIdCount = 0;
  /** Entry ids handed out so far (ids below are live or in freeIds). */
  private used = 0;
  private count = 0;
  private hand = 0;
  private readonly classes = CLASS_SIZES.map((s) => new SizeClass(s));
  private readonly now: () => number;
  private readonly hash: (key: number) => number;

  constructor(private readonly o: NumberTableOptions) {
    if (!Number.isInteger(o.maxEntries) || o.maxEntries < 1) throw new RangeError('number table: maxEntries must be a positive integer');
    this.max = o.maxEntries;
    // Load factor at most 1/2: short probe runs.
    const slots = 2 ** Math.ceil(Math.log2(this.max * 2));
    this.mask = slots - 1;
    this.slots = new Int32Array(slots);
    this.keys = new Float64Array(this.max);
    this.expires = new Float64Array(this.max);
    this.ref = new Uint8Array(this.max);
    this.place = new Uint32Array(this.max);
    this.length = new Uint32Array(this.max);
    this.freeIds = new Int32Array(this.max);
    this.now = o.now ?? (() => performance.now());
    this.hash = o.hash ?? mix;
  }

  get size(): number {
    return this.count;
  }

  /** Off-heap bytes held: index, entries and text blocks. */
  get bytes(): number {
    return this.slots.byteLength + this.max * 33 + this.classes.reduce((a, c) => a + c.bytes, 0);
  }

  /** The text for `key` if present and not expired; marks it read (for the clock) unless `peek`. */
  get(key: number, peek = false): string | undefined {
    const slot = this.find(key);
    if (slot < 0) return undefined;
    const id = this.slots[slot]! - 1;
    if (this.expires[id]! <= this.now()) {
      this.removeAt(slot);
      return undefined;
    }
    if (!peek) this.ref[id] = 1;
    const at = this.place[id]!;
    const c = this.classes[at >>> CLASS_SHIFT]!;
    const block = at & BLOCK_MASK;
    const off = c.offset(block);
    return c.chunk(block).toString('utf8', off, off + this.length[id]!);
  }

  /** Stores `text` for `key` (replacing any), for ttlMs; evicts one entry when full. False if not storable. */
  set(key: number, text: string): boolean {
    if (!(key > 0) || !Number.isSafeInteger(key)) return false;
    const bytes = Buffer.byteLength(text, 'utf8');
    const cls = classOf(bytes);
    if (cls < 0) {
      // Not storable: at least nothing older is answered for it.
      this.delete(key);
      return false;
    }
    let slot = this.find(key);
    let id: number;
    if (slot >= 0) {
      id = this.slots[slot]! - 1;
      const was = this.place[id]! >>> CLASS_SHIFT;
      if (was !== cls) {
        this.classes[was]!.release(this.place[id]! & BLOCK_MASK);
        this.place[id] = (cls << CLASS_SHIFT) | this.classes[cls]!.alloc();
      }
    } else {
      if (this.count >= this.max) this.evictOne();
      id = this.freeIdCount > 0 ? this.freeIds[--this.freeIdCount]! : this.used++;
      this.keys[id] = key;
      this.ref[id] = 0;
      this.place[id] = (cls << CLASS_SHIFT) | this.classes[cls]!.alloc();
      slot = this.home(key);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
      this.count++;
    }
    this.expires[id] = this.now() + this.o.ttlMs;
    this.length[id] = bytes;
    const at = this.place[id]!;
    const c = this.classes[at >>> CLASS_SHIFT]!;
    const block = at & BLOCK_MASK;
    c.chunk(block).write(text, c.offset(block), bytes, 'utf8');
    return true;
  }

  /** Removes `key`; true if it was there (expired or not). */
  delete(key: number): boolean {
    const slot = this.find(key);
    if (slot < 0) return false;
    this.removeAt(slot);
    return true;
  }

  /** Empties the table and gives the text buffers back. */
  clear(): void {
    this.slots.fill(0);
    this.keys.fill(0);
    this.count = this.used = this.freeIdCount = this.hand = 0;
    for (const c of this.classes) c.reset();
  }

  private home(key: number): number {
    return this.hash(key) & this.mask;
  }

  /** The index slot holding `key`, or -1. */
  private find(key: number): number {
    for (let slot = this.home(key); ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot]!;
      if (e === 0) return -1;
      if (this.keys[e - 1] === key) return slot;
    }
  }

  private removeAt(slot: number): void {
    const id = this.slots[slot]! - 1;
    this.classes[this.place[id]! >>> CLASS_SHIFT]!.release(this.place[id]! & BLOCK_MASK);
    this.keys[id] = 0;
    this.freeIds[this.freeIdCount++] = id;
    this.count--;
    // Backward shift: move up every later entry of the run that may sit at or after its home in
    // the freed slot, so lookups never stop early at a hole.
    let hole = slot;
    for (let j = (slot + 1) & this.mask; this.slots[j] !== 0; j = (j + 1) & this.mask) {
      const h = this.home(this.keys[this.slots[j]! - 1]!);
      const stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
      if (stays) continue;
      this.slots[hole] = this.slots[j]!;
      hole = j;
    }
    this.slots[hole] = 0;
  }

  /** CLOCK: the first expired or unread entry from the hand on; read ones get their bit cleared. */
  private evictOne(): void {
    const now = this.now();
    for (;;) {
      const id = this.hand;
      this.hand = this.hand + 1 >= this.used ? 0 : this.hand + 1;
      const key = this.keys[id]!;
      if (key === 0) continue;
      if (this.ref[id] === 1 && this.expires[id]! > now) {
        this.ref[id] = 0;
        continue;
      }
      this.removeAt(this.find(key));
      return;
    }
  }
}

/** Smallest size class holding `bytes`, or -1. */
function classOf(bytes: number): number {
  if (bytes <= 512) return bytes === 0 ? 0 : ((bytes + 31) >>> 5) - 1;
  for (let i = 16; i < CLASS_SIZES.length; i++) if (bytes <= CLASS_SIZES[i]!) return i;
  return -1;
}

/** A 32-bit mix of both halves of the key (murmur3's finaliser). */
function mix(key: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / 4294967296);
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
