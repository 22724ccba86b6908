/** Peer + AMI client + call model + CallControl, wired as the server will wire them (not a test file). */
import { AmiClient } from '../../../bridge/src/ami/client';
import { CallModel } from '../../../bridge/src/calls/model';
import { CallControl } from '../../../bridge/src/calls/callControl';
import { connectModelToAmi } from '../../../bridge/src/calls/link';
import type { CallRecord } from '../../../bridge/src/calls/record';
import type { CallControlConfigInput } from '../../../bridge/src/calls/config';
import type { Call } from '../../../bridge/src/protocol/messages';
import { AmiTestPeer, type AmiTestPeerOptions } from '../../../bridge/src/testpeer';
import { once } from '../ami/support';

export interface Rig {
  peer: AmiTestPeer;
  client: AmiClient;
  model: CallModel;
  control: CallControl;
  records: CallRecord[];
  updates: Array<{ call: Call; exts: string[] }>;
  stop(): Promise<void>;
}

export async function rig(o: { peer?: AmiTestPeerOptions; control?: CallControlConfigInput; port?: number } = {}): Promise<Rig> {
  const peer = new AmiTestPeer(o.peer);
  await peer.start(o.port ?? 0);
  const client = new AmiClient({ host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret', actionTimeoutMs: 2000, reconnect: { minMs: 10, maxMs: 100 } });
  const model = new CallModel();
  connectModelToAmi(client, model);
  const control = new CallControl(client, model, o.control ?? {});
  const records: CallRecord[] = [];
  const updates: Array<{ call: Call; exts: string[] }> = [];
  model.on('ended', (r) => records.push(r));
  model.on('update', (call, exts) => updates.push({ call, exts }));
  const synced = once(client, 'resync');
  client.start();
  await synced;
  const r: Rig = {
    peer,
    client,
    model,
    control,
    records,
    updates,
    stop: async () => {
      await client.stop();
      await r.peer.stop();
    },
  };
  return r;
}
