import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { DialPolicy, DialPolicyConfig } from '../../../bridge/src/phone/dialPolicy';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { waitFor } from '../outbox/support/processes';

describe('dial policy (prefixes)', () => {
  it('the longest matching prefix decides, deny on a tie; with an allow list nothing else passes', () => {
    const p = new DialPolicy({ allow: ['+33', '+32'], deny: ['+3389', '+33'] });
    expect(p.check('+33612345678')).toEqual({ allowed: false, prefix: '+33' });
    const q = new DialPolicy({ allow: ['+33', '+32'], deny: ['+3389', '+3308'] });
    expect(q.check('+33612345678')).toEqual({ allowed: true });
    expect(q.check('+33899123456')).toEqual({ allowed: false, prefix: '+3389' });
    expect(q.check('+4930123456')).toEqual({ allowed: false, prefix: null });
    const international = new DialPolicy({ deny: ['+'], allow: ['+33'] });
    expect(international.check('+33612345678')).toEqual({ allowed: true });
    expect(international.check('+12127365000')).toEqual({ allowed: false, prefix: '+' });
    expect(new DialPolicy().check('+881234')).toEqual({ allowed: true });
    expect(DialPolicyConfig.safeParse({ deny: ['3389'] }).success).toBe(false);
    expect(DialPolicyConfig.safeParse({ deny: ['+33 89'] }).success).toBe(false);
  });
});

describe('dial policy in call control (attack: dialling a premium-rate number)', () => {
  let peer: AmiTestPeer;
  let runtime: BridgeRuntime;
  let agent: TestClient;
  const actions = (name: string) => peer.actions.filter((a) => a.get('action') === name).length;

  beforeEach(async () => {
    peer = new AmiTestPeer();
    const amiPort = await peer.start();
    runtime = await startRuntime(
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port: 0 },
        secret: TEST_SECRET,
        allowedOrigins: [ORIGIN],
        ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
        callControl: { defaultRegion: 'FR' },
        dialPolicy: { deny: ['+3389', '+3390'] },
      }),
      createLogger('silent'),
    );
    agent = await connect(`http://127.0.0.1:${runtime.port}`, await token({ userId: 5, extension: '7005', permissions: ['phone_bar', 'dial'] }));
    await agent.next('snapshot');
    await waitFor('the AMI login', () => runtime.ami?.ready);
  });
  afterEach(async () => {
    agent.close();
    await runtime.stop();
    await peer.stop();
  });

  it('refuses a denied prefix before any Originate, in any writing of the number; other numbers are dialled', async () => {
    for (const [i, number] of ['08 99 12 34 56', '+33899123456', '0033 8 99 12 34 56', '0905123456'].entries()) {
      agent.socket.emit('bandeau:cmd', { type: 'call.dial', ref: `d${i}`, number });
      expect(await agent.next('error')).toMatchObject({ code: 'dial_denied', ref: `d${i}` });
    }
    expect(actions('Originate')).toBe(0);
    agent.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'ok', number: '06 12 34 56 78' });
    await agent.next('ack');
    await waitFor('the Originate', () => actions('Originate') === 1);
  });

  it('refuses a blind or attended transfer to a denied prefix before any AMI action for it', async () => {
    const callId = peer.ringInbound({ from: '+33612345678', toExtension: '7005' });
    peer.answer(callId, '7005');
    await waitFor('the answered call', () => agent.messages.some((m) => m.type === 'call.update' && m.call.id === callId && m.call.state === 'answered'));
    const before = peer.actions.length;
    agent.socket.emit('bandeau:cmd', { type: 'call.blindTransfer', ref: 'b', callId, target: '08 99 12 34 56' });
    expect(await agent.next('error')).toMatchObject({ code: 'dial_denied', ref: 'b' });
    agent.socket.emit('bandeau:cmd', { type: 'call.attendedTransfer', ref: 'a', callId, target: '+33 9 05 12 34 56' });
    expect(await agent.next('error')).toMatchObject({ code: 'dial_denied', ref: 'a' });
    // The periodic CoreShowChannels check may run meanwhile; nothing that moves a call did.
    const moving = ['Redirect', 'BlindTransfer', 'Atxfer', 'Originate', 'Bridge', 'Setvar'];
    expect(peer.actions.slice(before).map((a) => a.get('action')).filter((a) => moving.includes(a ?? ''))).toEqual([]);
  });
});
