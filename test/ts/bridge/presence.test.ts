/**
 * Presence that routes: an agent's status reaches the PBX as QueuePause on every queue membership
 * of theirs (the test peer answers as app_queue.c does), a bridge that restarts reads it back from
 * the PBX, and colleagues see each other's presence (name, extension, status: nothing else).
 */
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { AmiClient } from '../../../bridge/src/ami';
import type { Colleague, ServerMessage } from '../../../bridge/src/protocol/messages';
import { ORIGIN, TEST_SECRET, connect, token, type TestClient } from '../helpers/bridgeHarness';
import { waitFor } from '../outbox/support/processes';
import { colleaguesSeen } from '../helpers/colleaguesSeen';


describe('presence shared with the PBX', () => {
  let peer: AmiTestPeer;
  let runtime: BridgeRuntime;
  let url: string;
  const clients: TestClient[] = [];

  async function start(port = 0): Promise<void> {
    runtime = await startRuntime(
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port },
        // A restart keeps the agents' port; the admin listener takes any free one (tests run side by side).
        admin: { port: 0 },
        secret: TEST_SECRET,
        allowedOrigins: [ORIGIN],
        ami: { host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret' },
      }),
      createLogger('silent'),
    );
    url = `http://127.0.0.1:${runtime.port}`;
    await waitFor('the AMI login', () => runtime.ami?.ready);
  }
  async function agent(userId: number, extension: string, name: string): Promise<TestClient> {
    // As the current worker: team changes come as colleagues.changed.
    const c = await connect(url, await token({ userId, extension, name }));
    clients.push(c);
    await c.next('snapshot');
    return c;
  }
  const pauses = () => peer.actions.filter((a) => a.get('action') === 'QueuePause');

  beforeEach(async () => {
    peer = new AmiTestPeer({
      queues: {
        '88': [
          { interface: 'Local/7001@from-queue/n', name: 'Alice Martin', stateInterface: 'PJSIP/7001' },
          { interface: 'Local/7002@from-queue/n', name: 'Bruno Petit', stateInterface: 'PJSIP/7002' },
        ],
        sales: [{ interface: 'PJSIP/7001', name: 'Alice Martin' }],
      },
    });
    await peer.start();
    await start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await runtime.stop();
    await peer.stop();
  });

  it('busy pauses every queue membership of the agent (Local member and device member), available resumes them', async () => {
    const alice = await agent(1, '7001', 'Alice Martin');
    alice.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'r1', status: 'busy' });
    expect(await alice.next('agent.status')).toEqual({ type: 'agent.status', status: 'busy' });
    expect(await alice.next('ack')).toMatchObject({ ref: 'r1' });
    const sent = pauses().map((a) => a.toObject());
    expect(sent).toEqual([
      expect.objectContaining({ Action: 'QueuePause', Interface: 'Local/7001@from-queue/n', Paused: 'true', Reason: 'busy' }),
      expect.objectContaining({ Action: 'QueuePause', Interface: 'PJSIP/7001', Paused: 'true', Reason: 'busy' }),
    ]);
    // Without Queue: every queue the interface is in (app_queue.c), so no Queue header.
    expect(sent.every((a) => a.Queue === undefined)).toBe(true);
    expect(peer.queues.member('88', 'Local/7001@from-queue/n')).toEqual({ paused: true, reason: 'busy' });
    expect(peer.queues.member('sales', 'PJSIP/7001')).toEqual({ paused: true, reason: 'busy' });
    // Bruno's membership is not touched.
    expect(peer.queues.member('88', 'Local/7002@from-queue/n')).toEqual({ paused: false, reason: '' });

    alice.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'r2', status: 'available' });
    expect(await alice.next('ack')).toMatchObject({ ref: 'r2' });
    expect(pauses().slice(2).map((a) => a.get('Paused'))).toEqual(['false', 'false']);
    expect(peer.queues.member('88', 'Local/7001@from-queue/n')).toEqual({ paused: false, reason: '' });
  });

  it('an agent in no queue changes status with nothing to pause; the PBX link down is said, the status still changes', async () => {
    const carla = await agent(3, '7003', 'Carla Nunes');
    carla.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'a', status: 'away' });
    expect(await carla.next('ack')).toMatchObject({ ref: 'a' });
    expect(pauses()).toEqual([]);

    const alice = await agent(1, '7001', 'Alice Martin');
    await runtime.ami!.stop();
    alice.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'b', status: 'dnd' });
    expect(await alice.next('agent.status')).toEqual({ type: 'agent.status', status: 'dnd' });
    expect(await alice.next('error')).toMatchObject({ ref: 'b', code: 'presence_pbx_failed' });
    expect(runtime.server.sessions.get(1)?.status).toBe('dnd');
  });

  it('the test peer answers QueuePause as Asterisk does', async () => {
    const ami = new AmiClient({ host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret' }, { resyncOnLogin: false });
    const events: string[] = [];
    ami.on('event', (e: { event?: string; get(k: string): string | undefined }) => {
      if (e.event === 'QueueMemberPause') events.push(`${e.get('Queue')} ${e.get('Interface')} ${e.get('Paused')} ${e.get('PausedReason')}`);
    });
    ami.start();
    await waitFor('login', () => ami.ready);
    try {
      const ok = await ami.action({ Action: 'QueuePause', Interface: 'local/7002@FROM-QUEUE/n', Paused: 'yes', Reason: 'lunch' });
      expect(ok.response.get('Message')).toBe('Interface paused successfully');
      const un = await ami.action({ Action: 'QueuePause', Interface: 'Local/7002@from-queue/n', Queue: '88', Paused: 'false' });
      expect(un.response.get('Message')).toBe('Interface unpaused successfully');
      await expect(ami.action({ Action: 'QueuePause', Interface: 'PJSIP/7009', Paused: 'true' })).rejects.toMatchObject({ message: expect.stringContaining('Interface not found') });
      await expect(ami.action({ Action: 'QueuePause', Interface: 'PJSIP/7001' })).rejects.toMatchObject({ message: expect.stringContaining("Need 'Interface' and 'Paused' parameters.") });
      await waitFor('the events', () => events.length === 2);
      expect(events).toEqual(['88 Local/7002@from-queue/n 1 lunch', '88 Local/7002@from-queue/n 0 ']);
      const status = await ami.action({ Action: 'QueueStatus', Queue: '88' });
      expect(status.events.filter((e) => e.event === 'QueueMember').map((e) => `${e.get('Location')} ${e.get('StateInterface')} ${e.get('Paused')}`)).toEqual([
        'Local/7001@from-queue/n PJSIP/7001 0',
        'Local/7002@from-queue/n PJSIP/7002 0',
      ]);
      expect(status.complete?.get('ListItems')).toBe('3');
    } finally {
      await ami.stop();
    }
  });

  it('a restarted bridge reads the status back from the PBX queue pause', async () => {
    const alice = await agent(1, '7001', 'Alice Martin');
    alice.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'r', status: 'away' });
    await alice.next('ack');
    alice.close();
    const port = runtime.port;
    await runtime.stop();
    await start(port);
    const again = await connect(url, await token({ userId: 1, extension: '7001', name: 'Alice Martin' }));
    clients.push(again);
    const snap = (await again.next('snapshot')) as Extract<ServerMessage, { type: 'snapshot' }>;
    // The fresh bridge's snapshot says available; the PBX's pause reason corrects it at once.
    expect(snap.agent.status).toBe('available');
    expect(await again.next('agent.status')).toEqual({ type: 'agent.status', status: 'away' });
    expect(runtime.server.sessions.get(1)?.status).toBe('away');
  });

  it('colleagues see each other\'s presence in their list, with nothing but name, extension and status', async () => {
    /** The list as this client's worker would hold it, once it satisfies `want`. */
    const list = (c: TestClient, own: string, want: (l: Colleague[]) => boolean) =>
      waitFor('the colleague list', () => {
        const l = colleaguesSeen(c.messages, own);
        return want(l) && l;
      }, 3000);
    const alice = await agent(1, '7001', 'Alice Martin');
    expect(await alice.next('colleagues')).toEqual({ type: 'colleagues', colleagues: [] });
    // Alice is told of herself too (one message for all); her worker skips her extension.
    await alice.next('colleagues.changed');
    const bruno = await agent(2, '7002', 'Bruno Petit');
    expect(await bruno.next('colleagues')).toEqual({ type: 'colleagues', colleagues: [{ name: 'Alice Martin', extension: '7001', status: 'available' }] });
    expect(await list(alice, '7001', (l) => l.length > 0)).toEqual([{ name: 'Bruno Petit', extension: '7002', status: 'available' }]);
    bruno.socket.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'busy' });
    const seen = await list(alice, '7001', (l) => l[0]?.status === 'busy');
    expect(seen).toEqual([{ name: 'Bruno Petit', extension: '7002', status: 'busy' }]);
    // Only what changed travels, and only name, extension and status.
    const change = alice.messages.filter((m) => m.type === 'colleagues.changed').at(-1);
    expect(change).toEqual({ type: 'colleagues.changed', colleagues: [{ name: 'Bruno Petit', extension: '7002', status: 'busy' }], gone: [] });
    bruno.close();
    expect(await list(alice, '7001', (l) => l[0]?.status !== 'busy')).toEqual([{ name: 'Bruno Petit', extension: '7002', status: 'offline' }]);
    expect(colleaguesSeen(bruno.messages, '7002')).toEqual([{ name: 'Alice Martin', extension: '7001', status: 'available' }]);
  });
});
