import { CommandError } from '../../../bridge/src/calls/callControl';
import { until } from '../ami/support';
import { rig, type Rig } from './harness';

const agent7001 = { userId: 1, extension: '7001', permissions: ['dial'] };
const agent7002 = { userId: 2, extension: '7002', permissions: ['dial'] };

/** call.decline: the agent refuses a call ringing their phone (issue 13, point 1). */
describe('declining a ringing call', () => {
  let r: Rig;
  afterEach(async () => {
    await r.stop();
  });

  const lastFor = (callId: string, ext: string) => r.updates.filter((u) => u.call.id === callId && u.exts.includes(ext)).pop()?.call;

  test('a direct call: the phone is hung up with cause 21, the record stays missed and says who declined', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7001' });
    await until(() => lastFor(callId, '7001')?.state === 'ringing', 2000, 'ringing');
    await r.control.execute(agent7001, { type: 'call.decline', callId });
    const hangup = r.peer.actions.filter((a) => a.get('action') === 'Hangup').pop()!;
    expect(hangup.get('Channel')).toMatch(/^PJSIP\/7001-/);
    expect(hangup.get('Cause')).toBe('21');
    await until(() => r.records.length === 1, 2000, 'the record');
    expect(r.records[0]).toMatchObject({ call_id: callId, disposition: 'missed', answered_by: null });
    const ended = lastFor(callId, '7001')!;
    expect(ended).toMatchObject({ state: 'ended', disposition: 'missed', declinedBy: ['7001'] });
  });

  test('a ring group: the call leaves the bar of who declined, goes on ringing the other, who can answer it', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7001', alsoRing: ['7002'] });
    await until(() => lastFor(callId, '7002')?.state === 'ringing' && lastFor(callId, '7001')?.state === 'ringing', 2000, 'both ringing');
    await r.control.execute(agent7001, { type: 'call.decline', callId });
    await until(() => lastFor(callId, '7001')?.state === 'ended', 2000, 'ended for 7001');
    expect(lastFor(callId, '7001')).toMatchObject({ disposition: 'missed', declinedBy: ['7001'] });
    expect(lastFor(callId, '7002')?.state).toBe('ringing');
    expect(r.model.getCall(callId)?.state).toBe('ringing');
    r.peer.answer(callId, '7002');
    await until(() => lastFor(callId, '7002')?.state === 'answered', 2000, 'answered by 7002');
    // 7001 is no longer concerned: nothing more is pushed to them.
    expect(lastFor(callId, '7001')?.state).toBe('ended');
    r.peer.hangup(callId);
    await until(() => r.records.length === 1, 2000, 'the record');
    expect(r.records[0]).toMatchObject({ call_id: callId, disposition: 'answered', answered_by: '7002' });
  });

  test('only a ringing phone of the agent can be declined', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    await until(() => lastFor(callId, '7002')?.state === 'ringing', 2000, 'ringing');
    const other = await r.control.execute(agent7001, { type: 'call.decline', callId }).catch((e: unknown) => e);
    expect((other as CommandError).code).toBe('not_party');
    r.peer.answer(callId);
    await until(() => lastFor(callId, '7002')?.state === 'answered', 2000, 'answered');
    const answered = await r.control.execute(agent7002, { type: 'call.decline', callId }).catch((e: unknown) => e);
    expect(answered).toBeInstanceOf(CommandError);
    expect((answered as CommandError).code).toBe('not_connected');
    expect(r.model.getCall(callId)?.declinedBy).toBeUndefined();
    expect(r.peer.actions.filter((a) => a.get('action') === 'Hangup')).toEqual([]);
  });
});
