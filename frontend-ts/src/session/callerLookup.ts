import { LookupResponse, parseMessage } from '../../../bridge/src/protocol/messages';

export type LookupEntry = { status: 'pending' | 'done' | 'failed'; result?: LookupResponse };
type Entry = LookupEntry & { at: number; calls?: Set<string>; refreshing?: boolean };

const TTL_MS = 5 * 60_000;

/**
 * Screen-pop lookups through Magento's admin controller (the admin session's own rights and
 * URLs), one request per number however many pages show it, cached for a few minutes. The
 * number goes in a POST body with the form key, never in the URL (access logs keep URLs). A new
 * call from a number asks again (the card lists the caller's last calls and their wrap-up, which
 * the previous call just added), showing the cached card until the answer comes.
 */
export class CallerLookup {
  private readonly entries = new Map<string, Entry>();
  private url: string | undefined;
  private formKey: string | undefined;

  constructor(private readonly onChange: () => void) {}

  setUrl(url: string | undefined, formKey?: string): void {
    if (url) this.url = url;
    if (formKey) this.formKey = formKey;
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

  /** As ensure(), for the live calls: a call the cached answer did not see yet refreshes it. */
  ensureFor(calls: Array<{ id: string; number: string }>): void {
    const known = new Set(this.entries.keys());
    this.ensure(calls.map((c) => c.number));
    for (const c of calls) {
      const e = this.entries.get(c.number);
      if (!e) continue;
      if (!e.calls) e.calls = new Set();
      const seen = e.calls.has(c.id);
      e.calls.add(c.id);
      // Being fetched for this very call, or already asked with it in view.
      if (seen || !known.has(c.number) || e.status === 'pending' || e.refreshing || !this.url) continue;
      e.refreshing = true;
      void this.fetch(c.number, this.url, e.calls);
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

  /**
   * The admin URL Magento gives for one of the number's customers (a desk phone's "Open"): from
   * the cached answer when it lists them, else Magento is asked again. Null when it does not.
   */
  async customerUrl(number: string, customerId: number): Promise<string | null> {
    const pick = (r: LookupResponse | null | undefined) => r?.customers.find((c) => c.customerId === customerId)?.url ?? null;
    const cached = pick(this.entries.get(number)?.result);
    if (cached || !this.url) return cached;
    return pick(await this.ask(number, this.url));
  }

  /** One POST to Magento's lookup controller; null when it failed or answered something else. */
  private async ask(number: string, url: string): Promise<LookupResponse | null> {
    try {
      const body = new URLSearchParams({ phone: number, isAjax: 'true' });
      if (this.formKey) body.set('form_key', this.formKey);
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
        body,
      });
      const parsed = parseMessage(LookupResponse, await res.json());
      return parsed.ok && res.ok ? parsed.value : null;
    } catch {
      return null;
    }
  }

  private async fetch(number: string, url: string, calls?: Set<string>): Promise<void> {
    const result = await this.ask(number, url);
    let entry: Entry = result ? { status: 'done', result, at: Date.now() } : { status: 'failed', at: Date.now() };
    const before = this.entries.get(number);
    // A refresh that failed keeps the card already shown.
    if (calls && entry.status === 'failed' && before?.result) entry = { ...before, refreshing: false };
    if (calls || before?.calls) entry.calls = calls ?? before?.calls;
    this.entries.set(number, entry);
    this.onChange();
  }
}
