/**
 * A consumer standing where Magento's would: reads the topic's queue, checks each message against
 * the REST contract, acks it, and counts deliveries per call id (dedupe at the consumer side, as
 * the module's upsert on call_id does). Reconnects by itself while the broker restarts.
 */
import { connect, type ChannelModel } from 'amqplib';
import { loadCallContract, violation } from './contract';

export interface SeenMessage {
  callId: string;
  messageId: string | undefined;
  persistent: boolean;
  routingKey: string;
  contentType: string | undefined;
  call: Record<string, unknown>;
}

export class DedupeConsumer {
  readonly seen = new Map<string, number>();
  readonly messages: SeenMessage[] = [];
  readonly invalid: string[] = [];
  deliveries = 0;
  reconnects = 0;
  private conn?: ChannelModel;
  private stopped = false;
  private readonly contract = loadCallContract();

  constructor(private readonly url: string, private readonly queue: string, private readonly keepMessages = false) {}

  async start(): Promise<void> {
    await this.open();
  }

  private async open(): Promise<void> {
    const conn = await connect(this.url);
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (!this.stopped) void this.reopen();
    });
    const ch = await conn.createChannel();
    await ch.assertQueue(this.queue, { durable: true, autoDelete: false, exclusive: false });
    await ch.prefetch(200);
    await ch.consume(this.queue, (msg) => {
      if (!msg) return;
      this.deliveries++;
      try {
        const text = JSON.parse(msg.content.toString('utf8')) as unknown;
        if (typeof text !== 'string') throw new Error(`body is not a JSON string: ${msg.content.toString('utf8').slice(0, 80)}`);
        const call = JSON.parse(text) as Record<string, unknown>;
        const bad = violation(this.contract, { call });
        if (bad) throw new Error(`contract violation on ${bad[0]}: ${bad[1]}`);
        const callId = call.call_id as string;
        this.seen.set(callId, (this.seen.get(callId) ?? 0) + 1);
        if (this.keepMessages) {
          this.messages.push({
            callId,
            messageId: msg.properties.messageId as string | undefined,
            persistent: msg.properties.deliveryMode === 2,
            routingKey: msg.fields.routingKey,
            contentType: msg.properties.contentType as string | undefined,
            call,
          });
        }
      } catch (err) {
        this.invalid.push((err as Error).message);
      }
      ch.ack(msg);
    });
    this.conn = conn;
  }

  private async reopen(): Promise<void> {
    this.conn = undefined;
    while (!this.stopped) {
      try {
        await this.open();
        this.reconnects++;
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  distinct(prefix: string): string[] {
    return [...this.seen.keys()].filter((id) => id.startsWith(`${prefix}.`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.conn?.close().catch(() => undefined);
  }
}

/** Empties a queue (declaring it as the bridge does). */
export async function purgeQueue(url: string, queue: string): Promise<void> {
  const conn = await connect(url);
  try {
    const ch = await conn.createChannel();
    await ch.assertQueue(queue, { durable: true, autoDelete: false, exclusive: false });
    await ch.purgeQueue(queue);
  } finally {
    await conn.close();
  }
}
