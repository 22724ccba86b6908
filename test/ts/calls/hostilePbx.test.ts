/**
 * Issue 14, finding 2: control and format characters from the PBX. A real recorded Asterisk 22
 * stream (queue_answered, played by the AMI test peer) with the caller ID rewritten to hostile
 * values goes through the whole bridge runtime: the agent's bar gets the call with a clean
 * number in messages the worker's schema accepts, the snapshot of a reconnecting agent holds
 * it, and its record reaches the Magento stand-in once, with values the module's validator
 * takes (app/code/Bandeau/Cti/Model/Call/CallValidator.php).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AmiMessage } from '../../../bridge/src/ami/message';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { isIdOrClockKey } from '../../../bridge/src/testpeer/rewrite';
import { parseServerMessage } from '../../../bridge/src/protocol/perCall';
import type { Call, ServerMessage } from '../../../bridge/src/protocol/messages';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { ContractEndpoint } from '../outbox/support/contractEndpoint';
import { waitFor } from '../outbox/support/processes';

/** The caller as the flow is asked to play it, then made hostile on its way to the wire. */
const PLAYED = { number: '+336999999', name: 'Camille Durand' };
const HOSTILE_NUMBER = '+3369\u001b[2J\u0007\r99999';
const HOSTILE_NAME = '\u202eCamille\u200b\u0000 Durand\u0085\ufeff' + 'é'.repeat(3000) + '\ud800';
const HOSTILE_QUEUE = '88\u0007\u202e\u200b';
/** What the module refuses in from/to/queue (CallValidator::validate). */
// eslint-disable-next-line no-control-regex
const PHP_REFUSES = /[\x00-\x1f\x7f]/;

/**
 * The event as Asterisk would write it with the hostile caller: every value that carries the
 * played caller (numbers, names, channel variables…) and the queue name, rewritten on the wire.
 * (The peer's own encoder refuses control characters, as the bridge's action writer must; a PBX
 * has no such rule, so the hostile bytes are written raw.)
 */
function hostileWire(fields: Parameters<AmiTestPeer['sendEvent']>[0]): string {
  const m = fields instanceof AmiMessage ? fields : AmiMessage.from(fields);
  let text = '';
  for (const [k, v] of m.headers) {
    let value = v;
    if (!isIdOrClockKey(k)) value = value.split(PLAYED.number).join(HOSTILE_NUMBER).split(PLAYED.name).join(HOSTILE_NAME);
    if (/^queue$/i.test(k) && value === '88') value = HOSTILE_QUEUE;
    text += `${k}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

/** The worker reads each message as the SharedWorker does: nothing refused, no call left out. */
function workerReads(messages: ServerMessage[]): void {
  for (const m of messages) {
    const { result, dropped } = parseServerMessage(JSON.parse(JSON.stringify(m)));
    expect(dropped).toEqual([]);
    expect(result.ok).toBe(true);
  }
}

function callIn(messages: ServerMessage[], id: string): Call | undefined {
  let found: Call | undefined;
  for (const m of messages) {
    if (m.type === 'call.update' && m.call.id === id) found = m.call;
    if (m.type === 'snapshot') found = m.calls.find((c) => c.id === id) ?? found;
  }
  return found;
}

describe('hostile caller ID from the PBX (issue 14, finding 2)', () => {
  let dir: string;
  let peer: AmiTestPeer;
  let endpoint: ContractEndpoint;
  let runtime: BridgeRuntime;
  let url: string;
  const clients: TestClient[] = [];
  let hostileEvents = 0;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-hostile-'));
    peer = new AmiTestPeer();
    // Events reach the bridge hostile; the peer's channel table (CoreShowChannels) keeps the played values.
    peer.sendEvent = (fields) => {
      peer.withhold(fields);
      const wire = hostileWire(fields);
      if (wire.includes(HOSTILE_NUMBER)) hostileEvents++;
      peer.sendRaw(wire);
    };
    endpoint = new ContractEndpoint('hostile-token');
    const amiPort = await peer.start();
    await endpoint.start();
    runtime = await startRuntime(
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port: 0 },
        secret: TEST_SECRET,
        allowedOrigins: [ORIGIN],
        ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
        callLog: { path: path.join(dir, 'outbox.sqlite'), rest: { url: endpoint.url, token: 'hostile-token' } },
      }),
      createLogger('silent'),
    );
    url = `http://127.0.0.1:${runtime.port}`;
    await waitFor('the AMI login', () => runtime.ami?.ready, 10_000);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await runtime.stop();
    await peer.stop();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a recorded queue call with a hostile caller ID shows a clean number, survives a reconnect and is recorded once', async () => {
    const agent = await connect(url, await token({ userId: 1, extension: '7001' }));
    clients.push(agent);
    await agent.next('snapshot');
    const flow = peer.recorded.start('queue-answered', { caller: PLAYED });
    const callId = flow.callId as string;
    // The hostile value really is on the wire: the peer's own table holds it.
    await waitFor('the call on the bar', () => callIn(agent.messages, callId), 10_000);
    expect(hostileEvents).toBeGreaterThan(5);
    expect(callIn(agent.messages, callId)).toMatchObject({ direction: 'inbound', from: PLAYED.number, state: 'ringing' });

    peer.recorded.step(flow.id); // 7001 answers
    await waitFor('the call answered', () => (callIn(agent.messages, callId)?.state === 'answered' ? true : undefined), 10_000);

    // The bar reconnects mid-call: its snapshot holds the call, clean.
    const again = await connect(url, await token({ userId: 1, extension: '7001' }));
    clients.push(again);
    const snap = await again.next('snapshot');
    expect(snap.type === 'snapshot' && snap.calls.map((c) => c.id)).toContain(callId);
    expect(callIn([snap], callId)).toMatchObject({ from: PLAYED.number, state: 'answered', answeredBy: '7001' });

    while (flow.next) peer.recorded.step(flow.id); // the caller hangs up
    const stored = await waitFor('the record at Magento', () => endpoint.stored.get(callId), 15_000);
    expect(stored).toMatchObject({ call_id: callId, direction: 'inbound', from: PLAYED.number, queue: '88', disposition: 'answered', agent_extension: '7001' });
    for (const field of ['from', 'to', 'queue', 'transferred_to', 'call_id']) {
      const v = stored[field];
      if (typeof v !== 'string') continue;
      expect(PHP_REFUSES.test(v)).toBe(false);
      expect(/[\p{Cf}\p{Cs}]/u.test(v)).toBe(false);
    }
    expect(Buffer.byteLength(String(stored.from), 'utf8')).toBeLessThanOrEqual(64);
    const stats = endpoint.getStats();
    expect(stats.refused).toEqual({});
    expect(stats.accepted[callId]).toBe(1);

    // Every message either socket got is one the worker accepts, whole.
    await waitFor('the ended call on the bar', () => (callIn(agent.messages, callId)?.state === 'ended' ? true : undefined), 10_000);
    workerReads(agent.messages);
    workerReads(again.messages);
    expect(JSON.stringify([...agent.messages, ...again.messages])).not.toMatch(/\\u001b|\\u0007|\\r|\u202e|\u200b/);
  });
});
