import { Gauge, type Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { MagentoRest } from './context';
import { PhoneBook, type PhoneBookListing } from './phoneBook';
import { readLimited } from '../http/readLimited';

export const PHONEBOOK_PATH = '/V1/bandeau/phonebook';
/** Customers per request (the route's maximum): 1,000,000 customers are 200 requests. */
const PAGE_LIMIT = 5_000;
/** A page of 5,000 customers is about 1.5 MB; anything much larger is not Magento's answer. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** A long first pull says how far it is this often. */
const PROGRESS_EVERY_MS = 10_000;

const E164 = /^\+[1-9][0-9]{4,14}$/;
const EXTENSION = /^[0-9A-Za-z_.*#+-]{1,32}$/;

const Entry = z.object({
  customer_id: z.number().int().positive(),
  name: z.string().max(1024),
  group: z.string().max(255).nullish(),
  phones: z.array(z.object({ e164: z.string(), kind: z.string().max(64).nullish() })).max(64),
});
const Staff = z.object({ name: z.string().max(1024), extension: z.string() });
const Page = z.object({
  entries: z.array(z.unknown()),
  staff: z.array(z.unknown()).nullish(),
  next_after_id: z.number().int().nullable().optional(),
});

export interface PhoneBookSyncOptions {
  magento: MagentoRest & { timeoutMs?: number };
  everyS: number;
  logger: Logger;
  /** Customers per request (tests use small pages). */
  pageLimit?: number;
}

/** What /healthz says of the phone book. */
export interface PhoneBookStatus {
  /** Numbers listed in the copy in use (customers' and staff extensions). */
  entries: number;
  /** When the copy in use was pulled (ISO 8601), null before the first success. */
  lastPullAt: string | null;
  /** The last pull's failure, null once a pull succeeds. */
  lastError: { at: string; message: string } | null;
}

/**
 * Keeps the phone book: a full pull from Magento (`GET /V1/bandeau/phonebook`, paged by
 * customer id) at start and every `everyS`. The new copy replaces the old one only once the
 * whole pull succeeded; a failed pull keeps the previous copy and says why in the log.
 * A phone book needs no invalidations: a customer added now is findable at the next pull.
 */
export class PhoneBookSync {
  private current = new PhoneBook([]);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | null = null;
  private stopped = false;
  /** When the copy in use was pulled, or null before the first success. */
  pulledAt: Date | null = null;
  /** Why the last pull failed, null once one succeeds. */
  lastError: { at: Date; message: string } | null = null;

  constructor(private readonly o: PhoneBookSyncOptions) {}

  status(): PhoneBookStatus {
    return {
      entries: this.current.size,
      lastPullAt: this.pulledAt?.toISOString() ?? null,
      lastError: this.lastError ? { at: this.lastError.at.toISOString(), message: this.lastError.message } : null,
    };
  }

  /** The copy in use (empty until the first pull ends). */
  book(): PhoneBook {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      void this.pull().finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(loop, this.o.everyS * 1000);
        this.timer.unref();
      });
    };
    loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One full pull; true when the new copy is in use. A pull under way is joined, not doubled. */
  pull(): Promise<boolean> {
    this.running ??= this.pullAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pullAll(): Promise<boolean> {
    const log = this.o.logger;
    const started = Date.now();
    let lastProgress = started;
    const listings: PhoneBookListing[] = [];
    // The copy in use serves until this pull ends: what it already holds unchanged is shared, not held twice.
    const old = this.current;
    const keep = (l: PhoneBookListing): PhoneBookListing => {
      const o = old.byNumber(l.number);
      return o !== null && o.customerId === l.customerId && o.name === l.name && o.group === l.group && o.kind === l.kind ? o : l;
    };
    // Groups and kinds are a handful of values, each a new string per customer out of JSON.parse.
    const interned = new Map<string, string>();
    const intern = (v: string): string => {
      const known = interned.get(v);
      if (known !== undefined) return known;
      interned.set(v, v);
      return v;
    };
    let customers = 0;
    let skipped = 0;
    let staff = 0;
    let afterId = 0;
    try {
      for (let requests = 0; ; requests++) {
        if (this.stopped) return false;
        const page = await this.fetchPage(afterId);
        if (requests === 0) {
          for (const raw of page.staff ?? []) {
            const s = Staff.safeParse(raw);
            if (!s.success || !EXTENSION.test(s.data.extension)) {
              skipped++;
              continue;
            }
            listings.push(keep({ customerId: null, name: s.data.name, group: null, number: s.data.extension, kind: 'staff' }));
            staff++;
          }
        }
        for (const raw of page.entries) {
          const e = Entry.safeParse(raw);
          if (!e.success) {
            skipped++;
            continue;
          }
          customers++;
          const group = e.data.group == null ? null : intern(e.data.group);
          for (const p of e.data.phones) {
            if (E164.test(p.e164)) listings.push(keep({ customerId: e.data.customer_id, name: e.data.name, group, number: p.e164, kind: intern(p.kind ?? 'telephone') }));
          }
        }
        const next = page.next_after_id ?? null;
        if (next === null || page.entries.length === 0) break;
        // Magento pages by customer id: an id that does not move on would loop forever.
        if (next <= afterId) throw new Error(`the answer's next_after_id (${next}) does not move past ${afterId}`);
        afterId = next;
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          log.info({ customers, listings: listings.length, seconds: Math.round((lastProgress - started) / 1000) }, 'phone book pull under way');
        }
      }
    } catch (err) {
      this.lastError = { at: new Date(), message: (err as Error).message };
      log.error(
        { err: (err as Error).message, afterId, kept: this.current.size, keptFrom: this.pulledAt?.toISOString() ?? null },
        `phone book pull from Magento failed; the phones keep the previous copy (${this.current.size} numbers)`,
      );
      return false;
    }
    this.current = new PhoneBook(listings, old);
    this.pulledAt = new Date();
    this.lastError = null;
    log.info({ customers, listings: listings.length, staff, skipped, ms: Date.now() - started }, 'phone book pulled from Magento');
    return true;
  }

  private async fetchPage(afterId: number): Promise<z.infer<typeof Page>> {
    const base = this.o.magento.url.replace(/\/+$/, '');
    const url = `${base}${PHONEBOOK_PATH}?afterId=${afterId}&limit=${this.o.pageLimit ?? PAGE_LIMIT}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${this.o.magento.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.o.magento.timeoutMs ?? 60_000),
      });
    } catch (err) {
      const e = err as Error;
      throw new Error(e.name === 'TimeoutError' ? 'Magento did not answer in time' : `Magento is unreachable (${(e.cause as { code?: string } | undefined)?.code ?? e.message})`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`Magento answered HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (the integration token or its Bandeau_Cti::api permission)' : res.status === 404 ? ' (is the module up to date? the phonebook route is missing)' : ''}`);
    }
    let text: string;
    try {
      text = await readLimited(res, MAX_PAGE_BYTES);
    } catch (err) {
      const e = err as Error;
      throw new Error(e.name === 'TimeoutError' ? 'Magento did not send the whole phone book page in time' : `a phone book page: ${e.message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('the phone book answer is not JSON');
    }
    const page = Page.safeParse(json);
    if (!page.success) throw new Error(`the phone book answer is not the expected shape: ${page.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return page.data;
  }
}

/** bandeau_phonebook_* on the bridge's registry, read from the sync at scrape time. */
export function registerPhoneBookMetrics(registry: Registry, sync: PhoneBookSync): void {
  const gauge = (name: string, help: string, value: () => number) =>
    registry.getSingleMetric(name) ??
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  gauge('bandeau_phonebook_entries', 'Numbers in the desk phones\' phone book in use (customers and staff)', () => sync.book().size);
  gauge('bandeau_phonebook_last_success_timestamp_seconds', 'When the phone book in use was pulled from Magento (0 before the first success)', () => (sync.pulledAt ? sync.pulledAt.getTime() / 1000 : 0));
  gauge('bandeau_phonebook_last_pull_failed', '1 when the last phone book pull from Magento failed (the previous copy is kept), else 0', () => (sync.lastError ? 1 : 0));
}
