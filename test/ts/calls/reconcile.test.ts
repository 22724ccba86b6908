/**
 * Nothing lingers: calls whose end the bridge missed are ended by the reconciliation against
 * CoreShowChannels (periodic, and on every AMI login), their records written once with the
 * disposition the model can tell, and they leave every agent's bar, a reconnecting one's too.
 */
import { AmiClient } from '../../../bridge/src/ami/client';
import { AmiMessage } from '../../../bridge/src/ami/message';
import { parseAll } from '../../../bridge/src/ami/framer';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime } from '../../../bridge/src/runtime';
import { CallModel } from '../../../bridge/src/calls/model';
import { connectModelToAmi } from '../../../bridge/src/calls/link';
import type { CallRecord } from '../../../bridge/src/calls/record';
import type { ReconcileResult } from '../../../bridge/src/calls/lifecycle';
import type { Call } from '../../../bridge/src/protocol/messages';
import { AmiTestPeer, newUniqueid, rewriteForPlayback } from '../../../bridge/src/testpeer';
import { ORIGIN, TEST_SECRET, connect, token } from '../helpers/bridgeHarness';
import { until } from '../ami/support';
import { Script } from './script';
import { asteriskCapture } from './streams';

const events = (name: string): AmiMessage[] => parseAll(asteriskCapture(name)).messages.filter((m) => m.kind === 'event');
const isHangup = (m: AmiMessage): boolean => m.event === 'Hangup';

describe('reconciliation in the model', () => {
  function setup() {
    let now = Date.UTC(2030, 0, 1, 9);
    const model = new CallModel({}, { now: () => now });
    const records: CallRecord[] = [];
    const updates: Array<{ call: Call; exts: string[] }> = [];
    const reconciled: ReconcileResult[] = [];
    model.on('ended', (r) => records.push(r));
    model.on('update', (call, exts) => updates.push({ call, exts }));
    model.on('reconciled', (r) => reconciled.push(r));
    return { model, records, updates, reconciled, s: new Script(model), advance: (ms: number) => (now += ms) };
  }
  const show = (ch: { name: string; uniqueid: string; linkedid: string }) =>
    AmiMessage.from({ Event: 'CoreShowChannel', Channel: ch.name, Uniqueid: ch.uniqueid, Linkedid: ch.linkedid, ChannelState: '6', Context: 'from-internal', Exten: 's', Duration: '00:00:10' });

  test('calls whose channels the PBX no longer has end with what the model can tell: missed, abandoned, answered', () => {
    const { model, records, updates, reconciled, s } = setup();
    // A direct call ringing 7002.
    const t1 = s.chan('PJSIP/trunk-00000001', { callerNum: '0612345678', context: 'from-trunk', exten: '7002' });
    const d1 = s.chan('PJSIP/7002-00000002', { linkedid: t1.uniqueid, state: 0 });
    s.dial(t1, d1);
    // A queue call waiting, 7001 offered through a Local pair.
    const t2 = s.chan('PJSIP/trunk-00000003', { callerNum: '0698765432', context: 'from-trunk', exten: '88' });
    s.send([['Event', 'QueueCallerJoin'], ['Channel', t2.name], ['Uniqueid', t2.uniqueid], ['Linkedid', t2.uniqueid], ['Queue', '88'], ['Position', '2']]);
    const l1 = s.chan('Local/7001@from-queue-00000004;1', { linkedid: t2.uniqueid, state: 0 });
    s.send([['Event', 'AgentCalled'], ['Channel', t2.name], ['Uniqueid', t2.uniqueid], ['Linkedid', t2.uniqueid], ['DestChannel', l1.name], ['DestUniqueid', l1.uniqueid], ['DestLinkedid', t2.uniqueid], ['Interface', 'Local/7001@from-queue/n'], ['Queue', '88']]);
    // An answered call.
    const t3 = s.chan('PJSIP/trunk-00000005', { callerNum: '0611111111', context: 'from-trunk', exten: '7003' });
    const d3 = s.chan('PJSIP/7003-00000006', { linkedid: t3.uniqueid, state: 6 });
    s.dial(t3, d3);
    s.bridge('b3', t3, d3);
    // And one the PBX still has.
    const t4 = s.chan('PJSIP/trunk-00000007', { callerNum: '0622222222', context: 'from-trunk', exten: '7004' });
    s.at(40);
    const result = model.resync([show(t4)]);
    expect(result).toEqual({ channelsEnded: 6, callsEnded: 3 });
    expect(reconciled).toEqual([result]);
    expect(records.map((r) => [r.call_id, r.disposition, r.rung, r.answered_by])).toEqual([
      [t1.uniqueid, 'missed', ['7002'], null],
      [t2.uniqueid, 'abandoned', ['7001'], null],
      [t3.uniqueid, 'answered', ['7003'], '7003'],
    ]);
    expect(records[1]).toMatchObject({ queue: '88', queue_position: 2, abandon_position: null });
    // Every agent was told the call ended.
    for (const [id, ext] of [[t1.uniqueid, '7002'], [t2.uniqueid, '7001'], [t3.uniqueid, '7003']] as const) {
      expect(updates.filter((u) => u.call.id === id && u.exts.includes(ext)).pop()!.call.state).toBe('ended');
    }
    expect(model.liveCalls().map((c) => c.id)).toEqual([t4.uniqueid]);
    expect(model.liveChannels().map((c) => c.uniqueid)).toEqual([t4.uniqueid]);
    // Late events and another reconciliation write nothing again.
    s.hangup(d1);
    s.hangup(t3);
    model.resync([show(t4)]);
    expect(records).toHaveLength(3);
    expect(model.openRecords().map((r) => r.call_id)).toEqual([t4.uniqueid]);
  });

  test('a list that predates a Hangup seen meanwhile does not bring the channel back', () => {
    const { model, records, s } = setup();
    const a = s.chan('PJSIP/7001-00000010', { exten: '7002', callerNum: '7001' });
    const token = model.beginResync();
    s.hangup(a);
    model.resync([show(a)], token);
    expect(records).toHaveLength(1);
    expect(model.liveCalls()).toEqual([]);
    expect(model.liveChannels()).toEqual([]);
  });
});

