import { LookupResponse, parseMessage } from '../../../bridge/src/protocol/messages';

export type LookupEntry = { status: 'pending' | 'done' | 'failed'; result?: LookupResponse };

const TTL_MS = 5 * 60_000;

/**
 * Screen-pop lookups through Magento's admin controller (the admin session's own rights and
 * URLs), one request per number however many pages show it, cached for a few minutes.
 */
export class CallerLookup {
  private readonly entries = new Map<string, LookupEntry & { at: number }>();
  private url: string | undefined;

  constructor(private readonly onChange: () => void) {}

  setUrl(url: string | undefined): void {
    if (url) this.url = url;
  }

  /** Starts lookups for numbers not known yet; forgets entries no call refers to any more. */
  ensure(numbers: Iterable<string>): void {
    const wanted = new Set(numbers);
    const now = Date.now();
    for (const [n, e] of this.entries) if (!wanted.has(n) && now - e.at > TTL_MS) this.entries.delete(n);
    if (!this.url) return;
    for (const n of wanted) {
      const e = this.entries.get(n);
      if (e && (e.status === 'pending' || now - e.at < TTL_MS)) continue;
      this.entries.set(n, { status: 'pending', at: now });
      void this.fetch(n, this.url);
    }
  }

  view(numbers: Iterable<string>): Record<string, LookupEntry> {
    const out: Record<string, LookupEntry> = {};
    for (const n of numbers) {
      const e = this.entries.get(n);
      if (e) out[n] = e.result ? { status: e.status, result: e.result } : { status: e.status };
    }
    return out;
  }

  private async fetch(number: string, url: string): Promise<void> {
    let entry: LookupEntry & { at: number };
    try {
      const res = await fetch(`${url}${url.includes('?') ? '&' : '?'}phone=${encodeURIComponent(number)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
      });
      const parsed = parseMessage(LookupResponse, await res.json());
      entry = parsed.ok && res.ok ? { status: 'done', result: parsed.value, at: Date.now() } : { status: 'failed', at: Date.now() };
    } catch {
      entry = { status: 'failed', at: Date.now() };
    }
    this.entries.set(number, entry);
    this.onChange();
  }
}
