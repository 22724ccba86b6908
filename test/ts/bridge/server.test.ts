import type { Call, CallCommand } from '../../../bridge/src/protocol/messages';
import { callFixture } from '../helpers/callFixture';
import { connect, metric, startBridge, token, type Harness } from '../helpers/bridgeHarness';

const call = (over: Partial<Call> = {}): Call => callFixture({ to: '7005', rung: ['7005'], ...over });

describe('bridge server', () => {
  let h: Harness;
  const executed: Array<{ agent: unknown; cmd: CallCommand }> = [];
  beforeAll(async () => {
    h = await startBridge({
      callControl: {
        async execute(agent, cmd) {
          executed.push({ agent, cmd });
          if (cmd.type === 'call.hangup' && cmd.callId === 'not-mine') throw Object.assign(new Error('You can only control your own calls.'), { code: 'not_your_call' });
          return { callId: 'new-call' };
        },
      },
    });
  });
  afterAll(() => h.stop());

  it('rejects an invalid message with the reason and changes nothing', async () => {
    const c = await connect(h.url, await token({ userId: 11, extension: '7011' }));
    await c.next('snapshot');
    const before = JSON.stringify(h.server.sessions.snapshot(h.server.sessions.get(11)!).agent);
    const invalidBefore = await metric(h.url, 'bandeau_bridge_invalid_messages_total');
    const bad: unknown[] = [
      { type: 'agent.setStatus', ref: 'a', status: 'on-the-moon' },
      { type: 'agent.setStatus' },
      { type: 'call.dial', ref: 'b', number: '0612345678\r\nAction: Originate' },
      { type: 'call.dtmf', callId: 'c1', digits: '1; rm -rf' },
      { type: 'no.such.thing' },
      'a string',
      null,
      { type: 'agent.setStatus', status: 'away', extra: 'unknown keys are dropped, the rest is invalid anyway', ref: 'c'.repeat(65) },
    ];
    for (const m of bad) c.socket.emit('bandeau:cmd', m);
    const errors = [];
    for (let i = 0; i < bad.length; i++) errors.push(await c.next('error'));
    expect(errors.every((e) => e.type === 'error' && e.code === 'invalid_message')).toBe(true);
    expect(errors[0]).toMatchObject({ ref: 'a' });
    expect((errors[0] as { message: string }).message).toMatch(/status/);
    expect(errors[2]).toMatchObject({ ref: 'b' });
    expect((errors[2] as { message: string }).message).toMatch(/control characters/);
    expect(JSON.stringify(h.server.sessions.snapshot(h.server.sessions.get(11)!).agent)).toBe(before);
    expect(executed.filter((e) => (e.agent as { userId: number }).userId === 11)).toHaveLength(0);
    expect(await metric(h.url, 'bandeau_bridge_invalid_messages_total')).toBeGreaterThanOrEqual(invalidBefore + bad.length);
    // The connection is still usable after the garbage.
    c.socket.emit('bandeau:cmd', { type: 'agent.setStatus', ref: 'ok', status: 'busy' });
    expect(await c.next('agent.status')).toMatchObject({ status: 'busy' });
    c.close();
  });

  it('drops a connection that sends an oversized message, without applying it', async () => {
    const c = await connect(h.url, await token({ userId: 16, extension: '7016' }));
    await c.next('snapshot');
    const gone = new Promise<void>((resolve) => c.socket.once('disconnect', () => resolve()));
    c.socket.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'away', pad: 'x'.repeat(100_000) });
    await gone;
    expect(h.server.sessions.get(16)?.status).toBe('available');
  });

  it('keeps agent state across reconnects and sends it in the snapshot', async () => {
    const a = await connect(h.url, await token({ userId: 12, extension: '7012' }));
    await a.next('snapshot');
    a.socket.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'away' });
    await a.next('agent.status');
    h.server.pushCall(call({ id: 'keep-1', to: '7012', rung: ['7012'] }), ['7012']);
    await a.next('call.update');
    a.close();
    const b = await connect(h.url, await token({ userId: 12, extension: '7012' }));
    const snap = await b.next('snapshot');
    expect(snap).toMatchObject({ agent: { status: 'away' }, calls: [{ id: 'keep-1', state: 'ringing' }] });
    b.close();
  });

  it('pushes a call only to the agents concerned, and to every socket of those agents', async () => {
    const mine1 = await connect(h.url, await token({ userId: 13, extension: '7013' }));
    const mine2 = await connect(h.url, await token({ userId: 13, extension: '7013' }));
    const other = await connect(h.url, await token({ userId: 14, extension: '7014' }));
    await Promise.all([mine1.next('snapshot'), mine2.next('snapshot'), other.next('snapshot')]);
    h.server.pushCall(call({ id: 'only-13', to: '7013', rung: ['7013'] }), ['7013']);
    await mine1.next('call.update');
    await mine2.next('call.update');
    // A later message to `other` proves the earlier call update was never queued for it.
    h.server.pushCall(call({ id: 'only-14', to: '7014', rung: ['7014'] }), ['7014']);
    const seen = await other.next('call.update');
    expect(seen).toMatchObject({ call: { id: 'only-14' } });
    expect(other.messages.some((m) => m.type === 'call.update' && m.call.id === 'only-13')).toBe(false);
    h.server.pushCall(call({ id: 'only-13', state: 'ended', endedAt: new Date().toISOString(), disposition: 'missed' }), ['7013']);
    await mine1.next('call.update');
    expect(h.server.sessions.get(13)?.calls.has('only-13')).toBe(false);
    [mine1, mine2, other].forEach((c) => c.close());
  });

  it('hands call commands to call control with the identity from the token, never from the message', async () => {
    const c = await connect(h.url, await token({ userId: 15, extension: '7015', permissions: ['phone_bar', 'dial'] }));
    await c.next('snapshot');
    c.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'd1', number: '+33 6 12 34 56 78', extension: '9999', userId: 1 });
    expect(await c.next('ack')).toMatchObject({ ref: 'd1', callId: 'new-call' });
    const last = executed[executed.length - 1]!;
    expect(last.agent).toEqual({ userId: 15, extension: '7015', permissions: ['phone_bar', 'dial'] });
    expect(last.cmd).toEqual({ type: 'call.dial', ref: 'd1', number: '+33 6 12 34 56 78' });
    c.socket.emit('bandeau:cmd', { type: 'call.hangup', ref: 'h1', callId: 'not-mine' });
    expect(await c.next('error')).toMatchObject({ ref: 'h1', code: 'not_your_call' });
    c.close();
  });

  it('answers pbx_unavailable when no PBX is linked', async () => {
    const bare = await startBridge();
    try {
      const c = await connect(bare.url, await token());
      await c.next('snapshot');
      c.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'x', number: '0612345678' });
      expect(await c.next('error')).toMatchObject({ code: 'pbx_unavailable', ref: 'x' });
      c.close();
    } finally {
      await bare.stop();
    }
  });

  it('serves /healthz and /metrics in Prometheus text format on the admin listener', async () => {
    const health = await fetch(`${h.adminUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const m = await fetch(`${h.adminUrl}/metrics`);
    expect(m.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await m.text();
    expect(text).toMatch(/^# TYPE bandeau_bridge_connections_total counter$/m);
    expect(text).toMatch(/^# TYPE bandeau_bridge_connected_agents gauge$/m);
    expect((await fetch(`${h.url}/nope`)).status).toBe(404);
  });

  it('counts connected agents, not sockets', async () => {
    const bare = await startBridge();
    try {
      const a = await connect(bare.url, await token({ userId: 21, extension: '7021' }));
      const b = await connect(bare.url, await token({ userId: 21, extension: '7021' }));
      const c = await connect(bare.url, await token({ userId: 22, extension: '7022' }));
      await Promise.all([a.next('snapshot'), b.next('snapshot'), c.next('snapshot')]);
      expect(await metric(bare.url, 'bandeau_bridge_connected_agents')).toBe(2);
      expect(await metric(bare.url, 'bandeau_bridge_connections_total')).toBe(3);
      c.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(await metric(bare.url, 'bandeau_bridge_connected_agents')).toBe(1);
      a.close();
      b.close();
    } finally {
      await bare.stop();
    }
  });
});
