/**
 * Picks the merchant's PBX driver from the configuration and gives it the call model it feeds.
 */
import type { BridgeConfig } from '../config';
import type { Logger } from '../logger';
import { CallModel } from '../calls';
import { AmiDriver } from './ami/amiDriver';
import type { PbxDriver } from './driver';
import { FieldMapper } from './mapping';
import { genericWebhook } from './webhook/generic';
import { WebhookDriver } from './webhook/webhookDriver';
import { sipgateWebhook } from './webhook/sipgate';
import { placetelWebhook } from './webhook/placetel';
import { ClickToCall, placetelCall, sipgateCall, type ClickToCallOptions } from './webhook/clickToCall';
import type { WebhookSpec } from './webhook/endpoint';
import { NO_CAPABILITIES } from './driver';
import { DialPolicy } from '../phone/dialPolicy';

export { ALL_CAPABILITIES, NO_CAPABILITIES, type PbxDriver, type PbxCapabilities, type PresenceHandler } from './driver';
export { guardCommands, capabilityFor } from './capabilityGuard';
export { AmiDriver } from './ami/amiDriver';
export { WebhookDriver } from './webhook/webhookDriver';
export { PbxConfig, GenericWebhookConfig, type PbxConfigInput } from './config';

export interface OpenPbx {
  driver: PbxDriver;
  model: CallModel;
}

/** The configured driver and its call model, or null when no PBX is configured. */
export function openPbx(config: BridgeConfig, logger: Logger): OpenPbx | null {
  if (config.ami) {
    const model = new CallModel(config.calls, { logger: logger.child({ part: 'calls' }) });
    return { model, driver: new AmiDriver({ ami: config.ami, callControl: config.callControl, presence: config.presence, dialPolicy: config.dialPolicy }, model, logger) };
  }
  if (config.pbx) {
    // Webhook drivers write the channels a stock PBX would (channelEvents.ts): the model's defaults read them.
    const model = new CallModel({ reconcileIntervalS: 0 }, { logger: logger.child({ part: 'calls' }) });
    const p = config.pbx;
    const mapper = new FieldMapper(p.agents, p.numbers);
    if (p.driver === 'generic') return { model, driver: new WebhookDriver('generic', genericWebhook({ token: p.token, replayWindowS: p.replayWindowS, mapper }), model, logger) };
    // Click-to-call through the provider's REST API, when configured: then the bar dials.
    const clickToCall = (request: ClickToCallOptions['request'], c: { devices: Record<string, string>; timeoutMs: number }) =>
      new ClickToCall({
        provider: p.driver,
        request,
        devices: c.devices,
        timeoutMs: c.timeoutMs,
        dialPermission: config.callControl.dialPermission,
        defaultRegion: config.callControl.defaultRegion,
        policy: new DialPolicy(config.dialPolicy),
        logger: logger.child({ part: `pbx-${p.driver}` }),
      });
    let spec: WebhookSpec;
    let control: ClickToCall | undefined;
    if (p.driver === 'placetel') {
      const everyone = [...new Set(Object.values(p.agents.map))];
      spec = placetelWebhook({ secret: p.secret, mapper, ring: p.ring, everyone });
      control = p.clickToCall ? clickToCall(placetelCall(p.clickToCall), p.clickToCall) : undefined;
    } else {
      spec = sipgateWebhook({ publicKey: p.publicKey, publicUrl: p.webhookUrl, mapper });
      const c2c = p.clickToCall;
      control = c2c ? clickToCall(sipgateCall({ baseUrl: c2c.baseUrl, tokenId: c2c.tokenId, token: c2c.token, ...(c2c.callerId ? { callerId: c2c.callerId } : {}) }), c2c) : undefined;
    }
    return { model, driver: new WebhookDriver(p.driver, spec, model, logger, { ...NO_CAPABILITIES, dial: control !== undefined }, control) };
  }
  return null;
}
