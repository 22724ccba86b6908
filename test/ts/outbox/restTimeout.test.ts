import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractCall, RestTransport } from '../../../bridge/src/outbox';
import { SharedTimeout } from '../../../bridge/src/outbox/sharedTimeout';
import { contractFile } from './support/contract';

/** A server answering each POST as `answer` says: after a delay, or never (hung), or a redirect. */
async function server(answer: (n: number, res: http.ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const s = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(n++, res));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/rest`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

const ok = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
const exampleRequest = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json');
const call = () => ContractCall.parse(exampleRequest.call);

describe('REST timeout shared by the requests of a bucket of time', () => {
  it('gives the requests of one bucket the same signal, aborted after the timeout and at most a bucket later', async () => {
    let now = 1_000;
    const timeout = new SharedTimeout(200, () => now);
    const first = timeout.current();
    now += 19;
    expect(timeout.current()).toBe(first);
    now += 1;
    const next = timeout.current();
    expect(next).not.toBe(first);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 150));
    expect(first.aborted).toBe(false);
    await new Promise<void>((r) => first.addEventListener('abort', () => r()));
    // timeoutMs to timeoutMs + bucket (20 ms here); timers may fire a little late, never early.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    expect((first.reason as DOMException).name).toBe('TimeoutError');
  });

  it('calls the watchers of a bucket when it times out (AMQP confirms), not those cancelled, on the same timer as its signal', async () => {
    let now = 1_000;
    const timeout = new SharedTimeout(200, () => now);
    const fired: string[] = [];
    timeout.watch(() => fired.push('a'));
    const cancelB = timeout.watch(() => fired.push('b'));
    const signal = timeout.current();
    now += 20; // the next bucket
    timeout.watch(() => fired.push('c'));
    cancelB();
    await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
    expect(fired).toEqual(['a']);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toEqual(['a', 'c']);
  });

  it('aborts every hung request of a bucket; a request of a later bucket keeps its own full timeout', async () => {
    const hung: http.ServerResponse[] = [];
    // The first two requests hang; the third answers after 250 ms: past the first bucket's end.
    const s = await server((n, res) => (n < 2 ? hung.push(res) : setTimeout(() => ok(res), 250)));
    try {
      const rest = new RestTransport({ url: s.url, token: 't', timeoutMs: 300 });
      const t0 = Date.now();
      const a = rest.deliver(call());
      const b = rest.deliver(call());
      await new Promise((r) => setTimeout(r, 200));
      const c = rest.deliver(call());
      for (const outcome of await Promise.all([a, b])) expect(outcome).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/timeout after 300 ms/) });
      expect(Date.now() - t0).toBeLessThan(1_500);
      expect(await c).toEqual({ ok: true });
      expect(hung).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('treats a redirect as the link being down (Magento’s REST API does not redirect)', async () => {
    const s = await server((_n, res) => res.writeHead(301, { location: 'http://127.0.0.1:1/elsewhere' }).end());
    try {
      const rest = new RestTransport({ url: s.url, token: 't', timeoutMs: 5_000 });
      expect(await rest.deliver(call())).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/redirect/i) });
    } finally {
      await s.close();
    }
  });
});
