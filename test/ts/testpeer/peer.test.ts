import net from 'node:net';
import { AmiClient } from '../../../bridge/src/ami/client';
import { parseAll } from '../../../bridge/src/ami/framer';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { CallModel } from '../../../bridge/src/calls/model';
import { connectModelToAmi } from '../../../bridge/src/calls/link';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { captureEvents, once, until } from '../ami/support';

/** Raw conversation with the peer over a plain socket. */
async function talk(port: number, text: string, expectMessages: number): Promise<{ banner: string; messages: AmiMessage[] }> {
  const sock = net.connect(port, '127.0.0.1');
  let data = '';
  sock.on('data', (d) => (data += d.toString('utf8')));
  await once(sock, 'connect');
  sock.write(text);
  await until(() => parseAll(data).messages.length >= expectMessages, 2000, 'replies');
  sock.destroy();
  const r = parseAll(data);
  return { banner: r.banners[0] ?? '', messages: r.messages };
}

describe('AmiTestPeer', () => {
  let peer: AmiTestPeer;
  beforeEach(async () => {
    peer = new AmiTestPeer();
    await peer.start();
  });
  afterEach(() => peer.stop());

  test('banner, login required, unknown action, Logoff', async () => {
    const r = await talk(
      peer.port,
      'Action: Ping\r\nActionID: 1\r\n\r\nAction: Login\r\nActionID: 2\r\nUsername: bandeau\r\nSecret: bandeau-secret\r\n\r\nAction: Frobnicate\r\nActionID: 3\r\n\r\nAction: Logoff\r\nActionID: 4\r\n\r\n',
      5,
    );
    expect(r.banner).toBe('5.0.5');
    const byId = (id: string) => r.messages.find((m) => m.actionId === id && m.kind === 'response')!;
    expect(byId('1').toObject()).toMatchObject({ Response: 'Error', Message: 'Permission denied' });
    expect(byId('2').toObject()).toMatchObject({ Response: 'Success', Message: 'Authentication accepted' });
    expect(r.messages.some((m) => m.event === 'FullyBooted')).toBe(true);
    expect(byId('3').toObject()).toMatchObject({ Response: 'Error', Message: 'Invalid/unknown command' });
    expect(byId('4').toObject()).toMatchObject({ Response: 'Goodbye' });
    expect(peer.actions.map((a) => a.get('action'))).toEqual(['Ping', 'Login', 'Frobnicate', 'Logoff']);
    expect(peer.received).toContain('Action: Frobnicate\r\n');
  });

  test('records actions and emits them', async () => {
    const seen: string[] = [];
    peer.on('action', (m) => seen.push(m.get('action') ?? ''));
    await talk(peer.port, 'Action: Challenge\r\nAuthType: MD5\r\nActionID: c\r\n\r\n', 1);
    expect(seen).toEqual(['Challenge']);
  });

  describe('with a client and a model', () => {
    let client: AmiClient;
    let model: CallModel;
    const records: CallRecord[] = [];
    beforeEach(async () => {
      records.length = 0;
      client = new AmiClient({ host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret', reconnect: { minMs: 10, maxMs: 50 } });
      model = new CallModel();
      connectModelToAmi(client, model);
      model.on('ended', (r) => records.push(r));
      const ready = once(client, 'resync');
      client.start();
      await ready;
    });
    afterEach(() => client.stop());

    test('plays a capture twice as two distinct calls, and keeps its channel table', async () => {
      const events = captureEvents('pyfreepbx/answered.txt');
      const a = peer.play(events.slice(0, 14)); // up to both BridgeEnter: a live answered call
      expect(peer.channels).toHaveLength(2);
      const b = peer.play(events);
      expect(peer.channels).toHaveLength(2);
      const idA = a[0]!.get('Uniqueid');
      const idB = b[0]!.get('Uniqueid');
      expect(idA).not.toBe(idB);
      expect(idA).not.toBe('1781704172.3807878');
      expect(a[0]!.get('Channel')).toMatch(/^PJSIP\/7001-[0-9a-f]{8}$/);
      expect(a[0]!.get('Channel')).not.toBe('PJSIP/7001-001600e9');
      await until(() => records.length === 1);
      expect(records[0]).toMatchObject({ call_id: idB, from: '7001', to: '7002', answered_by: '7002', disposition: 'answered' });
      expect(model.getCall(idA!)).toMatchObject({ state: 'answered', answeredBy: '7002' });
      const shown = await client.action({ Action: 'CoreShowChannels' });
      expect(shown.events.map((e) => e.get('Uniqueid')).sort()).toEqual(peer.channels.map((c) => c.uniqueid).sort());
      expect(shown.events.every((e) => e.get('BridgeId') !== '')).toBe(true);
    });

    test('scripted inbound call: ring, answer, hang up', async () => {
      const id = peer.ringInbound({ from: '+33612345678', toExtension: '7002', uniqueid: 'fixed-id.1' });
      expect(id).toBe('fixed-id.1');
      await until(() => model.getCall(id)?.state === 'ringing');
      expect(model.extensionsFor(id)).toEqual(['7002']);
      peer.answer(id);
      await until(() => model.getCall(id)?.state === 'answered');
      peer.hangup(id);
      await until(() => records.length === 1);
      expect(records[0]).toMatchObject({ call_id: id, direction: 'inbound', from: '+33612345678', answered_by: '7002', disposition: 'answered' });
      expect(peer.channels).toEqual([]);
    });

    test('scripted voicemail', async () => {
      const id = peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
      peer.voicemail(id);
      peer.hangup(id);
      await until(() => records.length === 1);
      expect(records[0]).toMatchObject({ disposition: 'voicemail', answered_by: null });
    });

    test('Originate: Queued, then the flow with the ChannelId respected and a final OriginateResponse', async () => {
      const events: AmiMessage[] = [];
      client.on('event', (m) => events.push(m));
      const r = await client.action({ Action: 'Originate', Channel: 'PJSIP/7001', Context: 'from-internal', Exten: '+33612345678', Priority: 1, Async: 'true', ChannelId: 'my-chan-id', CallerID: 'X <+33612345678>' });
      expect(r.response.get('Message')).toBe('Originate successfully queued');
      await until(() => events.some((e) => e.event === 'OriginateResponse'));
      expect(events[0]).toMatchObject({});
      expect(events[0]!.event).toBe('Newchannel');
      expect(events[0]!.get('Uniqueid')).toBe('my-chan-id');
      const resp = events.find((e) => e.event === 'OriginateResponse')!;
      expect(resp.toObject()).toMatchObject({ ActionID: r.response.actionId, Response: 'Success', Reason: '4', Uniqueid: 'my-chan-id' });
      await until(() => model.getCall('my-chan-id')?.state === 'answered');
    });

    test('Hangup of an unknown channel is an error; PlayDTMF checks its channel', async () => {
      await expect(client.action({ Action: 'Hangup', Channel: 'PJSIP/nope-00000001' })).rejects.toThrow(/No such channel/);
      await expect(client.action({ Action: 'PlayDTMF', Channel: 'PJSIP/nope-00000001', Digit: '1' })).rejects.toThrow(/Channel not found/);
    });
  });

  test('can be stopped and restarted on the same port', async () => {
    const port = peer.port;
    await peer.stop();
    const again = new AmiTestPeer();
    expect(await again.start(port)).toBe(port);
    const r = await talk(port, 'Action: Login\r\nUsername: bandeau\r\nSecret: bandeau-secret\r\nActionID: x\r\n\r\n', 1);
    expect(r.messages[0]!.get('Response')).toBe('Success');
    await again.stop();
  });
});