describe('reconciliation over the AMI link (test peer answering CoreShowChannels from its channels)', () => {
  let peer: AmiTestPeer;
  let client: AmiClient;
  let unlink: () => void;
  const records: CallRecord[] = [];
  let model: CallModel;

  async function link(reconcileIntervalMs: number): Promise<void> {
    peer = new AmiTestPeer();
    await peer.start();
    client = new AmiClient({ host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret', actionTimeoutMs: 5000, reconnect: { minMs: 10, maxMs: 50 } });
    model = new CallModel();
    records.length = 0;
    model.on('ended', (r) => records.push(r));
    unlink = connectModelToAmi(client, model, { reconcileIntervalMs });
    const ready = new Promise<void>((resolve) => client.once('resync', () => resolve()));
    client.start();
    await ready;
  }
  afterEach(async () => {
    unlink();
    await client.stop();
    await peer.stop();
  });

  test('periodic: a queue call whose hangups never reached the bridge ends, abandoned, with its wait and position', async () => {
    await link(100);
    const played = peer.play(events('queue_abandoned.ami'), { hide: isHangup });
    const id = played.find((m) => m.event === 'QueueCallerJoin')!.value('Linkedid')!;
    await until(() => records.length === 1, 10_000, 'the reconciliation');
    expect(records[0]).toMatchObject({ call_id: id, direction: 'inbound', disposition: 'abandoned', rung: ['7002', '7001'], queue: '88', queue_position: 1, abandon_position: 1, wait_s: 7 });
    expect(model.liveCalls()).toEqual([]);
    expect(model.liveChannels()).toEqual([]);
    // Further checks find nothing more to end.
    const more = await new Promise<ReconcileResult>((resolve) => model.once('reconciled', resolve));
    expect(more).toEqual({ channelsEnded: 0, callsEnded: 0 });
    expect(records).toHaveLength(1);
  });

  test('on reconnect: calls that ended while the link was down are ended at login, once', async () => {
    await link(0);
    const a = peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    peer.answer(a);
    const b = peer.ringInbound({ from: '+33698765432', toExtension: '7003' });
    await until(() => model.getCall(a)?.state === 'answered' && model.getCall(b) !== undefined, 5000, 'both calls');
    peer.dropClients();
    await until(() => !client.ready, 5000, 'the link to drop');
    // While the link is down both calls end: the bridge is sent nothing.
    peer.hangup(a);
    peer.hangup(b);
    await until(() => records.length === 2, 10_000, 'the login reconciliation');
    expect(records.map((r) => [r.call_id, r.disposition])).toEqual(
      expect.arrayContaining([
        [a, 'answered'],
        [b, 'missed'],
      ]),
    );
    expect(model.liveCalls()).toEqual([]);
    // A later login finds nothing more.
    peer.dropClients();
    await new Promise<void>((resolve) => model.once('reconciled', () => resolve()));
    expect(records).toHaveLength(2);
  });
});

describe('bars after a missed end (bridge runtime, real socket.io agents)', () => {
  test('a call whose end was missed leaves the bar at the next check, and a reconnecting agent never gets it back', async () => {
    const peer = new AmiTestPeer();
    const amiPort = await peer.start();
    const runtime = await startRuntime(
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port: 0 },
        secret: TEST_SECRET,
        allowedOrigins: [ORIGIN],
        ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
        calls: { reconcileIntervalS: 1 },
      }),
      createLogger('silent'),
    );
    const url = `http://127.0.0.1:${runtime.port}`;
    const agent = await connect(url, await token({ userId: 2, extension: '7002' }));
    try {
      await agent.next('snapshot');
      await until(() => runtime.ami?.ready === true, 5000, 'the AMI login');
      // A real answered call (internal 7001 -> 7002) whose hangups the bridge never gets.
      const played = peer.play(events('internal_answered.ami').map(renamed), { hide: isHangup });
      const id = played.find((m) => m.event === 'Newchannel')!.value('Linkedid')!;
      const inCall = await agent.next('call.update', 5000);
      expect(inCall).toMatchObject({ call: { id } });
      await until(() => agent.messages.some((m) => m.type === 'call.update' && m.call.id === id && m.call.state === 'answered'), 5000, 'In call');
      // A call the session holds that the PBX never had (a lost update): dropped too.
      runtime.server.pushCall({ ...(inCall as { call: Call }).call, id: 'stale-1', state: 'answered' }, ['7002']);
      await until(() => agent.messages.some((m) => m.type === 'call.update' && m.call.id === id && m.call.state === 'ended'), 10_000, 'the call ended in the bar');
      await until(() => agent.messages.some((m) => m.type === 'call.removed' && m.callId === 'stale-1'), 10_000, 'the stale call removed');
      expect(runtime.server.sessions.get(2)!.calls.size).toBe(0);
      expect(runtime.model!.liveCalls()).toEqual([]);
      // A page reload (a new connection) gets a snapshot without them.
      const again = await connect(url, await token({ userId: 2, extension: '7002' }));
      const snap = await again.next('snapshot');
      expect(snap).toMatchObject({ type: 'snapshot', calls: [] });
      expect((snap as { recent: Call[] }).recent.map((c) => [c.id, c.state, c.disposition])).toContainEqual([id, 'ended', 'answered']);
      again.close();
    } finally {
      agent.close();
      await runtime.stop();
      await peer.stop();
    }
  }, 60_000);
});

