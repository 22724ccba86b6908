import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import {
  CallLogConfig,
  ContractCall,
  Outbox,
  contractProblems,
  OutboxStore,
  RestTransport,
  openCallLog,
  toContractCall,
  type CallRecordInput,
  type Transport,
} from '../../../bridge/src/outbox';
import { startRuntime } from '../../../bridge/src/runtime';
import { ContractEndpoint } from './support/contractEndpoint';
import { contractFile } from './support/contract';
import { burstIds, burstRecord } from './support/records';
import { waitFor } from './support/processes';

const TOKEN = 'integration-token-test';
const silent = createLogger('silent');
const exampleRequest = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json');
const exampleResponse = contractFile<Record<string, unknown>>('calls.upsert.response.json');
const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The contract example call as the call model would have ended it. */
function exampleAsModelRecord(): CallRecordInput {
  const c = ContractCall.parse(exampleRequest.call);
  return {
    call_id: c.call_id,
    linked_ids: c.linked_ids ?? [],
    direction: c.direction,
    from: c.from ?? '',
    to: c.to ?? '',
    rung: ['1001'],
    answered_by: c.agent_extension ?? null,
    disposition: c.disposition ?? null,
    started_at: c.started_at,
    answered_at: c.answered_at ?? null,
    ended_at: c.ended_at ?? null,
    duration_s: c.duration_s ?? null,
    talk_s: c.talk_s ?? null,
    transferred_to: c.transferred_to ?? null,
    queue: c.queue ?? null,
    queue_position: c.queue_position ?? null,
    abandon_position: c.abandon_position ?? null,
    wait_s: c.wait_s ?? null,
    route: c.route ?? null,
    route_rule: c.route_rule ?? null,
    route_reason: c.route_reason ?? null,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('call record → contract call', () => {
  it('the contract example validates against the outgoing schema', () => {
    expect(ContractCall.safeParse(exampleRequest.call).success).toBe(true);
  });

  it('maps the call model record to the contract fields, with the agent and customer links', () => {
    const call = toContractCall(exampleAsModelRecord(), { agentUserId: (ext) => (ext === '1001' ? 7 : null), customerId: (r) => (r.from === '+33612345678' ? 12 : null) });
    expect(withoutNulls(call)).toEqual(withoutNulls(exampleRequest.call));
    expect(ContractCall.parse(call)).toEqual(call);
  });

  it('passes campaign, order, recording URL and note when the record has them; never sends unknown links', () => {
    const call = toContractCall({ ...exampleAsModelRecord(), campaign_id: 4, order_id: 9, recording_url: 'https://pbx.example/r/1.wav', note: 'ok' });
    expect(call).toMatchObject({ campaign_id: 4, order_id: 9, recording_url: 'https://pbx.example/r/1.wav', note: 'ok', agent_user_id: null, customer_id: null });
    const broken = toContractCall(exampleAsModelRecord(), {
      agentUserId: () => {
        throw new Error('session store gone');
      },
      customerId: () => -3,
    });
    expect(broken).toMatchObject({ agent_user_id: null, customer_id: null, agent_extension: '1001' });
  });

  it('carries the transfer and queue fields; an odd queue figure is left out rather than costing the record', () => {
    const call = toContractCall({ ...exampleAsModelRecord(), transferred_to: ' 7003 ', queue: 'sales', queue_position: 4, abandon_position: 1, wait_s: 42 });
    expect(call).toMatchObject({ transferred_to: '7003', queue: 'sales', queue_position: 4, abandon_position: 1, wait_s: 42 });
    const odd = toContractCall({ ...exampleAsModelRecord(), transferred_to: 'x\r\nAction: Originate', queue: '', queue_position: -1, abandon_position: 1.5, wait_s: 10_000_000 });
    expect(odd).toMatchObject({ transferred_to: null, queue: null, queue_position: null, abandon_position: null, wait_s: null });
    expect(contractProblems(odd)).toBeNull();
    // Records queued by a bridge from before these fields still go through.
    const { transferred_to: _t, queue: _q, queue_position: _p, abandon_position: _a, wait_s: _w, ...older } = exampleAsModelRecord();
    expect(contractProblems(toContractCall(older))).toBeNull();
  });

  it('builds the recording URL from the template for answered calls only', () => {
    const links = { recordingUrlTemplate: 'https://pbx.example/recordings/{call_id}.wav' };
    expect(toContractCall(exampleAsModelRecord(), links).recording_url).toBe('https://pbx.example/recordings/1714566000.1234.wav');
    expect(toContractCall({ ...exampleAsModelRecord(), disposition: 'missed', answered_by: null }, links).recording_url).toBeNull();
    expect(toContractCall({ ...exampleAsModelRecord(), recording_url: 'https://nas/x.wav' }, links).recording_url).toBe('https://nas/x.wav');
  });
});

describe('REST transport against the contract endpoint', () => {
  let endpoint: ContractEndpoint;
  let rest: RestTransport;
  beforeEach(async () => {
    endpoint = new ContractEndpoint(TOKEN);
    await endpoint.start();
    // A generous timeout: a loaded 2-core CI machine can take over 500 ms to answer; the timeout
    // itself is tested below with a transport of its own.
    rest = new RestTransport({ url: endpoint.url, token: TOKEN, timeoutMs: 10_000 });
  });
  afterEach(() => endpoint.stop());

  const call = () => ContractCall.parse(exampleRequest.call);

  it('delivers the contract example and gets the contract response; the same record twice is stored once', async () => {
    expect(rest.endpoint).toBe(`${endpoint.url}/V1/bandeau/calls`);
    expect(await rest.deliver(call())).toEqual({ ok: true });
    expect(await rest.deliver(call())).toEqual({ ok: true });
    const res = await fetch(rest.endpoint, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(exampleRequest) });
    expect(await res.json()).toEqual(exampleResponse);
    expect(endpoint.getStats()).toMatchObject({ posts: 3, storedIds: ['1714566000.1234'], accepted: { '1714566000.1234': 3 } });
  });

  it('treats 4xx as permanent with Magento’s message, and a wrong token too', async () => {
    const bad = await rest.deliver({ ...call(), direction: 'sideways' as never });
    expect(bad).toEqual({ ok: false, permanent: true, reason: expect.stringMatching(/HTTP 400 .*Invalid value of "sideways" provided for the direction field/) });
    const wrongToken = new RestTransport({ url: endpoint.url, token: 'nope' });
    expect(await wrongToken.deliver(call())).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/HTTP 401/) });
  });

  it('treats 500 as a transient failure of the record, 503 and network trouble as the link being down', async () => {
    endpoint.set({ status: 500 });
    expect(await rest.deliver(call())).toMatchObject({ ok: false, permanent: false, link: false });
    endpoint.set({ status: 503 });
    expect(await rest.deliver(call())).toMatchObject({ ok: false, permanent: false, link: true });
    endpoint.set({ status: null, delayMs: 2000 });
    const impatient = new RestTransport({ url: endpoint.url, token: TOKEN, timeoutMs: 500 });
    expect(await impatient.deliver(call())).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/abort|timeout/i) });
    await endpoint.down();
    expect(await rest.deliver(call())).toMatchObject({ ok: false, permanent: false, link: true, reason: expect.stringMatching(/ECONNREFUSED|other side closed/) });
  });
});

