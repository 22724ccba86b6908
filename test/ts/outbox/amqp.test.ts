/**
 * RabbitMQ transport with a real broker (test/services/rabbitmq.sh): what Magento's consumer gets,
 * and a broker restart in the middle of a burst from a real outbox process.
 *
 * Delivery is at-least-once: a publish whose confirm was lost (broker stopped after storing it)
 * is published again, and messages delivered but not acked before the stop come back. The
 * consumer therefore dedupes by call_id, as the module does (CallManagementInterface::upsert).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AmqpTransport, ContractCall, toContractCall } from '../../../bridge/src/outbox';
import { messageBody, messageId, redactUrl, writeCoalescer } from '../../../bridge/src/outbox/amqp';
import type { ChannelModel } from 'amqplib';
import { OutboxStore } from '../../../bridge/src/outbox/store';
import { DedupeConsumer, purgeQueue } from './support/amqpConsumer';
import { contractFile } from './support/contract';
import { RABBITMQ_URL, rabbitmq, spawnOutboxChild, waitFor, type OutboxChildProcess } from './support/processes';
import { burstIds, burstRecord } from './support/records';

jest.setTimeout(300_000);

const QUEUE = 'bandeau.call.record';
const TOPIC = 'bandeau.call.record';
const example = ContractCall.parse(contractFile<{ call: unknown }>('calls.upsert.request.json').call);
let dir: string;
let consumer: DedupeConsumer;
const children: OutboxChildProcess[] = [];

const transportOptions = { url: RABBITMQ_URL, exchange: 'magento', topic: TOPIC, queue: QUEUE, declareQueue: true, confirmTimeoutMs: 5000 };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-outbox-amqp-'));
  await rabbitmq('start');
  await purgeQueue(RABBITMQ_URL, QUEUE);
  consumer = new DedupeConsumer(RABBITMQ_URL, QUEUE, true);
  await consumer.start();
});
afterAll(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill('SIGKILL')));
  await consumer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('AMQP transport', () => {
  it('publishes a persistent, confirmed message Magento can decode into the contract call', async () => {
    const t = new AmqpTransport(transportOptions);
    try {
      expect(await t.deliver(example)).toEqual({ ok: true });
      const m = await waitFor('the consumer to get it', () => consumer.messages.find((x) => x.callId === example.call_id));
      expect(m).toMatchObject({ persistent: true, routingKey: TOPIC, contentType: 'application/json', call: example });
      expect(m.messageId).toBe(messageId(example, messageBody(example)));
      expect(consumer.invalid).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('writes the publishes of one turn to the socket at once (one writev), each still confirmed', async () => {
    const t = new AmqpTransport(transportOptions);
    try {
      expect(await t.deliver(example)).toEqual({ ok: true });
      // The connection's socket (amqplib keeps it as connection.stream): its writes are counted.
      const socket = (t as unknown as { conn: { connection: { stream: { _write: Function; _writev: Function } } } }).conn.connection.stream;
      const writes: number[] = [];
      const write = socket._write.bind(socket);
      const writev = socket._writev.bind(socket);
      socket._write = (...a: unknown[]) => (writes.push(1), write(...a));
      socket._writev = (chunks: unknown[], cb: unknown) => (writes.push(chunks.length), writev(chunks, cb));
      const calls = Array.from({ length: 8 }, (_, i) => ({ ...example, call_id: `coalesced.${process.pid}.${i}` }));
      expect(await Promise.all(calls.map((c) => t.deliver(c)))).toEqual(calls.map(() => ({ ok: true })));
      // amqplib alone writes each publish on its own (8 writes).
      expect(writes).toEqual([8]);
      // The next turn's publish is not held back.
      expect(await t.deliver({ ...example, call_id: `coalesced.${process.pid}.last` })).toEqual({ ok: true });
      expect(writes).toEqual([8, 1]);
      for (const c of calls) await waitFor(`the consumer to get ${c.call_id}`, () => consumer.messages.find((x) => x.callId === c.call_id));
      // A connection without the socket amqplib keeps today: publishes are written one by one, nothing breaks.
      expect(() => writeCoalescer({} as ChannelModel)()).not.toThrow();
    } finally {
      await t.close();
    }
  });

  it('does not count a message no queue took as delivered', async () => {
    const t = new AmqpTransport({ ...transportOptions, topic: 'bandeau.nobody.listens', declareQueue: false });
    try {
      expect(await t.deliver(example)).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/unroutable/) });
    } finally {
      await t.close();
    }
  });

  it('reports an unreachable broker as the link being down, without the password', async () => {
    const t = new AmqpTransport({ ...transportOptions, url: 'amqp://guest:s3cret@127.0.0.1:1' });
    const r = await t.deliver(example);
    expect(r).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/ECONNREFUSED/) });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(redactUrl('amqps://bridge:pw@mq.example:5671/shop')).toBe('amqps://bridge:***@mq.example:5671/shop');
    await t.close();
  });
});

it('RabbitMQ restarted mid-burst: every acknowledged call reaches the queue, once after dedupe', async () => {
  const N = 500;
  const prefix = 'mq';
  const db = path.join(dir, 'mq.sqlite');
  const c = spawnOutboxChild({
    callLog: {
      transport: 'amqp',
      path: db,
      sync: 'full',
      amqp: { url: RABBITMQ_URL, confirmTimeoutMs: 3000 },
      concurrency: 16,
      retry: { minDelayMs: 50, maxDelayMs: 500 },
      pollIntervalMs: 100,
    },
    prefix,
    from: 0,
    to: N,
    rate: 100,
  });
  children.push(c);
  await waitFor('records flowing to the consumer', () => consumer.distinct(prefix).length >= 50);
  await rabbitmq('stop');
  const atStop = c.enqueued.length;
  // the bridge keeps accepting calls while the broker is away; they wait in the outbox
  await waitFor('more records enqueued while the broker is down', () => c.enqueued.length >= Math.min(N, atStop + 50));
  const store = new OutboxStore(db, { readonly: true });
  try {
    // A publish to a broker that went away fails at the latest at its confirm timeout (3 s here);
    // the bound is generous for a loaded machine.
    await waitFor('failed publish attempts on record', () => store.list({ status: 'pending' }).some((e) => e.attempts > 0), 90_000);
  } finally {
    store.close();
  }
  await rabbitmq('start');
  const idle = await c.event('idle', 120_000);
  expect(idle.counts).toEqual({ pending: 0, failed: 0, delivered: N });
  expect(new Set(c.enqueued)).toEqual(new Set(burstIds(prefix, 0, N)));
  await waitFor('every record at the consumer', () => consumer.distinct(prefix).length === N, 60_000);
  const ids = consumer.distinct(prefix);
  expect(ids.length).toBe(N);
  expect(new Set(ids)).toEqual(new Set(burstIds(prefix, 0, N)));
  expect(consumer.invalid).toEqual([]);
  expect(consumer.reconnects).toBeGreaterThanOrEqual(1);
  const duplicates = [...consumer.seen.entries()].filter(([id, n]) => id.startsWith(`${prefix}.`) && n > 1).length;
  console.info(`RabbitMQ restart: ${N} calls, ${duplicates} delivered more than once to the consumer (deduped by call_id)`);
  await c.exit();
});

it('the bridge and Magento agree on the message for a model record', () => {
  const call = ContractCall.parse(toContractCall(burstRecord('fmt', 1)));
  const body = messageBody(call);
  expect(JSON.parse(JSON.parse(body.toString('utf8')) as string)).toEqual(call);
});
