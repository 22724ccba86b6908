import { createHash } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import type { ContractCall } from './record';
import { SharedTimeout } from './sharedTimeout';
import { errorText, transient, type DeliveryMeta, type DeliveryOutcome, type Transport } from './transport';

export interface AmqpTransportOptions {
  url: string;
  exchange: string;
  topic: string;
  queue: string;
  declareQueue: boolean;
  confirmTimeoutMs: number;
  connectTimeoutMs?: number;
}

/** The URL without its password, for logs and error reasons. */
export function redactUrl(url: string): string {
  return url.replace(/^(amqps?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** Heartbeats every 30 s unless the URL sets them: a dead broker link is noticed without traffic. */
function withHeartbeat(url: string): string {
  if (/[?&]heartbeat=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}heartbeat=30`;
}

/**
 * The AMQP message body for a Magento topic whose request type is `string`: Magento's
 * MessageEncoder json-decodes the body into that string, which holds the call as JSON
 * (`json`: the call already serialised, as the outbox stored it).
 */
export function messageBody(call: ContractCall, json = JSON.stringify(call)): Buffer {
  return Buffer.from(JSON.stringify(json));
}

/**
 * Same content, same message id: Magento's consumers lock on (consumer, message_id), so a record
 * the broker delivers twice is skipped there, and a changed record gets a new id.
 */
export function messageId(call: ContractCall, body: Buffer): string {
  return `${call.call_id}:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
}

/** A socket whose writes can be held and let go together (net.Socket). */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * The socket under an amqplib connection (kept as `connection.stream`), or undefined when the
 * library no longer has that shape: publishes are then written one by one, as amqplib does.
 */
function socketOf(model: ChannelModel): Corkable | undefined {
  const stream: unknown = (model as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  const s = stream as Partial<Corkable> | undefined;
  return typeof s?.cork === 'function' && typeof s.uncork === 'function' ? (s as Corkable) : undefined;
}

/**
 * A function to call after each publish on `model`, so that the publishes of one turn leave in
 * one socket write (writev), not one each: records go out together after a group commit, or as
 * confirms that arrive together free their slots, and each write is a syscall through the
 * loopback or network stack on the event loop. amqplib buffers a publish and writes it from a
 * setImmediate its muxer queues once the channel's buffer is readable, a nextTick after the
 * publish: the socket is corked at the turn's first publish and uncorked from a setImmediate
 * queued in a nextTick after that one, so right after the muxer's writes (no added delay).
 */
export function writeCoalescer(model: ChannelModel): () => void {
  const socket = socketOf(model);
  let corked = false;
  return () => {
    if (corked || !socket) return;
    corked = true;
    socket.cork();
    process.nextTick(() =>
      setImmediate(() => {
        corked = false;
        socket.uncork();
      }),
    );
  };
}

/** The properties each record is published with: persistent, routed or returned, and described for Magento's consumer. */
export function messageProperties(topic: string, id: string): Options.Publish {
  return { persistent: true, mandatory: true, messageId: id, contentType: 'application/json', appId: 'bandeau-bridge', type: topic, timestamp: Math.floor(Date.now() / 1000) };
}

/**
 * Publishes call records to Magento's message-queue framework over AMQP 0-9-1: exchange
 * `magento` (topic, durable), routing key = topic, persistent messages, on a confirm channel.
 * A delivery succeeds only once the broker has confirmed the message (written to the durable
 * queue) and did not return it as unroutable (published with `mandatory`).
 */
export class AmqpTransport implements Transport {
  readonly name = 'amqp' as const;
  private conn?: ChannelModel;
  private channel?: ConfirmChannel;
  private opening?: Promise<ConfirmChannel>;
  private readonly returned = new Set<string>();
  private closed = false;
  /** Called after each publish: the publishes of a turn leave in one write (writeCoalescer). */
  private coalesce?: () => void;
  /** Confirm timeouts: one timer per bucket of publishes, not one each (a publish still waiting then fails). */
  private readonly confirmTimeout: SharedTimeout;

  constructor(private readonly opts: AmqpTransportOptions) {
    this.confirmTimeout = new SharedTimeout(opts.confirmTimeoutMs);
  }

  private getChannel(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(): Promise<ConfirmChannel> {
    if (this.closed) throw new Error('transport closed');
    const conn = await connect(withHeartbeat(this.opts.url), { timeout: this.opts.connectTimeoutMs ?? 10_000, clientProperties: { connection_name: 'bandeau-bridge call-log outbox' } });
    const drop = () => {
      if (this.conn === conn) {
        this.conn = undefined;
        this.channel = undefined;
      }
    };
    conn.on('error', drop);
    conn.on('close', drop);
    try {
      const ch = await conn.createConfirmChannel();
      ch.on('error', () => undefined); // followed by 'close'
      ch.on('close', () => {
        if (this.channel === ch) this.channel = undefined;
      });
      ch.on('return', (msg: { properties: { messageId?: string } }) => {
        if (msg.properties.messageId) this.returned.add(msg.properties.messageId);
      });
      const { exchange, queue, topic } = this.opts;
      // The same declarations as Magento's setup:upgrade makes, so they never conflict.
      await ch.assertExchange(exchange, 'topic', { durable: true, autoDelete: false, internal: false });
      if (this.opts.declareQueue) {
        await ch.assertQueue(queue, { durable: true, autoDelete: false, exclusive: false });
        await ch.bindQueue(queue, exchange, topic);
      }
      this.conn = conn;
      this.channel = ch;
      this.coalesce = writeCoalescer(conn);
      return ch;
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
  }

  async deliver(call: ContractCall, meta?: DeliveryMeta): Promise<DeliveryOutcome> {
    let ch: ConfirmChannel;
    try {
      ch = await this.getChannel();
    } catch (err) {
      return transient(`AMQP ${redactUrl(this.opts.url)}: ${errorText(err)}`, true);
    }
    const body = messageBody(call, meta?.json);
    const id = messageId(call, body);
    const { exchange, topic } = this.opts;
    return new Promise<DeliveryOutcome>((resolve) => {
      let done = false;
      const finish = (o: DeliveryOutcome) => {
        if (done) return;
        done = true;
        cancel();
        this.returned.delete(id);
        resolve(o);
      };
      const cancel = this.confirmTimeout.watch(() => {
        // a channel that stopped confirming is of no more use: the next delivery reconnects
        this.reset();
        finish(transient(`no publisher confirm within ${this.opts.confirmTimeoutMs} ms`, true));
      });
      try {
        ch.publish(
          exchange,
          topic,
          body,
          messageProperties(topic, id),
          (err: unknown) => {
            if (err) finish(transient(`broker did not confirm: ${errorText(err)}`, true));
            else if (this.returned.has(id)) finish(transient(`unroutable: no queue is bound to topic ${topic} on exchange ${exchange}`, true));
            else finish({ ok: true });
          },
        );
        this.coalesce?.();
      } catch (err) {
        this.channel = undefined;
        finish(transient(`publish failed: ${errorText(err)}`, true));
      }
    });
  }

  private reset(): void {
    const conn = this.conn;
    this.conn = undefined;
    this.channel = undefined;
    if (conn) void conn.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const conn = this.conn;
    this.conn = undefined;
    this.channel = undefined;
    if (conn) await conn.close().catch(() => undefined);
  }
}