/** A transport answering what the test says, recording what it was given. */
class ScriptedTransport implements Transport {
  readonly name = 'rest' as const;
  sent: string[] = [];
  answer: (call: ContractCall) => Awaited<ReturnType<Transport['deliver']>> = () => ({ ok: true });
  calledDuringEnqueue = false;
  inEnqueue = false;
  async deliver(call: ContractCall) {
    if (this.inEnqueue) this.calledDuringEnqueue = true;
    this.sent.push(call.call_id);
    await new Promise((r) => setImmediate(r));
    return this.answer(call);
  }
  async close() {}
}

describe('outbox delivery loop', () => {
  const newOutbox = (transport: Transport, registry?: Registry, maxAttempts?: number) =>
    new Outbox({
      store: new OutboxStore(path.join(dir, 'o.sqlite')),
      transport,
      logger: silent,
      ...(registry ? { registry } : {}),
      retry: { minDelayMs: 5, maxDelayMs: 40, maxAttempts },
      pollIntervalMs: 50,
      concurrency: 4,
    });

  it('enqueue only writes: delivery starts after it returned', async () => {
    const t = new ScriptedTransport();
    const outbox = newOutbox(t);
    outbox.start();
    t.inEnqueue = true;
    const acks = Array.from({ length: 20 }, (_, i) => outbox.enqueue(toContractCall(burstRecord('q', i))));
    t.inEnqueue = false;
    expect(t.sent).toEqual([]);
    await Promise.all(acks);
    await outbox.idle();
    expect(t.calledDuringEnqueue).toBe(false);
    expect(new Set(t.sent)).toEqual(new Set(burstIds('q', 0, 20)));
    expect(outbox.store.counts()).toEqual({ pending: 0, delivered: 20, failed: 0 });
    await outbox.stop();
  });

  it('retries transient failures with backoff, keeps permanent ones as failed and retryable, and counts them in /metrics', async () => {
    const t = new ScriptedTransport();
    const tries = new Map<string, number>();
    t.answer = (c) => {
      const n = (tries.get(c.call_id) ?? 0) + 1;
      tries.set(c.call_id, n);
      if (c.call_id === 'm.1') return { ok: false, permanent: true, reason: 'HTTP 400: Invalid value' };
      if (c.call_id === 'm.2' && n < 3) return { ok: false, permanent: false, link: false, reason: 'HTTP 500' };
      return { ok: true };
    };
    const registry = new Registry();
    const outbox = newOutbox(t, registry);
    outbox.start();
    for (let i = 0; i < 4; i++) outbox.enqueue(toContractCall(burstRecord('m', i)));
    await outbox.idle();
    expect(tries.get('m.2')).toBe(3);
    expect(outbox.store.get('m.1')).toMatchObject({ status: 'failed', lastError: 'HTTP 400: Invalid value', attempts: 1 });
    const metrics = await registry.getMetricsAsJSON();
    const value = (name: string) => metrics.find((m) => m.name === name)?.values.reduce((s, v) => s + v.value, 0);
    expect(value('bandeau_outbox_pending')).toBe(0);
    expect(value('bandeau_outbox_delivered')).toBe(3);
    expect(value('bandeau_outbox_failed')).toBe(1);
    expect(value('bandeau_outbox_delivered_total')).toBe(3);
    expect(value('bandeau_outbox_failed_total')).toBe(1);
    expect(value('bandeau_outbox_attempts_total')).toBe(6);

    t.answer = () => ({ ok: true });
    expect(outbox.store.retryFailed()).toBe(1);
    await waitFor('the retried record to be delivered', () => outbox.store.get('m.1')?.status === 'delivered');
    await outbox.stop();
  });

  it('pauses everything while the link is down and probes with one record, then sends the rest', async () => {
    const t = new ScriptedTransport();
    let down = true;
    t.answer = () => (down ? { ok: false, permanent: false, link: true, reason: 'ECONNREFUSED' } : { ok: true });
    const outbox = newOutbox(t);
    outbox.start();
    for (let i = 0; i < 30; i++) outbox.enqueue(toContractCall(burstRecord('l', i)));
    await waitFor('a few probes', () => t.sent.length >= 8);
    const probes = t.sent.length;
    expect(probes).toBeLessThan(30 + 8); // not every record hammering the dead link
    down = false;
    await outbox.idle();
    expect(outbox.store.counts()).toEqual({ pending: 0, delivered: 30, failed: 0 });
    await outbox.stop();
  });

  it('sets a record aside as failed after retry.maxAttempts transient failures', async () => {
    const t = new ScriptedTransport();
    t.answer = () => ({ ok: false, permanent: false, link: false, reason: 'HTTP 500' });
    const outbox = newOutbox(t, undefined, 3);
    outbox.start();
    outbox.enqueue(toContractCall(burstRecord('x', 0)));
    await outbox.idle();
    expect(outbox.store.get('x.0')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'gave up after 3 attempts: HTTP 500' });
    await outbox.stop();
  });
});

