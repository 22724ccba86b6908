/**
 * One AMI message: an ordered list of `Key: Value` headers with
 * case-insensitive lookup. Repeated keys keep every value in order.
 */

import { lowerKey } from './headerNames';

export type AmiKind = 'event' | 'response' | 'action' | 'unknown';

/** Headers as written: a record (one value per key) or ordered pairs (repeats allowed). */
export type AmiFields = Record<string, string | number | boolean | readonly string[] | undefined> | ReadonlyArray<readonly [string, string]>;

/** A bit standing for a lower-case name (its length and end characters). */
function nameBit(lk: string): number {
  // 30 bits, so that the mask stays a small integer for V8 (bit 31 would make it a heap number).
  return 1 << (((lk.length * 7 + lk.charCodeAt(0) + lk.charCodeAt(lk.length - 1)) | 0) % 30);
}

export class AmiMessage {
  /**
   * Headers flat, three slots each: name as spelled, lower-case name, value. A message has a
   * few dozen headers at most in practice, so a scan beats building a map per message (the
   * parser makes one message per event; see the `ami parser` benchmark).
   */
  private readonly flat: string[] = [];
  /** One bit per name present (by nameBit): most lookups of an absent name end here. */
  private names = 0;
  private pairs: Array<[string, string]> | undefined;
  /** Legacy `Response: Follows` body lines (before `--END COMMAND--`), when any. */
  output: string[] | undefined;

  /** Headers in wire order, keys as the server spelled them (built on first use). */
  get headers(): Array<[string, string]> {
    if (!this.pairs) {
      const f = this.flat;
      const out: Array<[string, string]> = [];
      for (let i = 0; i < f.length; i += 3) out.push([f[i] as string, f[i + 2] as string]);
      this.pairs = out;
    }
    return this.pairs;
  }

  static from(fields: AmiFields): AmiMessage {
    const m = new AmiMessage();
    if (Array.isArray(fields)) {
      for (const [k, v] of fields as ReadonlyArray<readonly [string, string]>) m.add(k, v);
      return m;
    }
    for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) m.add(k, String(item));
      else m.add(k, String(v));
    }
    return m;
  }

  add(key: string, value: string): void {
    this.addLowered(key, lowerKey(key), value);
  }

  /** `add` for a caller that already has the lower-case name (the framer). */
  addLowered(key: string, lk: string, value: string): void {
    this.flat.push(key, lk, value);
    this.names |= nameBit(lk);
    this.pairs = undefined;
  }

  has(key: string): boolean {
    return this.indexOf(lowerKey(key)) >= 0;
  }

  /** First value of `key` (case-insensitive), raw: may be '' or '<unknown>'. */
  get(key: string): string | undefined {
    return this.getLowered(lowerKey(key));
  }

  /** `get` for a caller that already has the lower-case name. */
  getLowered(lk: string): string | undefined {
    const i = this.indexOf(lk);
    return i >= 0 ? this.flat[i + 1] : undefined;
  }

  /** Every value of a repeated key, in order. */
  getAll(key: string): string[] {
    const lk = lowerKey(key);
    const f = this.flat;
    const out: string[] = [];
    for (let i = 1; i < f.length; i += 3) if (f[i] === lk) out.push(f[i + 1] as string);
    return out;
  }

  /** Slot of the lower-case name of the first header called `lk`, or -1. */
  private indexOf(lk: string): number {
    if ((this.names & nameBit(lk)) === 0) return -1;
    const f = this.flat;
    for (let i = 1; i < f.length; i += 3) if (f[i] === lk) return i;
    return -1;
  }

  /** First value, or undefined when absent, empty, `<unknown>` or `<null>`. */
  value(key: string): string | undefined {
    return this.valueLowered(lowerKey(key));
  }

  /** `value` for a caller that already has the lower-case name (the call model's hot paths). */
  valueLowered(lk: string): string | undefined {
    const i = this.indexOf(lk);
    if (i < 0) return undefined;
    const t = (this.flat[i + 1] as string).trim();
    if (t === '' || t === '<unknown>' || t === '<null>' || t === '(null)') return undefined;
    return t;
  }

  get size(): number {
    return this.flat.length / 3;
  }

  get kind(): AmiKind {
    if (this.indexOf('event') >= 0) return 'event';
    if (this.indexOf('response') >= 0) return 'response';
    if (this.indexOf('action') >= 0) return 'action';
    return 'unknown';
  }

  /** Event name, response value or action name, whichever applies. */
  get name(): string {
    return this.get('event') ?? this.get('response') ?? this.get('action') ?? '';
  }

  get event(): string | undefined {
    return this.getLowered('event');
  }

  get actionId(): string | undefined {
    return this.get('actionid');
  }

  /** Command output lines in either format: `Output:` headers (Asterisk 14+) or the legacy body. */
  commandOutput(): string[] {
    const lines = this.getAll('output');
    if (this.output) lines.push(...this.output);
    return lines;
  }

  /** Plain object view (last value wins), for logs. */
  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    const f = this.flat;
    for (let i = 0; i < f.length; i += 3) o[f[i] as string] = f[i + 2] as string;
    return o;
  }
}