describe('bridge restarted mid-call', () => {
  test('the new bridge finds the call live, and when its end is missed it still leaves the bar', async () => {
    const peer = new AmiTestPeer();
    const amiPort = await peer.start();
    const config = BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: TEST_SECRET,
      allowedOrigins: [ORIGIN],
      ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
      calls: { reconcileIntervalS: 1 },
    });
    // One recorded call, ids made fresh once, played in two parts.
    const all = rewriteForPlayback(events('internal_answered.ami').map(renamed), { newUniqueid, suffix: () => Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0'), now: () => Date.now() });
    const split = all.findIndex((m) => m.event === 'BridgeLeave');
    const id = all.find((m) => m.event === 'Newchannel')!.value('Linkedid')!;
    let runtime = await startRuntime(config, createLogger('silent'));
    try {
      await until(() => runtime.ami?.ready === true, 5000, 'the AMI login');
      peer.play(all.slice(0, split), { rewrite: false });
      await until(() => runtime.model?.getCall(id)?.state === 'answered', 5000, 'the call answered');
      await runtime.stop(); // the bridge goes down mid-call
      runtime = await startRuntime(config, createLogger('silent'));
      const url = `http://127.0.0.1:${runtime.port}`;
      await until(() => runtime.model?.getCall(id) !== undefined, 5000, 'the call found by the login reconciliation');
      const agent = await connect(url, await token({ userId: 2, extension: '7002' }));
      try {
        expect(await agent.next('snapshot')).toMatchObject({ calls: [{ id, state: 'answered', answeredBy: '7002' }] });
        // The call ends; the bridge misses every hangup.
        peer.play(all.slice(split), { rewrite: false, hide: isHangup });
        await until(() => agent.messages.some((m) => m.type === 'call.update' && m.call.id === id && m.call.state === 'ended'), 10_000, 'the call ended in the bar');
        expect(runtime.model!.liveCalls()).toEqual([]);
        const again = await connect(url, await token({ userId: 2, extension: '7002' }));
        expect(await again.next('snapshot')).toMatchObject({ calls: [] });
        again.close();
      } finally {
        agent.close();
      }
    } finally {
      await runtime.stop();
      await peer.stop();
    }
  }, 60_000);
});

/** internal_answered.ami is 7001 calling 7003; played here as 7001 calling 7002 (the agent connected). */
function renamed(m: AmiMessage): AmiMessage {
  return AmiMessage.from(m.headers.map(([k, v]): [string, string] => [k, v.replace(/^PJSIP\/7003-/, 'PJSIP/7002-').replace(/^7003$/, '7002')]));
}
