/**
 * The AMQP transport's confirm timeout, shared by the publishes of a bucket of time: a channel
 * that stands in for one whose broker never confirms some messages (no broker needed).
 */
import { AmqpTransport, ContractCall } from '../../../bridge/src/outbox';
import { contractFile } from './support/contract';

const example = ContractCall.parse(contractFile<{ call: unknown }>('calls.upsert.request.json').call);

/** A confirm channel that confirms only the publishes `confirm` says, after 100 ms. */
function fakeChannel(confirm: (n: number) => boolean) {
  let n = 0;
  return {
    published: 0,
    publish(_exchange: string, _topic: string, _body: Buffer, _opts: unknown, cb: (err: unknown) => void) {
      this.published++;
      if (confirm(n++)) setTimeout(() => cb(null), 100);
      return true;
    },
  };
}

it('fails every publish of a bucket still unconfirmed after the timeout; a later publish keeps its own full timeout', async () => {
  const t = new AmqpTransport({ url: 'amqp://127.0.0.1:1', exchange: 'magento', topic: 't', queue: 'q', declareQueue: false, confirmTimeoutMs: 300 });
  // The first two publishes are never confirmed; the third is, 100 ms after it was sent.
  const channel = fakeChannel((n) => n >= 2);
  (t as unknown as { channel: unknown }).channel = channel;
  const t0 = Date.now();
  const a = t.deliver(example);
  const b = t.deliver(example);
  await new Promise((r) => setTimeout(r, 280));
  // Sent 280 ms after the others, confirmed 100 ms later: past the first bucket's deadline (300–330 ms).
  (t as unknown as { channel: unknown }).channel = channel;
  const c = t.deliver(example);
  for (const outcome of await Promise.all([a, b])) expect(outcome).toEqual({ ok: false, permanent: false, link: true, reason: 'no publisher confirm within 300 ms' });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  expect(await c).toEqual({ ok: true });
  expect(channel.published).toBe(3);
  await t.close();
});
