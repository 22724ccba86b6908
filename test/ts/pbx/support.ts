/** Rigs for the PBX driver tests: what a driver's events make of calls, through a model or a running bridge (not a test file). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallModel } from '../../../bridge/src/calls/model';
import { createReplay } from '../../../bridge/src/calls/replay';
import type { CallRecord } from '../../../bridge/src/calls/record';
import type { Call } from '../../../bridge/src/protocol/messages';
import { asteriskCapture } from '../calls/streams';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { TEST_SECRET, ORIGIN } from '../helpers/bridgeHarness';

/** What the records are compared on (ids and times differ between a recording and a webhook). */
export const OUTCOME_KEYS = ['direction', 'from', 'to', 'rung', 'answered_by', 'disposition', 'transferred_to', 'queue'] as const;
export type Outcome = Pick<CallRecord, (typeof OUTCOME_KEYS)[number]>;
export const outcome = (r: CallRecord): Outcome => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, r[k]])) as unknown as Outcome;

export interface ModelRig {
  model: CallModel;
  records: CallRecord[];
  /** States pushed to each extension, repeats folded. */
  states: Record<string, string[]>;
  clock: { now: number };
}

export function modelRig(): ModelRig {
  const clock = { now: 1_800_000_000_000 };
  const model = new CallModel({}, { now: () => clock.now });
  const records: CallRecord[] = [];
  const states: Record<string, string[]> = {};
  model.on('ended', (r: CallRecord) => records.push(r));
  model.on('update', (call: Call, exts: string[]) => foldState(states, call, exts));
  return { model, records, states, clock };
}

function foldState(states: Record<string, string[]>, call: Call, exts: string[]): void {
  for (const e of exts.length > 0 ? exts : ['-']) {
    const seq = (states[e] ??= []);
    if (seq[seq.length - 1] !== call.state) seq.push(call.state);
  }
}

/** A recorded Asterisk stream's records and bar states (../shared/asterisk/captures). */
export function amiOutcome(name: string): { records: CallRecord[]; states: Record<string, string[]> } {
  const states: Record<string, string[]> = {};
  const session = createReplay({}, { onUpdate: (call, exts) => foldState(states, call, exts) });
  session.push(asteriskCapture(name));
  return { records: session.end().records, states };
}

/** A bridge running one webhook driver, with the records and bar states its calls make. */
export interface WebhookRig {
  rt: BridgeRuntime;
  url: string;
  records: CallRecord[];
  states: Record<string, string[]>;
  /** Forgets the records and states (before each sequence). */
  reset(): void;
  /** Expects a refusal with this status and code, and that it changed nothing. */
  refused(sent: Promise<{ status: number; body: Record<string, unknown> }>, status: number, code: string, reason?: RegExp): Promise<void>;
}

export async function webhookRig(pbx: Record<string, unknown>, path: string): Promise<WebhookRig> {
  const config = BridgeConfig.parse({ listen: { host: '127.0.0.1', port: 0 }, secret: TEST_SECRET, allowedOrigins: [ORIGIN], admin: { enabled: false }, pbx });
  const rt = await startRuntime(config, createLogger('silent'));
  const records: CallRecord[] = [];
  const states: Record<string, string[]> = {};
  rt.model!.on('ended', (r: CallRecord) => records.push(r));
  rt.model!.on('update', (call: Call, exts: string[]) => foldState(states, call, exts));
  const seen = () => ({ live: rt.model!.liveCalls().length, records: records.length, states: JSON.stringify(states) });
  return {
    rt,
    url: `http://127.0.0.1:${rt.port}${path}`,
    records,
    states,
    reset() {
      records.length = 0;
      for (const k of Object.keys(states)) delete states[k];
    },
    async refused(sent, status, code, reason) {
      const before = seen();
      const r = await sent;
      const error = r.body.error as { code?: string; message?: string } | undefined;
      expect({ status: r.status, code: error?.code }).toEqual({ status, code });
      if (reason) expect(error?.message).toMatch(reason);
      expect(seen()).toEqual(before);
    },
  };
}

/** A provider's REST API as far as click-to-call goes: records each request, answers `status`. */
export interface FakeApi {
  url: string;
  calls: Array<{ path: string; auth: string | undefined; body: Record<string, unknown> }>;
  status: number;
  close(): Promise<void>;
}

export async function fakeApi(): Promise<FakeApi> {
  const api: FakeApi = { url: '', calls: [], status: 200, close: async () => undefined };
  const server = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString()));
    req.on('end', () => {
      api.calls.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(b || '{}') as Record<string, unknown> });
      res.writeHead(api.status, { 'content-type': 'application/json' });
      res.end(api.status === 200 ? '{}' : '{"error":"refused"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  api.close = () => new Promise<void>((r) => server.close(() => r()));
  return api;
}
