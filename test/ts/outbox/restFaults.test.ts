/**
 * Fault tests with real processes: the outbox in a child process (support/outboxChild.ts, the
 * real outbox module), the contract endpoint in another. Each test ends with every call the
 * child acknowledged stored exactly once at the endpoint, compared by count and ids.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboxStore } from '../../../bridge/src/outbox/store';
import type { ChildConfig } from './support/outboxChild';
import { spawnEndpoint, spawnOutboxChild, waitFor, type EndpointProcess, type OutboxChildProcess } from './support/processes';
import { burstIds } from './support/records';

jest.setTimeout(120_000);

const TOKEN = 'integration-token-faults';
let dir: string;
let endpoint: EndpointProcess;
const children: OutboxChildProcess[] = [];

function child(prefix: string, from: number, to: number, rate: number, timeoutMs = 3000): OutboxChildProcess {
  const config: ChildConfig = {
    callLog: {
      transport: 'rest',
      path: path.join(dir, `${prefix}.sqlite`),
      sync: 'full',
      rest: { url: endpoint.url, token: TOKEN, timeoutMs },
      concurrency: 8,
      retry: { minDelayMs: 20, maxDelayMs: 250 },
      pollIntervalMs: 100,
    },
    prefix,
    from,
    to,
    rate,
  };
  const c = spawnOutboxChild(config);
  children.push(c);
  return c;
}

/** Failed attempts of the records still pending in the child's outbox, read beside it as the CLI would. */
function attemptsSoFar(prefix: string): number {
  const store = new OutboxStore(path.join(dir, `${prefix}.sqlite`), { readonly: true });
  try {
    return store.list({ status: 'pending' }).reduce((n, e) => n + e.attempts, 0);
  } finally {
    store.close();
  }
}

/** POSTs the endpoint accepted per call id of one burst. */
async function acceptedFor(prefix: string): Promise<number[]> {
  const { accepted } = await endpoint.stats();
  return Object.entries(accepted)
    .filter(([id]) => id.startsWith(`${prefix}.`))
    .map(([, n]) => n);
}

/** Every id stored exactly once: same count, same ids, nothing else. */
async function expectStoredExactly(ids: string[]): Promise<Record<string, number>> {
  const stats = await endpoint.stats();
  const stored = stats.storedIds.filter((id) => id.startsWith(ids[0]!.replace(/\.\d+$/, '.')));
  expect(stored.length).toBe(ids.length);
  expect(new Set(stored)).toEqual(new Set(ids));
  return Object.fromEntries(ids.map((id) => [id, stats.accepted[id] ?? 0]));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-outbox-faults-'));
  endpoint = await spawnEndpoint(TOKEN);
});
afterEach(async () => {
  await endpoint.up().catch(() => undefined);
  await endpoint.set({ status: null, delayMs: 0 });
  await Promise.all(children.splice(0).map((c) => c.kill('SIGKILL')));
});
afterAll(async () => {
  await endpoint?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('SIGKILL during a burst, then restart: every acknowledged call arrives, once', async () => {
  const N = 400;
  // A slow Magento (100 ms a record, 8 at a time) keeps records waiting in the outbox.
  await endpoint.set({ delayMs: 100 });
  const first = child('kill', 0, N, 300);
  await waitFor('150 records enqueued', () => first.enqueued.length >= 150);
  await first.kill('SIGKILL');
  const acked = [...first.enqueued];
  const atKill = (await endpoint.stats()).storedIds.length;
  expect(acked.length).toBeLessThan(N);
  expect(atKill).toBeLessThan(acked.length); // records were still waiting in the outbox

  await endpoint.set({ delayMs: 0 });
  const second = child('kill', acked.length, N, 300);
  await second.event('burst-done');
  const idle = await second.event('idle');
  expect(idle.counts).toEqual({ pending: 0, failed: 0, delivered: N });
  expect(new Set([...acked, ...second.enqueued])).toEqual(new Set(burstIds('kill', 0, N)));
  const deliveries = await expectStoredExactly(burstIds('kill', 0, N));
  expect(Object.values(deliveries).every((n) => n >= 1)).toBe(true);
  await second.exit();
});

it('Magento down for a while, then back: nothing lost, nothing doubled', async () => {
  const N = 300;
  await endpoint.down();
  const c = child('down', 0, N, 0);
  await c.event('burst-done');
  expect(c.enqueued.length).toBe(N);
  // the outbox keeps trying (with backoff) while the endpoint refuses connections
  await waitFor('the outbox to retry against the dead endpoint', () => attemptsSoFar('down') >= 3);
  expect((await endpoint.stats()).storedIds.filter((id) => id.startsWith('down.'))).toEqual([]);

  await endpoint.up();
  const idle = await c.event('idle');
  expect(idle.counts).toEqual({ pending: 0, failed: 0, delivered: N });
  await expectStoredExactly(burstIds('down', 0, N));
  await c.exit();
});

it('Magento answering 500, then so slow that answers are lost: the same record delivered twice is stored once', async () => {
  // While answers are lost the link counts as down: one record at a time probes it, in turn.
  const N = 12;
  await endpoint.set({ status: 500 });
  const c = child('slow', 0, N, 0, 400);
  await c.event('burst-done');
  await waitFor('retries after HTTP 500', () => attemptsSoFar('slow') >= 2);
  expect((await endpoint.stats()).refused['500']).toBeGreaterThan(0);

  // Magento stores the record but answers after the bridge gave up waiting: it will send it again.
  await endpoint.set({ status: null, delayMs: 1000 });
  await waitFor('a record delivered twice', async () => (await acceptedFor('slow')).some((n) => n >= 2), 30_000);
  await endpoint.set({ delayMs: 0 });
  const idle = await c.event('idle');
  expect(idle.counts).toEqual({ pending: 0, failed: 0, delivered: N });
  const deliveries = await expectStoredExactly(burstIds('slow', 0, N));
  expect(Object.values(deliveries).some((n) => n >= 2)).toBe(true);
  await c.exit();
});
