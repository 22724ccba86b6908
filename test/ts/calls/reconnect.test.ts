import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { once, until } from '../ami/support';
import { rig, type Rig } from './harness';

describe('PBX restart mid-call', () => {
  let r: Rig;
  afterEach(async () => {
    await r.stop();
  });

  const modelChannels = () => r.model.liveChannels().map((c) => c.uniqueid).sort();
  const peerChannels = () => r.peer.channels.map((c) => c.uniqueid).sort();

  test('killing and restarting the peer: the client reconnects with backoff and the model matches the new channels', async () => {
    r = await rig();
    const first = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    r.peer.answer(first);
    await until(() => r.model.getCall(first)?.state === 'answered');
    expect(modelChannels()).toEqual(peerChannels());
    const port = r.peer.port;

    const delays: number[] = [];
    r.client.on('reconnecting', (x: { delayMs: number }) => delays.push(x.delayMs));
    await r.peer.stop(); // the PBX dies mid-call
    await until(() => delays.length >= 2, 3000, 'reconnect attempts');

    // A new PBX process comes up on the same port with other live calls.
    const peer2 = new AmiTestPeer();
    const second = peer2.ringInbound({ from: '+442079460958', toExtension: '7004' });
    const third = peer2.ringInbound({ from: '+33155501234', toExtension: '7005' });
    peer2.answer(third);
    r.peer = peer2;
    const resynced = once(r.client, 'resync');
    await peer2.start(port);
    await resynced;

    expect(modelChannels()).toEqual(peerChannels());
    expect(r.model.getCall(first)).toBeUndefined();
    expect(r.records.map((x) => [x.call_id, x.disposition])).toEqual([[first, 'answered']]);
    expect(r.model.getCall(second)).toMatchObject({ state: 'ringing', from: '+442079460958', direction: 'inbound' });
    expect(r.model.getCall(third)).toMatchObject({ state: 'answered', answeredBy: '7005' });
    expect(r.model.extensionsFor(second)).toEqual(['7004']);

    // Live events keep flowing after the resync.
    peer2.hangup(second);
    peer2.hangup(third);
    await until(() => r.records.length === 3);
    expect(r.model.liveCalls()).toEqual([]);
    expect(modelChannels()).toEqual(peerChannels());
  });

  test('a restart with nothing live ends every call the model still held', async () => {
    r = await rig();
    const id = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    await until(() => r.model.getCall(id) !== undefined);
    const port = r.peer.port;
    await r.peer.stop();
    const peer2 = new AmiTestPeer();
    r.peer = peer2;
    const resynced = once(r.client, 'resync');
    await peer2.start(port);
    await resynced;
    expect(r.model.liveCalls()).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.call_id).toBe(id);
  });
});
