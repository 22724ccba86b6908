/**
 * A hosted PBX that reports its calls by webhook: its endpoint on the bridge's port feeds the
 * call model through the channel events the same call makes on Asterisk (../channelEvents.ts).
 * What it can be told to do (click-to-call through the provider's REST API) is its capabilities.
 */
import type { CallModel } from '../../calls/model';
import type { Logger } from '../../logger';
import type { CallCommandHandler, HttpRoute } from '../../server';
import { ChannelEventWriter } from '../channelEvents';
import { NO_CAPABILITIES, type PbxCapabilities, type PbxDriver } from '../driver';
import { webhookRoute, type WebhookSpec, type WebhookStats } from './endpoint';

export class WebhookDriver implements PbxDriver {
  readonly routes: HttpRoute[];
  readonly writer: ChannelEventWriter;
  readonly stats: WebhookStats = { accepted: 0, refused: 0, lastEventAt: null };

  constructor(
    readonly name: string,
    spec: WebhookSpec,
    model: CallModel,
    logger: Logger,
    readonly capabilities: PbxCapabilities = NO_CAPABILITIES,
    readonly callControl?: CallCommandHandler,
  ) {
    this.writer = new ChannelEventWriter(model, name);
    this.routes = [webhookRoute(spec, this.writer, logger.child({ part: `pbx-${name}` }), this.stats)];
  }

  /** A webhook has no link to lose: up, with when the provider last spoke. */
  status(): { connected: boolean; detail: string } {
    const last = this.stats.lastEventAt;
    return { connected: true, detail: `${this.name} webhook: ${this.stats.accepted} events${last ? `, last at ${new Date(last).toISOString()}` : ''}` };
  }

  private sweeper: NodeJS.Timeout | undefined;

  /** Calls whose end never came are ended after a while (ChannelEventWriter.sweep), checked each minute. */
  start(): void {
    this.sweeper = setInterval(() => this.writer.sweep(), 60_000);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