describe('call-log config and runtime wiring', () => {
  it('has safe defaults and names what a transport needs', () => {
    const c = CallLogConfig.parse({ rest: { url: 'https://shop.example/rest', token: 't' } });
    expect(c).toMatchObject({ enabled: true, transport: 'rest', sync: 'full', concurrency: 8, retention: { deliveredHours: 1, pendingDays: 7, failedDays: 14, sweepIntervalMinutes: 10 }, retry: { minDelayMs: 1000, maxDelayMs: 300_000 } });
    const r = CallLogConfig.safeParse({ transport: 'amqp' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/callLog.amqp/);
    expect(CallLogConfig.parse({ transport: 'amqp', amqp: { url: 'amqp://u:p@mq:5672' } }).amqp).toEqual({
      url: 'amqp://u:p@mq:5672',
      exchange: 'magento',
      topic: 'bandeau.call.record',
      queue: 'bandeau.call.record',
      declareQueue: true,
      confirmTimeoutMs: 15_000,
    });
    expect(CallLogConfig.safeParse({ rest: { url: 'https://x', token: 't' }, bogus: 1 }).success).toBe(false);
  });

  it('the bridge exposes bandeau_outbox_* on /metrics and delivers recorded calls', async () => {
    const endpoint = new ContractEndpoint(TOKEN);
    await endpoint.start();
    const config = BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: 's'.repeat(40),
      allowedOrigins: ['https://admin.shop.test'],
      callLog: { path: path.join(dir, 'bridge-outbox.sqlite'), rest: { url: endpoint.url, token: TOKEN } },
    });
    const runtime = await startRuntime(config, silent);
    try {
      const text = await (await fetch(`http://127.0.0.1:${runtime.adminPort}/metrics`)).text();
      for (const name of ['bandeau_outbox_pending', 'bandeau_outbox_delivered', 'bandeau_outbox_failed', 'bandeau_outbox_delivered_total']) {
        expect(text).toMatch(new RegExp(`^${name} 0$`, 'm'));
      }
    } finally {
      await runtime.stop();
      await endpoint.stop();
    }
  });

  it('openCallLog records model records with links and delivers them', async () => {
    const endpoint = new ContractEndpoint(TOKEN);
    await endpoint.start();
    const callLog = openCallLog(
      CallLogConfig.parse({ path: path.join(dir, 'cl.sqlite'), rest: { url: endpoint.url, token: TOKEN }, recordingUrlTemplate: 'https://pbx.example/rec/{call_id}.wav' }),
      { logger: silent, agentUserId: () => 7, customerId: () => 12 },
    );
    try {
      await expect(callLog.record(exampleAsModelRecord())).resolves.toMatchObject({ created: true, status: 'pending' });
      await expect(callLog.record({ ...exampleAsModelRecord(), call_id: '' })).resolves.toBeUndefined();
      await callLog.outbox.idle();
      expect(endpoint.stored.get('1714566000.1234')).toEqual({
        ...withoutNulls(exampleRequest.call),
        recording_url: 'https://pbx.example/rec/1714566000.1234.wav',
      });
    } finally {
      await callLog.stop();
      await endpoint.stop();
    }
  });
});

