/**
 * The phone book as the bridge holds it: every number of every customer Magento lists (and the
 * staff extensions), searchable by the prefix of any word of the name, accent- and
 * case-insensitively, in name order, page by page; and reverse lookup by number.
 *
 * Built once per pull (phoneBookSync.ts) and then only read, so the index is flat: listings
 * sorted by folded name, the distinct folded words sorted, and for each word the ranks of the
 * listings holding it (ascending). A prefix is a contiguous run of words (two binary searches);
 * the page is the smallest ranks among their postings, picked with a bounded heap, so a
 * one-letter prefix over a million names costs a scan of integers, not a sort.
 */

/** Read-only: a listing the next pull finds unchanged is shared by both copies (phoneBookSync.ts). */
export interface PhoneBookListing {
  /** The Magento customer, or null for a staff extension. */
  readonly customerId: number | null;
  /** As stored in Magento (each vendor's renderer cleans it for the phone). */
  readonly name: string;
  readonly group: string | null;
  /** E.164 for customers, the extension for staff. */
  readonly number: string;
  /** billing, shipping, telephone… as Magento's phone index says; 'staff' for extensions. */
  readonly kind: string;
}

export interface PhoneBookPage {
  listings: PhoneBookListing[];
  /** More listings match after this page. */
  more: boolean;
}

/** Deepest listing a search reaches (a phone's user pages 30 at a time; nobody pages past this). */
export const MAX_SEARCH_DEPTH = 5_000;
/** Query words beyond this are ignored; a query is cut to this many characters. */
const MAX_QUERY_WORDS = 4;
export const MAX_QUERY_CHARS = 64;

const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/** Letters NFD does not split into a base and a mark. */
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't' };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');

/** Lower case, no accents, ligatures spread: "Léa Œuvrard" -> "lea oeuvrard". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').toLowerCase().replace(FOLDABLE, (c) => FOLDS[c]!);
}

/** The folded words of a text. */
export function foldedWords(s: string): string[] {
  return fold(s).split(NOT_WORD).filter((w) => w.length > 0);
}

export class PhoneBook {
  /** Listings in name order; a listing's rank is its index here. */
  private readonly listings: PhoneBookListing[];
  /** Each listing's folded words, space-led (" jeanne dupont"), for the other words of a query. */
  private readonly foldedNames: string[];
  private readonly words: string[];
  /** Postings of word i: postings[wordStart[i] .. wordStart[i+1]). */
  private readonly wordStart: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly numbers = new Map<string, number>();

