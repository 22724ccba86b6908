/**
 * The driver layer's capabilities: a command the driver cannot carry out is refused with
 * `unsupported` before it reaches the driver; the AMI driver declares everything. Webhook calls
 * whose end never came are swept.
 */
import { ALL_CAPABILITIES, AmiDriver, NO_CAPABILITIES, guardCommands } from '../../../bridge/src/pbx';
import { CallModel } from '../../../bridge/src/calls/model';
import { ChannelEventWriter, SWEEP_LIMITS } from '../../../bridge/src/pbx/channelEvents';
import { CallControlConfig } from '../../../bridge/src/calls/config';
import { PresenceConfig } from '../../../bridge/src/agents/presence';
import { DialPolicyConfig } from '../../../bridge/src/phone/dialPolicy';
import { AmiConfig } from '../../../bridge/src/ami/config';
import { createLogger } from '../../../bridge/src/logger';
import type { CallCommand } from '../../../bridge/src/protocol/messages';

const agent = { userId: 1, extension: '7001', permissions: ['dial'] };

describe('guardCommands', () => {
  const commands: Array<[CallCommand, keyof typeof ALL_CAPABILITIES]> = [
    [{ type: 'call.dial', number: '0612345678' }, 'dial'],
    [{ type: 'call.hangup', callId: 'c' }, 'hangup'],
    [{ type: 'call.decline', callId: 'c' }, 'decline'],
    [{ type: 'call.hold', callId: 'c', hold: true }, 'hold'],
    [{ type: 'call.blindTransfer', callId: 'c', target: '7002' }, 'blindTransfer'],
    [{ type: 'call.attendedTransfer', callId: 'c', target: '7002' }, 'attendedTransfer'],
    [{ type: 'call.completeTransfer', callId: 'c' }, 'attendedTransfer'],
    [{ type: 'call.cancelTransfer', callId: 'c' }, 'attendedTransfer'],
    [{ type: 'call.dtmf', callId: 'c', digits: '1' }, 'dtmf'],
  ];

  it.each(commands)('%j needs %s', async (cmd, capability) => {
    const seen: string[] = [];
    const inner = { execute: async (_a: unknown, c: CallCommand) => (seen.push(c.type), { callId: 'c' }) };
    await expect(guardCommands(inner, { ...NO_CAPABILITIES, [capability]: true }).execute(agent, cmd)).resolves.toEqual({ callId: 'c' });
    await expect(guardCommands(inner, { ...ALL_CAPABILITIES, [capability]: false }).execute(agent, cmd)).rejects.toMatchObject({ code: 'unsupported', reason: capability });
    expect(seen).toEqual([cmd.type]);
  });

  it('keeps the dial rules the page is shown', () => {
    const dialRules = { extensionPattern: '^\\d{4}$', featureCodePattern: '' };
    expect(guardCommands({ execute: async () => ({}), dialRules }, ALL_CAPABILITIES).dialRules).toBe(dialRules);
  });
});

describe('AmiDriver', () => {
  it('declares every capability and carries out commands and presence', async () => {
    const model = new CallModel();
    const driver = new AmiDriver(
      { ami: AmiConfig.parse({ host: '127.0.0.1', port: 1, username: 'u', secret: 's' }), callControl: CallControlConfig.parse({}), presence: PresenceConfig.parse({}), dialPolicy: DialPolicyConfig.parse({}) },
      model,
      createLogger('silent'),
    );
    expect(driver.capabilities).toEqual(ALL_CAPABILITIES);
    expect(Object.values(driver.capabilities).every(Boolean)).toBe(true);
    expect(driver.callControl).toBeDefined();
    expect(driver.presence).toBeDefined();
    expect(driver.status()).toMatchObject({ connected: false });
    // Not started: a command is refused as the PBX being unreachable, not as unsupported.
    await expect(guardCommands(driver.callControl, driver.capabilities).execute(agent, { type: 'call.dial', number: '0612345678' })).rejects.toMatchObject({ code: 'pbx_unavailable' });
    await driver.stop();
  });
});

describe('webhook calls whose end never came', () => {
  it('are ended after the sweep limits: a ringing call as missed, a talking one as answered', () => {
    let now = 1_800_000_000_000;
    const model = new CallModel({}, { now: () => now });
    const ended: Array<{ call_id: string; disposition: string | null }> = [];
    model.on('ended', (r: { call_id: string; disposition: string | null }) => ended.push({ call_id: r.call_id, disposition: r.disposition }));
    const w = new ChannelEventWriter(model, 'generic', () => now);
    w.apply({ kind: 'ringing', callId: 'r', direction: 'inbound', remote: '0612345678', dialled: '600', agents: ['7001'] });
    w.apply({ kind: 'ringing', callId: 't', direction: 'inbound', remote: '0612345679', dialled: '600', agents: ['7002'] });
    w.apply({ kind: 'answered', callId: 't' });
    now += SWEEP_LIMITS.ringingMs - 1;
    expect(w.sweep()).toBe(0);
    now += 2;
    expect(w.sweep()).toBe(1);
    expect(ended).toEqual([{ call_id: 'generic-r', disposition: 'missed' }]);
    now += SWEEP_LIMITS.talkingMs;
    expect(w.sweep()).toBe(1);
    expect(ended[1]).toEqual({ call_id: 'generic-t', disposition: 'answered' });
    expect(model.liveCalls()).toEqual([]);
    // A hangup arriving after the sweep is a replay of a finished call.
    expect(() => w.apply({ kind: 'ended', callId: 'r', cause: 'cancel' })).toThrow(/already ended/);
  });
});
