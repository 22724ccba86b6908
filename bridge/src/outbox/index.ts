import type { Registry } from 'prom-client';
import type { Logger } from '../logger';
import { AmqpTransport } from './amqp';
import { outboxPath, type CallLogConfig } from './config';
import { Outbox } from './outbox';
import { toContractCall, type CallRecordInput, type RecordLinks } from './record';
import { RestTransport } from './rest';
import { OutboxStore, type PutResult } from './store';
import type { Transport } from './transport';

export { CallLogConfig, outboxPath, type CallLogConfigInput } from './config';
export { Outbox } from './outbox';
export { OutboxStore, type OutboxEntry, type OutboxStatus, type CommitCounts } from './store';
export { ContractCall, toContractCall, contractProblems, type CallRecordInput, type RecordLinks } from './record';
export { RestTransport } from './rest';
export { AmqpTransport } from './amqp';
export type { Transport, DeliveryOutcome } from './transport';

export interface CallLogDeps {
  logger: Logger;
  registry?: Registry;
  /** Extension → Magento admin user id (the bridge learns it from agent tokens). */
  agentUserId?: RecordLinks['agentUserId'];
  /** Customer of a call, from the caller lookup the bridge already made. */
  customerId?: RecordLinks['customerId'];
  /** Resolves callLog.path (default: the working directory). */
  baseDir?: string;
  now?: () => number;
}

/** The call log as the runtime uses it: `record` on each ended call, `stop` at shutdown. */
export interface CallLog {
  outbox: Outbox;
  /**
   * Maps, validates and writes the record with the next group commit; resolves once it is
   * durable (undefined when it could not be written: logged). Never rejects.
   */
  record(record: CallRecordInput): Promise<PutResult | undefined>;
  stop(): Promise<void>;
}

export function createTransport(config: CallLogConfig): Transport {
  if (config.transport === 'amqp') {
    if (!config.amqp) throw new Error('callLog.amqp is required with transport "amqp"');
    return new AmqpTransport(config.amqp);
  }
  if (!config.rest) throw new Error('callLog.rest is required with transport "rest"');
  return new RestTransport(config.rest);
}

/** Opens the outbox file and starts delivering. */
export function openCallLog(config: CallLogConfig, deps: CallLogDeps): CallLog {
  // groupSync: the outbox's group commits are synced off the event loop (Outbox.enqueue).
  const store = new OutboxStore(outboxPath(config, deps.baseDir), { sync: config.sync, groupSync: true, ...(deps.now ? { now: deps.now } : {}) });
  const outbox = new Outbox({
    store,
    transport: createTransport(config),
    logger: deps.logger,
    ...(deps.registry ? { registry: deps.registry } : {}),
    concurrency: config.concurrency,
    retry: config.retry,
    pollIntervalMs: config.pollIntervalMs,
    retention: config.retention,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const links: RecordLinks = {
    ...(deps.agentUserId ? { agentUserId: deps.agentUserId } : {}),
    ...(deps.customerId ? { customerId: deps.customerId } : {}),
    ...(config.recordingUrlTemplate ? { recordingUrlTemplate: config.recordingUrlTemplate } : {}),
  };
  outbox.start();
  return {
    outbox,
    async record(record) {
      try {
        return await outbox.enqueue(toContractCall(record, links));
      } catch (err) {
        deps.logger.error({ err, callId: record?.call_id }, 'could not write the call record to the outbox');
        return undefined;
      }
    },
    stop: () => outbox.stop(),
  };
}
