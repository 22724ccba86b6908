/**
 * One AMI message: an ordered list of `Key: Value` headers with
 * case-insensitive lookup. Repeated keys keep every value in order.
 */

export type AmiKind = 'event' | 'response' | 'action' | 'unknown';

/** Headers as written: a record (one value per key) or ordered pairs (repeats allowed). */
export type AmiFields = Record<string, string | number | boolean | readonly string[] | undefined> | ReadonlyArray<readonly [string, string]>;

export class AmiMessage {
  /** Headers in wire order, keys as the server spelled them. */
  readonly headers: Array<[string, string]> = [];
  /** Legacy `Response: Follows` body lines (before `--END COMMAND--`), when any. */
  output: string[] | undefined;
  private readonly index = new Map<string, string[]>();

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
    this.headers.push([key, value]);
    const lk = key.toLowerCase();
    const list = this.index.get(lk);
    if (list) list.push(value);
    else this.index.set(lk, [value]);
  }

  has(key: string): boolean {
    return this.index.has(key.toLowerCase());
  }

  /** First value of `key` (case-insensitive), raw: may be '' or '<unknown>'. */
  get(key: string): string | undefined {
    return this.index.get(key.toLowerCase())?.[0];
  }

  /** Every value of a repeated key, in order. */
  getAll(key: string): string[] {
    return this.index.get(key.toLowerCase())?.slice() ?? [];
  }

  /** First value, or undefined when absent, empty, `<unknown>` or `<null>`. */
  value(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const t = v.trim();
    if (t === '' || t === '<unknown>' || t === '<null>' || t === '(null)') return undefined;
    return t;
  }

  get size(): number {
    return this.headers.length;
  }

  get kind(): AmiKind {
    if (this.index.has('event')) return 'event';
    if (this.index.has('response')) return 'response';
    if (this.index.has('action')) return 'action';
    return 'unknown';
  }

  /** Event name, response value or action name, whichever applies. */
  get name(): string {
    return this.get('event') ?? this.get('response') ?? this.get('action') ?? '';
  }

  get event(): string | undefined {
    return this.get('event');
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
    for (const [k, v] of this.headers) o[k] = v;
    return o;
  }
}
