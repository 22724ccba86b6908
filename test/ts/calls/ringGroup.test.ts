import { AmiClient } from '../../../bridge/src/ami';
import { CallModel, connectModelToAmi } from '../../../bridge/src/calls';
import type { Call } from '../../../bridge/src/protocol/messages';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { until } from '../helpers/waitFor';

/** A ring group: two agents' phones ring, one answers, the other stops ringing. */
describe('ring group through the AMI test peer', () => {
  it('offers the call to both extensions, gives it to the one who answers, and tells the other', async () => {
    const peer = new AmiTestPeer();
    const port = await peer.start();
    const client = new AmiClient({ port, username: 'bandeau', secret: 'bandeau-secret', authType: 'md5' });
    const model = new CallModel({});
    connectModelToAmi(client, model);
    const updates: Array<{ call: Call; exts: string[] }> = [];
    model.on('update', (call: Call, exts: string[]) => updates.push({ call, exts }));
    const ended: unknown[] = [];
    model.on('ended', (r: unknown) => ended.push(r));
    const ready = new Promise<void>((r) => client.once('login', () => r()));
    client.start();
    await ready;
    try {
      const id = peer.ringInbound({ from: '+33612345678', toExtension: '7001', alsoRing: ['7002'] });
      await until(() => updates.some((u) => u.call.id === id && u.call.rung.includes('7001') && u.call.rung.includes('7002')));
      const ringing = updates.filter((u) => u.call.id === id).pop()!;
      expect(ringing.call).toMatchObject({ state: 'ringing', direction: 'inbound', from: '+33612345678' });
      expect(ringing.exts).toEqual(expect.arrayContaining(['7001', '7002']));
      peer.answer(id, '7002');
      await until(() => updates.some((u) => u.call.id === id && u.call.state === 'answered'));
      const answered = updates.filter((u) => u.call.id === id && u.call.state === 'answered').pop()!;
      expect(answered.call.answeredBy).toBe('7002');
      // Both agents hear of it: 7001's bar stops ringing.
      expect(answered.exts).toEqual(expect.arrayContaining(['7001', '7002']));
      peer.hangup(id);
      await until(() => ended.length === 1);
      expect(ended[0]).toMatchObject({ call_id: id, answered_by: '7002', disposition: 'answered', rung: expect.arrayContaining(['7001', '7002']) });
    } finally {
      await client.stop();
      await peer.stop();
    }
  });
});

