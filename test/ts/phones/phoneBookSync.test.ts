import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { PhoneBookSync, registerPhoneBookMetrics } from '../../../bridge/src/phones/phoneBookSync';
import { FakePhonebookMagento, MAGENTO_TOKEN } from './phoneFixtures';
import { recordingLogger } from '../helpers/recordingLogger';

describe('phone book sync from Magento', () => {
  const magento = new FakePhonebookMagento();
  let url: string;

  beforeAll(async () => {
    url = await magento.start();
  });
  afterAll(() => magento.stop());
  beforeEach(() => {
    magento.pages = null;
    magento.fail = null;
    magento.requests = [];
    magento.customers = Array.from({ length: 25 }, (_, i) => ({ customer_id: 10 + i * 3, name: `Customer ${i}`, group: 'General', phones: [{ e164: `+336000000${String(i).padStart(2, '0')}`, kind: 'billing' }] }));
    magento.staff = [{ name: 'Sales desk', extension: '201' }];
  });

  it('pulls every page by customer id, staff from the first, with the integration token', async () => {
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    expect(await sync.pull()).toBe(true);
    expect(magento.requests).toEqual([
      '/rest/V1/bandeau/phonebook?afterId=0&limit=10',
      '/rest/V1/bandeau/phonebook?afterId=37&limit=10',
      '/rest/V1/bandeau/phonebook?afterId=67&limit=10',
    ]);
    expect(sync.book().size).toBe(26);
    expect(sync.book().byNumber('+33600000024')?.name).toBe('Customer 24');
    expect(sync.book().byNumber('201')).toMatchObject({ customerId: null, name: 'Sales desk' });
  });

  it('reads the module\'s answers as recorded in the contract (test/contract/phonebook*.json)', async () => {
    const contract = (f: string) => JSON.parse(readFileSync(path.join(__dirname, '../../contract', f), 'utf8')) as unknown;
    magento.pages = new Map([
      [0, contract('phonebook.response.json')],
      [57, contract('phonebook.last.response.json')],
    ]);
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger });
    expect(await sync.pull()).toBe(true);
    expect(magento.requests).toEqual(['/rest/V1/bandeau/phonebook?afterId=0&limit=5000', '/rest/V1/bandeau/phonebook?afterId=57&limit=5000']);
    const book = sync.book();
    expect(book.byNumber('+33142685300')).toMatchObject({ customerId: 12, name: 'Jeanne Dupont', group: 'Wholesale', kind: 'order_address' });
    expect(book.byNumber('+8613800138000')?.name).toBe('Zhang Wei');
    expect(book.byNumber('+33698765432')?.name).toBe('Mona Haddad');
    expect(book.byNumber('201')).toMatchObject({ customerId: null, name: 'Sales desk' });
    expect(book.search('zh', 0, 10).listings.map((l) => l.name)).toEqual(['Zhang Wei']);
  });

  it('keeps the previous copy when a pull fails, and says so in the log', async () => {
    const { logger, lines } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    await sync.pull();
    const before = sync.book();
    for (const failure of [500, 401, 'reset'] as const) {
      magento.fail = failure;
      expect(await sync.pull()).toBe(false);
      expect(sync.book()).toBe(before);
    }
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(3);
    expect(errors[0]!.msg).toContain('keep the previous copy (26 numbers)');
    expect(errors[0]!.err).toContain('HTTP 500');
    expect(errors[1]!.err).toContain('integration token');
    expect(errors[2]!.err).toContain('unreachable');
  });

  it('stops reading a page past its size limit when Magento declares no length, and keeps the previous copy', async () => {
    const { logger, lines } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    await sync.pull();
    const before = sync.book();
    magento.fail = 'unbounded';
    expect(await sync.pull()).toBe(false);
    expect(sync.book()).toBe(before);
    expect(lines.filter((l) => l.level === 50).at(-1)!.err).toContain(`over ${32 * 1024 * 1024} bytes`);
  }, 30_000);

  it('reports its state for /healthz and /metrics: entries, last successful pull, last error', async () => {
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    const registry = new Registry();
    registerPhoneBookMetrics(registry, sync);
    const gauge = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value;
    expect(sync.status()).toEqual({ entries: 0, lastPullAt: null, lastError: null });
    expect(await gauge('bandeau_phonebook_last_success_timestamp_seconds')).toBe(0);

    const before = Date.now();
    await sync.pull();
    const ok = sync.status();
    expect(ok).toMatchObject({ entries: 26, lastError: null });
    expect(Date.parse(ok.lastPullAt!)).toBeGreaterThanOrEqual(before - 1);
    expect(await gauge('bandeau_phonebook_entries')).toBe(26);
    expect(await gauge('bandeau_phonebook_last_success_timestamp_seconds')).toBe(Date.parse(ok.lastPullAt!) / 1000);
    expect(await gauge('bandeau_phonebook_last_pull_failed')).toBe(0);

    magento.fail = 401;
    await sync.pull();
    const failed = sync.status();
    // The copy in use and its time stay; the error says why.
    expect(failed).toMatchObject({ entries: 26, lastPullAt: ok.lastPullAt });
    expect(failed.lastError!.message).toContain('HTTP 401');
    expect(Date.parse(failed.lastError!.at)).toBeGreaterThanOrEqual(Date.parse(ok.lastPullAt!));
    expect(await gauge('bandeau_phonebook_last_pull_failed')).toBe(1);
    expect(await registry.metrics()).toContain('bandeau_phonebook_entries 26');

    magento.fail = null;
    await sync.pull();
    expect(sync.status().lastError).toBeNull();
    expect(await gauge('bandeau_phonebook_last_pull_failed')).toBe(0);
  });

  it('keeps the previous copy when a later page fails (no half book)', async () => {
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    await sync.pull();
    magento.customers.push({ customer_id: 1000, name: 'Newcomer', phones: [{ e164: '+33600000999', kind: 'billing' }] });
    const original = magento.customers;
    let served = 0;
    // The second page fails.
    Object.defineProperty(magento, 'fail', { configurable: true, get: () => (++served >= 2 ? 503 : null), set: () => undefined });
    expect(await sync.pull()).toBe(false);
    Object.defineProperty(magento, 'fail', { configurable: true, writable: true, value: null });
    expect(sync.book().byNumber('+33600000999')).toBeNull();
    expect(sync.book().size).toBe(26);
    magento.customers = original;
    expect(await sync.pull()).toBe(true);
    expect(sync.book().byNumber('+33600000999')?.name).toBe('Newcomer');
  });

  it('skips malformed entries and numbers, and refuses a page id that does not move on', async () => {
    const { logger, lines } = recordingLogger();
    magento.customers = [
      { customer_id: 1, name: 'Good', phones: [{ e164: '+33600000001', kind: 'billing' }, { e164: '0600000002', kind: 'billing' }] },
      { customer_id: 2, name: 42 as unknown as string, phones: [] },
    ];
    magento.staff = [{ name: 'Bad staff', extension: '<b>' }];
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger });
    expect(await sync.pull()).toBe(true);
    expect(sync.book().size).toBe(1);
    expect(lines.find((l) => l.msg === 'phone book pulled from Magento')).toMatchObject({ customers: 1, listings: 1, skipped: 2 });

    const stuck = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 1 });
    magento.customers = [
      { customer_id: 5, name: 'A', phones: [{ e164: '+33600000005', kind: 'billing' }] },
      { customer_id: 6, name: 'B', phones: [{ e164: '+33600000006', kind: 'billing' }] },
    ];
    const realHandle = (magento as unknown as { handle: (...a: unknown[]) => void }).handle.bind(magento);
    (magento as unknown as { handle: (req: { url: string }, res: { writeHead: (s: number, h: object) => { end: (b: string) => void } }) => void }).handle = (req, res) => {
      if (req.url.includes('afterId=5')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ entries: [{ customer_id: 5, name: 'A', phones: [] }], next_after_id: 5 }));
      realHandle(req, res);
    };
    try {
      expect(await stuck.pull()).toBe(false);
    } finally {
      (magento as unknown as { handle: unknown }).handle = realHandle;
    }
    expect(lines.some((l) => typeof l.err === 'string' && l.err.includes('does not move past 5'))).toBe(true);
  });

  it('a later pull shares the listings it finds unchanged with the copy in use, and takes what changed', async () => {
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    await sync.pull();
    const before = sync.book();
    const kept = before.byNumber('+33600000003')!;
    magento.customers[0] = { ...magento.customers[0]!, name: 'Renamed Zoé' };
    magento.customers[1] = { ...magento.customers[1]!, group: 'Wholesale' };
    // Customer 2's number now belongs to customer 4 (who keeps theirs too).
    const moved = magento.customers[2]!.phones[0]!;
    magento.customers[2] = { ...magento.customers[2]!, phones: [] };
    magento.customers[4] = { ...magento.customers[4]!, phones: [...magento.customers[4]!.phones, moved] };
    expect(await sync.pull()).toBe(true);
    const after = sync.book();
    expect(after).not.toBe(before);
    // The copy that served meanwhile is whole and unchanged.
    expect(before.byNumber('+33600000000')?.name).toBe('Customer 0');
    expect(before.search('customer', 0, 30).listings).toHaveLength(25);
    expect(after.byNumber('+33600000003')).toBe(kept);
    expect(after.byNumber('+33600000000')).toMatchObject({ name: 'Renamed Zoé', customerId: 10 });
    expect(after.search('zoe', 0, 5).listings.map((l) => l.number)).toEqual(['+33600000000']);
    expect(after.search('customer 0', 0, 5).listings).toEqual([]);
    expect(after.byNumber('+33600000001')).toMatchObject({ group: 'Wholesale' });
    expect(after.byNumber(moved.e164)).toMatchObject({ customerId: 22, name: 'Customer 4' });
    expect(after.search('customer 4', 0, 5).listings.map((l) => l.number).sort()).toEqual([moved.e164, '+33600000004']);
    expect(after.size).toBe(26);
  });

  it('joins a pull under way instead of starting another', async () => {
    const { logger } = recordingLogger();
    const sync = new PhoneBookSync({ magento: { url, token: MAGENTO_TOKEN }, everyS: 900, logger, pageLimit: 10 });
    const [a, b] = [sync.pull(), sync.pull()];
    expect(a).toBe(b);
    await a;
    expect(magento.requests).toHaveLength(3);
  });
});