describe('the contract endpoint stand-in itself', () => {
  it('refuses what Magento would refuse', async () => {
    const endpoint = new ContractEndpoint(TOKEN);
    await endpoint.start();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${endpoint.url}/V1/bandeau/calls`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    const call = exampleRequest.call;
    try {
      expect(await post(exampleRequest)).toBe(200);
      expect(await post(exampleRequest, { authorization: 'Bearer wrong' })).toBe(401);
      expect(await post(call)).toBe(400);
      expect(await post({ call: { ...call, extra: 1 } })).toBe(400);
      expect(await post({ call: { ...call, started_at: null } })).toBe(400);
      expect(await post({ call: { ...call, duration_s: -1 } })).toBe(400);
      expect(await post({ call: { ...call, from: 'x'.repeat(65) } })).toBe(400);
      expect(await post({ call: { ...call, linked_ids: 'a' } })).toBe(400);
      expect(await post('{nope')).toBe(400);
      expect(endpoint.getStats().storedIds).toEqual([call.call_id]);
    } finally {
      await endpoint.stop();
    }
  });
});

describe('outbox CLI', () => {
  it('lists, retries and purges', async () => {
    const { runOutboxList, runOutboxRetry, runOutboxPurge } = await import('../../../bridge/src/commands/outbox');
    const db = path.join(dir, 'cli.sqlite');
    const store = new OutboxStore(db);
    store.put('a.1', toContractCall(burstRecord('a', 1)));
    const b = store.put('a.2', toContractCall(burstRecord('a', 2))).id;
    store.markFailed(b, 1, 'HTTP 400 from https://shop/rest/V1/bandeau/calls: Invalid value');
    const c = store.put('a.3', toContractCall(burstRecord('a', 3))).id;
    store.markDelivered(c, 1);
    store.close();
    const io = () => {
      const lines = { out: [] as string[], err: [] as string[] };
      return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
    };
    const config = path.join(dir, 'bridge.json');
    writeFileSync(config, JSON.stringify({ callLog: { path: db } }));

    let o = io();
    expect(runOutboxList({ config }, o.io)).toBe(0);
    expect(o.lines.out[0]).toBe(`${db}: 1 pending, 1 failed, 1 delivered`);
    expect(o.lines.out[1]).toMatch(/^ID\s+CALL ID\s+STATUS\s+ATTEMPTS\s+CREATED\s+WHEN\s+LAST ERROR$/);
    expect(o.lines.out.find((l) => l.includes('a.2'))).toMatch(/failed\s+1\s+.*HTTP 400/);

    o = io();
    expect(runOutboxList({ db, status: 'failed', json: true }, o.io)).toBe(0);
    expect(JSON.parse(o.lines.out.join('\n'))).toEqual([expect.objectContaining({ callId: 'a.2', status: 'failed' })]);

    o = io();
    expect(runOutboxRetry(['a.1'], { db }, o.io)).toBe(1);
    expect(o.lines.err[0]).toMatch(/is pending, not failed/);
    o = io();
    expect(runOutboxRetry([String(b)], { db }, o.io)).toBe(0);
    expect(o.lines.out).toEqual([`record ${b} (a.2) set back to pending`]);
    o = io();
    expect(runOutboxRetry([], { db, all: true }, o.io)).toBe(0);
    expect(o.lines.out).toEqual(['no failed records']);

    o = io();
    expect(runOutboxPurge(['a.1'], { db }, o.io)).toBe(1);
    expect(o.lines.err.join('\n')).toMatch(/add --yes/);
    expect(runOutboxPurge(['a.1'], { db, yes: true }, io().io)).toBe(0);
    o = io();
    expect(runOutboxPurge([], { db, olderThan: 0 }, o.io)).toBe(0);
    expect(o.lines.out).toEqual(['1 delivered record(s) older than 0 day(s) purged']);
    o = io();
    expect(runOutboxList({ db: path.join(dir, 'missing.sqlite') }, o.io)).toBe(1);
    expect(o.lines.err[0]).toMatch(/no outbox at/);
  });
});

describe('bandeau-bridge outbox (commander)', () => {
  it('is registered with list, retry and purge', async () => {
    const { buildProgram } = await import('../../../bridge/src/cli');
    const outbox = buildProgram().commands.find((c) => c.name() === 'outbox');
    expect(outbox?.commands.map((c) => c.name())).toEqual(['list', 'retry', 'purge']);
    const db = path.join(dir, 'reg.sqlite');
    new OutboxStore(db).close();
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await buildProgram().parseAsync(['node', 'bandeau-bridge', 'outbox', 'list', '--db', db, '--json']);
      expect(write).toHaveBeenCalledWith('[]\n');
      expect(process.exitCode).toBe(0);
    } finally {
      write.mockRestore();
      process.exitCode = undefined;
    }
  });
});