  /**
   * `previous`: the copy in use, whose folded names this one shares for the listings they share,
   * so that while both are held (during a pull) only what changed is in memory twice.
   */
  constructor(input: Iterable<PhoneBookListing>, previous?: PhoneBook) {
    // `key` is the space-led folded name: the same string for every listing of one name.
    const keyed: Array<{ l: PhoneBookListing; key: string }> = [];
    let lastName: string | null = null;
    let lastKey = '';
    for (const l of input) {
      if (l.name !== lastName) {
        lastName = l.name;
        lastKey = previous?.foldedNameOf(l) ?? ` ${foldedWords(l.name).join(' ')}`;
      }
      keyed.push({ l, key: lastKey });
    }
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.l.number < b.l.number ? -1 : a.l.number > b.l.number ? 1 : 0));
    this.listings = keyed.map((k) => k.l);
    this.foldedNames = keyed.map((k) => k.key);
    const byWord = new Map<string, number[]>();
    let total = 0;
    keyed.forEach(({ key, l }, rank) => {
      if (!this.numbers.has(l.number)) this.numbers.set(l.number, rank);
      for (const w of new Set(key.slice(1).split(' '))) {
        if (w === '') continue;
        let list = byWord.get(w);
        if (!list) byWord.set(w, (list = []));
        list.push(rank);
        total++;
      }
    });
    this.words = [...byWord.keys()].sort();
    this.wordStart = new Uint32Array(this.words.length + 1);
    this.postings = new Uint32Array(total);
    let at = 0;
    this.words.forEach((w, i) => {
      this.wordStart[i] = at;
      this.postings.set(byWord.get(w)!, at);
      at += byWord.get(w)!.length;
    });
    this.wordStart[this.words.length] = at;
  }

  /** This copy's folded name of `l` when `l` is one of its own listings (the same object). */
  private foldedNameOf(l: PhoneBookListing): string | undefined {
    const rank = this.numbers.get(l.number);
    return rank !== undefined && this.listings[rank] === l ? this.foldedNames[rank] : undefined;
  }

  get size(): number {
    return this.listings.length;
  }

  /** The first listing of a number (E.164 or a staff extension), or null. */
  byNumber(number: string): PhoneBookListing | null {
    const rank = this.numbers.get(number);
    return rank === undefined ? null : this.listings[rank]!;
  }

  /**
   * Listings whose name has a word starting with each word of the query, in name order, from
   * `offset`. An empty query lists everyone.
   */
  search(query: string, offset: number, limit: number): PhoneBookPage {
    const start = Math.max(0, Math.floor(offset));
    const want = Math.min(start + limit, MAX_SEARCH_DEPTH);
    if (limit <= 0 || start >= want) return { listings: [], more: false };
    const qWords = [...new Set(foldedWords(query.slice(0, MAX_QUERY_CHARS)))].slice(0, MAX_QUERY_WORDS);
    if (qWords.length === 0) {
      return { listings: this.listings.slice(start, want), more: want < this.listings.length };
    }
    // Scan the rarest word's postings; the other words filter.
    const ranges = qWords.map((w) => ({ w, ...this.prefixRange(w) }));
    ranges.sort((a, b) => this.count(a) - this.count(b));
    const [scan, ...others] = ranges as [(typeof ranges)[0], ...typeof ranges];
    const needles = others.map((o) => ` ${o.w}`);
    const matches = needles.length === 0 ? () => true : (rank: number) => needles.every((n) => this.foldedNames[rank]!.includes(n));
    const ranks = scan.to - scan.from === 1 ? this.firstOfOne(scan.from, want + 1, matches) : this.smallestOfMany(scan.from, scan.to, want + 1, matches);
    return { listings: ranks.slice(start, want).map((r) => this.listings[r]!), more: ranks.length > want };
  }

  /** The words starting with `prefix`: [from, to) in `words`. */
  private prefixRange(prefix: string): { from: number; to: number } {
    const from = lowerBound(this.words, prefix);
    // Words sharing the prefix are contiguous and sort before prefix + U+FFFF.
    return { from, to: lowerBound(this.words, prefix + '\uffff', from) };
  }

  private count(r: { from: number; to: number }): number {
    return this.wordStart[r.to]! - this.wordStart[r.from]!;
  }

  /** One word: its postings are already in rank order. */
  private firstOfOne(word: number, n: number, ok: (rank: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = this.wordStart[word]!, end = this.wordStart[word + 1]!; i < end && out.length < n; i++) {
      const r = this.postings[i]!;
      if (ok(r)) out.push(r);
    }
    return out;
  }

  /** Several words: the n smallest distinct ranks over their postings (a bounded max-heap). */
  private smallestOfMany(from: number, to: number, n: number, ok: (rank: number) => boolean): number[] {
    const heap = new MaxHeap(n);
    for (let w = from; w < to; w++) {
      for (let i = this.wordStart[w]!, end = this.wordStart[w + 1]!; i < end; i++) {
        const r = this.postings[i]!;
        // Postings are ascending within a word: once past the heap's largest, the rest of this word is too.
        if (heap.full() && r >= heap.top()) break;
        if (!heap.has(r) && ok(r)) heap.push(r);
      }
    }
    return heap.sorted();
  }
}

/** First index in `sorted` (from `lo`) whose value is >= `key`. */
function lowerBound(sorted: string[], key: string, lo = 0): number {
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A max-heap of at most `cap` distinct integers, keeping the smallest seen. */
class MaxHeap {
  private readonly a: number[] = [];
  private readonly members = new Set<number>();

  constructor(private readonly cap: number) {}

  full(): boolean {
    return this.a.length >= this.cap;
  }

  top(): number {
    return this.a[0]!;
  }

  has(v: number): boolean {
    return this.members.has(v);
  }

  push(v: number): void {
    if (this.full()) {
      if (v >= this.a[0]!) return;
      this.members.delete(this.a[0]!);
      this.a[0] = v;
      this.down(0);
    } else {
      this.a.push(v);
      this.up(this.a.length - 1);
    }
    this.members.add(v);
  }

  sorted(): number[] {
    return [...this.a].sort((x, y) => x - y);
  }

  private up(i: number): void {
    const a = this.a;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! >= a[i]!) return;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }

  private down(i: number): void {
    const a = this.a;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]! > a[m]!) m = l;
      if (r < a.length && a[r]! > a[m]!) m = r;
      if (m === i) return;
      [a[m], a[i]] = [a[i]!, a[m]!];
      i = m;
    }
  }
}
