/**
 * The AMI driver: the Asterisk Manager Interface link as one PBX driver. Channel events go to
 * the call model (calls/link.ts), agents' commands become AMI actions (calls/callControl.ts),
 * their status pauses their queues (agents/presence.ts). Asterisk does everything the bar offers.
 */
import { AmiClient, type AmiConfig } from '../../ami';
import { Presence, type PresenceConfig } from '../../agents/presence';
import { CallControl, connectModelToAmi, type CallControlConfig, type CallModel } from '../../calls';
import type { Logger } from '../../logger';
import { DialPolicy, type DialPolicyConfig } from '../../phone/dialPolicy';
import { ALL_CAPABILITIES, type PbxDriver } from '../driver';

export interface AmiDriverConfig {
  ami: AmiConfig;
  callControl: CallControlConfig;
  presence: PresenceConfig;
  dialPolicy: DialPolicyConfig;
}

export class AmiDriver implements PbxDriver {
  readonly name = 'ami';
  readonly capabilities = ALL_CAPABILITIES;
  readonly client: AmiClient;
  readonly callControl: CallControl;
  readonly presence: Presence;
  readonly routes = [];
  private readonly unlink: () => void;

  constructor(config: AmiDriverConfig, model: CallModel, logger: Logger) {
    const amiLog = logger.child({ part: 'ami' });
    this.client = new AmiClient(config.ami, { logger: amiLog });
    this.unlink = connectModelToAmi(this.client, model);
    this.callControl = new CallControl(this.client, model, config.callControl, { logger: logger.child({ part: 'call-control' }), dialPolicy: new DialPolicy(config.dialPolicy) });
    const device = config.callControl.agentChannelTemplate;
    this.presence = new Presence(this.client, config.presence, { logger: logger.child({ part: 'presence' }), deviceFor: (ext) => device.split('{ext}').join(ext) });
    this.client.on('login', (i) => amiLog.info({ version: i.version, host: config.ami.host }, 'PBX link up'));
    this.client.on('disconnect', (i) => amiLog.warn({ reason: i.reason }, 'PBX link down'));
    this.client.on('authFailed', (i) => amiLog.error({ message: i.message }, 'the PBX refused the AMI credentials'));
  }

  status(): { connected: boolean; detail: string } {
    const ami = this.client;
    return { connected: ami.ready, detail: ami.ready ? `AMI ${ami.serverVersion ?? ''}`.trim() : `AMI ${ami.state}` };
  }

  start(): void {
    this.client.start();
  }

  async stop(): Promise<void> {
    this.unlink();
    await this.client.stop();
  }
}
