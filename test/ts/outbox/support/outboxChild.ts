/**
 * A bridge-like process driving the REAL call-log outbox (openCallLog, as runtime.ts wires it):
 * it enqueues a burst of call records at a steady rate, printing one line per record once it is
 * durably in the outbox, then waits until everything is delivered. The fault tests SIGKILL it
 * mid-burst and start it again with the same outbox file.
 *
 * Config in env OUTBOX_CHILD (JSON, see ChildConfig). Lines on stdout:
 *   E <call_id>                 the record is in the outbox (its group commit is durable)
 *   {"event":"burst-done"}      every record of this run was enqueued
 *   {"event":"idle",...}        nothing pending any more (counts of the outbox file)
 * stdin "exit" (or SIGTERM) stops it cleanly.
 */
import pino from 'pino';
import { createLogger } from '../../../../bridge/src/logger';
import { CallLogConfig, openCallLog, type CallLogConfigInput } from '../../../../bridge/src/outbox';
import { burstRecord } from './records';

export interface ChildConfig {
  callLog: CallLogConfigInput;
  prefix: string;
  /** Records `from` .. `to - 1` of the burst. */
  from: number;
  to: number;
  /** Records per second (0 = as fast as possible). */
  rate: number;
  logLevel?: string;
}

const cfg = JSON.parse(process.env.OUTBOX_CHILD ?? '{}') as ChildConfig;
const logger = createLogger(cfg.logLevel ?? 'warn', pino.destination(2));
const callLog = openCallLog(CallLogConfig.parse(cfg.callLog), { logger, agentUserId: (ext) => (ext === '1001' ? 7 : null) });
const out = (line: string) => process.stdout.write(`${line}\n`);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await callLog.stop();
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.stdin.on('data', (d: Buffer) => {
  if (d.toString().includes('exit')) void stop(0);
});

async function main(): Promise<void> {
  const interval = cfg.rate > 0 ? 1000 / cfg.rate : 0;
  const t0 = Date.now();
  const acks: Array<Promise<unknown>> = [];
  for (let i = cfg.from; i < cfg.to; i++) {
    // steady rate: wait for this record's slot (never sleeps when behind)
    const wait = t0 + (i - cfg.from) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if ((i - cfg.from) % 50 === 0) await new Promise((r) => setImmediate(r));
    const rec = burstRecord(cfg.prefix, i);
    // as the bridge does: records are not awaited one by one, so those of one turn share a commit
    acks.push(callLog.record(rec).then((r) => r && out(`E ${rec.call_id}`)));
  }
  await Promise.all(acks);
  out(JSON.stringify({ event: 'burst-done' }));
  await callLog.outbox.idle();
  out(JSON.stringify({ event: 'idle', counts: callLog.outbox.store.counts() }));
}

main().catch((err: unknown) => {
  console.error(err);
  void stop(1);
});
