import path from 'node:path';
import { z } from 'zod';

/**
 * `callLog` section of the bridge config: the durable outbox of call records and how it delivers
 * them to Magento. Secrets can come from the environment (BANDEAU_MAGENTO_TOKEN, BANDEAU_AMQP_URL).
 *
 * Disk-sync policy (`sync`), SQLite in WAL mode:
 *  - 'full' (default): a record is acknowledged once the WAL holding it is on disk (fsync), so an
 *    acknowledged record survives a crash of the bridge, of the OS or a power cut. Records
 *    enqueued together share one commit (group commit, Outbox.enqueue), and the WAL is synced off
 *    the event loop, one fsync for every commit made meanwhile (walSync.ts).
 *  - 'normal': the WAL is synced only at checkpoints; an acknowledged record survives a crash of
 *    the bridge process (SIGKILL included) but the last commits may be lost on a power cut.
 * Delivery bookkeeping (delivered/retry marks) is never synced on its own: losing one only sends a
 * record again, which the module's upsert on call_id absorbs.
 */
export const OutboxSync = z.enum(['full', 'normal']);
export type OutboxSync = z.infer<typeof OutboxSync>;

const HttpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');

export const RestTransportConfig = z
  .object({
    /**
     * Magento's REST base, e.g. https://shop.example/rest or https://shop.example/rest/default;
     * records are POSTed to <url>/V1/bandeau/calls.
     */
    url: HttpUrl,
    /** Integration access token, sent as `Authorization: Bearer` (env BANDEAU_MAGENTO_TOKEN). */
    token: z.string().min(1, 'set the Magento integration token (env BANDEAU_MAGENTO_TOKEN)'),
    timeoutMs: z.number().int().positive().max(300_000).default(15_000),
  })
  .strict();

export const AmqpTransportConfig = z
  .object({
    /** amqp(s)://user:pass@host:port/vhost (env BANDEAU_AMQP_URL). */
    url: z.string().regex(/^amqps?:\/\/[^\s]+$/, 'must be an amqp:// or amqps:// URL'),
    /** Magento's AMQP exchange (a durable topic exchange named `magento` by default). */
    exchange: z.string().min(1).default('magento'),
    /** Topic of app/code/Bandeau/Cti/etc/communication.xml; used as the routing key. */
    topic: z.string().min(1).default('bandeau.call.record'),
    /**
     * Queue of etc/queue_topology.xml. The bridge declares it (durable) and binds it to the topic
     * as Magento's setup:upgrade would, so no record is published before a queue can hold it.
     */
    queue: z.string().min(1).default('bandeau.call.record'),
    declareQueue: z.boolean().default(true),
    /** How long to wait for the broker's publisher confirm before retrying. */
    confirmTimeoutMs: z.number().int().positive().max(300_000).default(15_000),
  })
  .strict();

export const CallLogConfig = z
  .object({
    enabled: z.boolean().default(true),
    transport: z.enum(['rest', 'amqp']).default('rest'),
    /** SQLite file of the outbox; its folder is created if missing. */
    path: z.string().min(1).default('bandeau-outbox.sqlite'),
    sync: OutboxSync.default('full'),
    rest: RestTransportConfig.optional(),
    amqp: AmqpTransportConfig.optional(),
    /** Records delivered in parallel (REST requests or unconfirmed AMQP publishes). */
    concurrency: z.number().int().min(1).max(256).default(8),
    retry: z
      .object({
        /** Backoff after a failed attempt: random in [d/2, d], d = min(max, min * 2^attempt). */
        minDelayMs: z.number().int().min(1).default(1_000),
        maxDelayMs: z.number().int().min(1).default(300_000),
        /** Transient failures after which a record is set aside as `failed`; none = retry forever. */
        maxAttempts: z.number().int().positive().optional(),
      })
      .strict()
      .prefault({}),
    /** How often the delivery loop looks at the outbox when nothing woke it (CLI `retry`, backoff). */
    pollIntervalMs: z.number().int().min(10).max(60_000).default(1_000),
    /** Replaced by retention.deliveredHours: named so an old config gets a clear message. */
    keepDeliveredDays: z.undefined({ error: 'replaced by callLog.retention.deliveredHours (README, "What the bridge keeps")' }).optional(),
    /**
     * How long the outbox keeps each record (README, "What the bridge keeps"). Every state has a
     * limit, counted from when the record entered it; a periodic sweep applies them.
     */
    retention: z
      .object({
        /** Delivered records (Magento has them): deleted this many hours after delivery; 0 = at once. */
        deliveredHours: z.number().int().min(0).max(8_760).default(1),
        /** Pending records not delivered within this many days are given up (set aside as failed). */
        pendingDays: z.number().int().min(1).max(365).default(7),
        /** Failed records (kept for `outbox retry`) are deleted this many days after they failed. */
        failedDays: z.number().int().min(1).max(365).default(14),
        /** How often the sweep runs. */
        sweepIntervalMinutes: z.number().int().min(1).max(1_440).default(10),
      })
      .strict()
      .prefault({}),
    /**
     * Recording URL of answered calls when the PBX does not name one, e.g.
     * https://pbx.example/recordings/{call_id}.wav ({call_id}, {linked_id}: URL-encoded).
     */
    recordingUrlTemplate: HttpUrl.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.enabled) return;
    if (c.transport === 'rest' && !c.rest) ctx.addIssue({ code: 'custom', path: ['rest'], message: 'transport "rest" needs callLog.rest (url, token)' });
    if (c.transport === 'amqp' && !c.amqp) ctx.addIssue({ code: 'custom', path: ['amqp'], message: 'transport "amqp" needs callLog.amqp (url)' });
    if (c.retry.maxDelayMs < c.retry.minDelayMs) ctx.addIssue({ code: 'custom', path: ['retry', 'maxDelayMs'], message: 'must be at least retry.minDelayMs' });
  });
export type CallLogConfig = z.infer<typeof CallLogConfig>;
export type CallLogConfigInput = z.input<typeof CallLogConfig>;

/** The outbox file: callLog.path, relative to the working directory unless absolute. */
export function outboxPath(config: Pick<CallLogConfig, 'path'>, baseDir = process.cwd()): string {
  return path.resolve(baseDir, config.path);
}
