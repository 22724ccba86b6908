/**
 * The whole chain in the bridge runtime: a PBX (AMI test peer) ends a call, the call model emits
 * its record, the runtime writes it to the outbox with the agent's admin user id (learnt from the
 * agent's token) and the outbox delivers it to the contract endpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime } from '../../../bridge/src/runtime';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { ORIGIN, TEST_SECRET, connect, metric, registerAdminUrl, token } from '../helpers/bridgeHarness';
import { ContractEndpoint } from './support/contractEndpoint';
import { waitFor } from './support/processes';

it('an ended PBX call reaches Magento with the agent, the recording URL and the contract shape', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-outbox-runtime-'));
  const peer = new AmiTestPeer();
  const endpoint = new ContractEndpoint('runtime-token');
  const amiPort = await peer.start();
  await endpoint.start();
  const runtime = await startRuntime(
    BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: TEST_SECRET,
      allowedOrigins: [ORIGIN],
      ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
      callLog: {
        path: path.join(dir, 'outbox.sqlite'),
        rest: { url: endpoint.url, token: 'runtime-token' },
        recordingUrlTemplate: 'https://pbx.example/recordings/{call_id}.wav',
      },
    }),
    createLogger('silent'),
  );
  const url = `http://127.0.0.1:${runtime.port}`;
  registerAdminUrl(url, `http://127.0.0.1:${runtime.adminPort}`);
  const agent = await connect(url, await token({ userId: 5, extension: '7005' }));
  try {
    await waitFor('the AMI login', () => runtime.ami?.ready);
    // The contract's lookup example matches +33612345678 to customer 12.
    const id = peer.ringInbound({ from: '+33612345678', toExtension: '7005' });
    await waitFor('the caller lookup', () => endpoint.lookups > 0);
    peer.answer(id, '7005');
    peer.hangup(id);
    const stored = await waitFor('the record at Magento', () => endpoint.stored.get(id), 10_000);
    expect(stored).toMatchObject({
      call_id: id,
      direction: 'inbound',
      from: '+33612345678',
      agent_extension: '7005',
      agent_user_id: 5,
      customer_id: 12,
      disposition: 'answered',
      recording_url: `https://pbx.example/recordings/${encodeURIComponent(id)}.wav`,
    });
    await waitFor('the delivery to be settled', async () => (await metric(url, 'bandeau_outbox_delivered_total')) === 1);
    expect(await metric(url, 'bandeau_outbox_pending')).toBe(0);

    // A call that ends before the lookup answers is written at once, then completed.
    const quick = peer.ringInbound({ from: '+33612345678', toExtension: '7005' });
    peer.hangup(quick);
    const completed = await waitFor('the customer on the short call', () => (endpoint.stored.get(quick)?.customer_id === 12 ? endpoint.stored.get(quick) : undefined), 10_000);
    // Cancelled while it rang an agent's phone directly: a missed call (abandoned is for queues).
    expect(completed).toMatchObject({ call_id: quick, customer_id: 12, disposition: 'missed' });
  } finally {
    agent.close();
    await runtime.stop();
    await peer.stop();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
