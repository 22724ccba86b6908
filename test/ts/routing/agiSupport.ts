/** Shared pieces of the FastAGI tests: a server with a captured log and its own metrics, raw peers. */
import { connect, type Socket } from 'node:net';
import { Registry } from 'prom-client';
import { createLogger } from '../../../bridge/src/logger';
import { AgiServer, type AgiServerOptions } from '../../../bridge/src/routing/agi';
import type { AgiRequest, RouteDecision } from '../../../bridge/src/routing/contract';

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface AgiHarness {
  server: AgiServer;
  port: number;
  logs: LogLine[];
  registry: Registry;
  requests: AgiRequest[];
  decisions: Array<[AgiRequest, RouteDecision]>;
  stop(): Promise<void>;
}

/** A decision as the decider would give for Camille, whose order 000000102 is not shipped. */
export function salesDecision(over: Partial<RouteDecision> = {}): RouteDecision {
  return {
    route: 'sales',
    reason: 'rule',
    rule: { code: 'not_shipped', label: 'Order not shipped' },
    why: [{ code: 'order_not_shipped', order: '000000102' }],
    priority: 5,
    message: 'bandeau/order-being-prepared',
    customer: { id: 2, name: 'Camille Dürand' },
    vip: false,
    lang: 'fr',
    order: '000000102',
    ...over,
  };
}

export async function startAgi(opts: Partial<Omit<AgiServerOptions, 'logger' | 'registry'>> = {}): Promise<AgiHarness> {
  const logs: LogLine[] = [];
  const requests: AgiRequest[] = [];
  const decisions: Array<[AgiRequest, RouteDecision]> = [];
  const registry = new Registry();
  const logger = createLogger('debug', { write: (s: string) => void logs.push(JSON.parse(s) as LogLine) });
  const server = new AgiServer({
    host: '127.0.0.1',
    port: 0,
    deadlineMs: 300,
    idleTimeoutMs: 3000,
    maxSessions: 1024,
    ...opts,
    decide: async (r) => {
      requests.push(r);
      return (opts.decide ?? (async () => salesDecision()))(r);
    },
    onDecision: (r, d) => {
      decisions.push([r, d]);
      opts.onDecision?.(r, d);
    },
    logger,
    registry,
  });
  const port = await server.start();
  return { server, port, logs, registry, requests, decisions, stop: () => server.stop() };
}

/** One value of a metric, by labels (0 when the series does not exist yet). */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = registry.getSingleMetric(name);
  if (!m) return 0;
  const data = await m.get();
  return data.values
    .filter((v) => Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val) && !('metricName' in v && String(v.metricName).endsWith('_bucket')))
    .reduce((sum, v) => sum + v.value, 0);
}

/** A TCP peer that is not Asterisk: what it sent is up to the test; records what comes back and when it is closed. */
export interface RawPeer {
  socket: Socket;
  received(): string;
  /** Resolves on close, with the time since connecting and whether the close came with an error (reset). */
  closed: Promise<{ afterMs: number; error?: string }>;
}

export async function rawPeer(port: number, opts: { read?: boolean } = {}): Promise<RawPeer> {
  const started = Date.now();
  const socket = connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  let error: string | undefined;
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  if (opts.read === false) socket.pause();
  else socket.on('data', (c: Buffer) => chunks.push(c));
  const closed = new Promise<{ afterMs: number; error?: string }>((resolve) => socket.once('close', () => resolve({ afterMs: Date.now() - started, ...(error ? { error } : {}) })));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received: () => Buffer.concat(chunks).toString('utf8'), closed };
}

/** A request block as Asterisk 22 sends it (for raw peers that then misbehave). */
export const ASTERISK_REQUEST = [
  'agi_network: yes',
  'agi_network_script: route',
  'agi_request: agi://127.0.0.1:4573/route',
  'agi_channel: PJSIP/trunk-00000001',
  'agi_language: en',
  'agi_type: PJSIP',
  'agi_uniqueid: 1764547200.1',
  'agi_version: 22.10.1',
  'agi_callerid: 0612345678',
  'agi_calleridname: Camille Durand',
  'agi_callingpres: 0',
  'agi_callingani2: 0',
  'agi_callington: 0',
  'agi_callingtns: 0',
  'agi_dnid: 0123456789',
  'agi_rdnis: unknown',
  'agi_context: from-trunk',
  'agi_extension: 0123456789',
  'agi_priority: 2',
  'agi_enhanced: 0.0',
  'agi_accountcode: ',
  'agi_threadid: 140234567890112',
  '',
  '',
].join('\n');

export const warnings = (logs: LogLine[]): LogLine[] => logs.filter((l) => (l.level ?? 0) >= 40);

export { until } from '../helpers/waitFor';
