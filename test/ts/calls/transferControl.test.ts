/**
 * Hold, resume and attended transfers from the bar, end to end in the bridge: the command, the
 * AMI action, the PBX's events (the test peer plays what Asterisk 22 sends, see
 * scriptedControls.ts and the recorded attended_transfer.ami) and what each agent is shown.
 */
import { channelEvent } from '../../../bridge/src/testpeer/builders';
import type { Call } from '../../../bridge/src/protocol/messages';
import { CommandError } from '../../../bridge/src/calls/callControl';
import { until } from '../ami/support';
import { rig, type Rig } from './harness';

const alice = { userId: 1, extension: '7001', permissions: ['dial'] };

describe('hold and attended transfer controls', () => {
  let r: Rig;
  afterEach(async () => {
    await r.stop();
  });

  const actions = (name: string) => r.peer.actions.filter((a) => a.get('action') === name);
  const seen = (ext: string, callId: string): Call | undefined => r.model.callsForExtension(ext).find((c) => c.id === callId);
  const shows = (ext: string, callId: string, pred: (c: Call | undefined) => boolean, what: string) => until(() => pred(seen(ext, callId)), 3000, what);

  async function answeredInbound(to = '7001'): Promise<string> {
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: to });
    r.peer.answer(callId);
    await shows(to, callId, (c) => c?.state === 'answered', 'answered');
    return callId;
  }

  async function refusal(p: Promise<unknown>): Promise<CommandError> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CommandError);
    return err as CommandError;
  }

  test('hold from the bar: the caller hears music on hold and the agent sees On hold; Resume bridges them again', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(alice, { type: 'call.hold', callId, hold: true });
    await shows('7001', callId, (c) => c?.state === 'held', 'held');
    await r.control.execute(alice, { type: 'call.hold', callId, hold: false });
    await shows('7001', callId, (c) => c?.state === 'answered', 'answered again');
    expect(actions('Bridge')).toHaveLength(1);
    expect(r.model.liveCalls()).toHaveLength(1);
  });

  test('a hold by Redirect survives a bridge that forgot it (restart): Resume still bridges the parties again', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(alice, { type: 'call.hold', callId, hold: true });
    await shows('7001', callId, (c) => c?.state === 'held', 'held');
    // A second CallControl on the same model stands for a restarted bridge (no memory of the hold).
    const { CallControl } = await import('../../../bridge/src/calls/callControl');
    const fresh = new CallControl(r.client, r.model, {});
    await fresh.execute(alice, { type: 'call.hold', callId, hold: false });
    await shows('7001', callId, (c) => c?.state === 'answered', 'answered again');
  });

  test('a hold from the phone cannot be lifted from the bar: the refusal says so', async () => {
    r = await rig();
    const callId = await answeredInbound();
    const dev = r.peer.channels.find((c) => c.name.startsWith('PJSIP/7001-'))!;
    r.peer.sendEvent(channelEvent('Hold', dev));
    await shows('7001', callId, (c) => c?.state === 'held', 'held by the phone');
    expect((await refusal(r.control.execute(alice, { type: 'call.hold', callId, hold: false }))).code).toBe('not_held_here');
    expect(actions('Bridge')).toEqual([]);
  });

  test('consult transfer: both legs shown (the held caller, the colleague ringing then talking), Cancel goes back to the caller', async () => {
    r = await rig();
    const callId = await answeredInbound();
    expect((await refusal(r.control.execute(alice, { type: 'call.cancelTransfer', callId }))).code).toBe('not_consulting');
    await r.control.execute(alice, { type: 'call.attendedTransfer', callId, target: '7002' });
    await shows('7001', callId, (c) => c?.state === 'transferring' && c.consult?.target === '7002', 'consulting');
    expect(seen('7001', callId)?.consult).toEqual({ target: '7002', answered: false });
    await shows('7002', callId, (c) => c?.state === 'ringing', 'the colleague rings');
    r.peer.answer(callId, '7002');
    await shows('7001', callId, (c) => c?.consult?.answered === true, 'the colleague answered');
    await shows('7002', callId, (c) => c?.state === 'answered', 'the colleague talks');
    expect(seen('7001', callId)?.state).toBe('transferring');

    await r.control.execute(alice, { type: 'call.cancelTransfer', callId });
    expect(actions('CancelAtxfer')[0]!.toObject()).toMatchObject({ Channel: expect.stringMatching(/^PJSIP\/7001-/) });
    await shows('7001', callId, (c) => c?.state === 'answered' && c.consult === undefined, 'back with the caller');
    await until(() => !r.model.callsForExtension('7002').some((c) => c.id === callId), 3000, 'the colleague is out of the call');
    // The caller and Alice are still talking; nothing else is open.
    expect(r.peer.channels.map((c) => c.name.replace(/-[0-9a-f]+$/, '')).sort()).toEqual(['PJSIP/7001', 'PJSIP/trunk']);
  });

  test('consult transfer: Complete hands the caller to the colleague and the call ends for the agent', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(alice, { type: 'call.attendedTransfer', callId, target: '7002' });
    await shows('7002', callId, (c) => c?.state === 'ringing', 'the colleague rings');
    r.peer.answer(callId, '7002');
    await shows('7001', callId, (c) => c?.consult?.answered === true, 'the colleague answered');
    await r.control.execute(alice, { type: 'call.completeTransfer', callId });
    expect(actions('Hangup').at(-1)!.get('Channel')).toMatch(/^PJSIP\/7001-/);
    await until(() => !r.model.callsForExtension('7001').some((c) => c.id === callId), 3000, 'over for Alice');
    await shows('7002', callId, (c) => c?.state === 'answered', 'the colleague keeps the caller');
    expect(r.model.getCall(callId)).toMatchObject({ state: 'answered', answeredBy: '7002' });
  });

  test('Cancel falls back to hanging up the consulted leg where the PBX has no CancelAtxfer', async () => {
    r = await rig();
    r.peer.refuse.add('cancelatxfer');
    const callId = await answeredInbound();
    await r.control.execute(alice, { type: 'call.attendedTransfer', callId, target: '7002' });
    await shows('7001', callId, (c) => c?.state === 'transferring', 'consulting');
    await r.control.execute(alice, { type: 'call.cancelTransfer', callId });
    expect(actions('Hangup').at(-1)!.get('Channel')).toMatch(/^Local\/7002@from-internal-[0-9a-f]+;1$/);
    await shows('7001', callId, (c) => c?.state === 'answered', 'back with the caller');
  });

  test('the recorded Asterisk attended transfer: the consulting agent is shown whom they consult and when they answered', async () => {
    r = await rig();
    const flow = r.peer.recorded.start('attended-transfer');
    const step = () => r.peer.recorded.step(flow.id);
    const callId = flow.callId!;
    step(); // the colleague (7005 in the recording's role) answers
    await shows('7001', callId, (c) => c?.state === 'answered', 'answered');
    await r.control.execute(alice, { type: 'call.attendedTransfer', callId, target: '7002' });
    await shows('7001', callId, (c) => c?.state === 'transferring', 'consulting');
    expect(seen('7001', callId)?.consult).toEqual({ target: '7002', answered: false });
    step(); // the target answers
    await shows('7001', callId, (c) => c?.consult?.answered === true, 'target answered');
    await r.control.execute(alice, { type: 'call.completeTransfer', callId });
    await until(() => !r.model.callsForExtension('7001').some((c) => c.id === callId), 3000, 'over for the transferer');
    await shows('7002', callId, (c) => c?.state === 'answered', 'the target keeps the call');
  });
});
