import { CommandError } from '../../../bridge/src/calls/callControl';
import type { CallCommand } from '../../../bridge/src/protocol/messages';
import { until } from '../ami/support';
import { rig, type Rig } from './harness';

const agent7001 = { userId: 1, extension: '7001', permissions: ['dial'] };
const agent7002 = { userId: 2, extension: '7002', permissions: ['dial'] };
const agent7003 = { userId: 3, extension: '7003', permissions: ['dial'] };

async function refused(p: Promise<unknown>, code: string): Promise<CommandError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CommandError);
  expect((err as CommandError).code).toBe(code);
  expect((err as CommandError).message.length).toBeGreaterThan(5);
  return err as CommandError;
}

describe('CallControl against the test peer', () => {
  let r: Rig;
  afterEach(async () => {
    await r.stop();
  });

  const actionsNamed = (name: string) => r.peer.actions.filter((a) => a.get('action') === name);

  async function answeredInbound() {
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    r.peer.answer(callId);
    await until(() => r.model.getCall(callId)?.state === 'answered', 2000, 'answered');
    return callId;
  }

  test('click-to-call: async Originate of the agent device with a bridge-chosen ChannelId, tracked from the first event', async () => {
    r = await rig();
    const res = await r.control.execute(agent7001, { type: 'call.dial', number: '06 12 34 56 78' });
    const callId = res.callId!;
    const [orig] = actionsNamed('Originate');
    expect(orig!.toObject()).toMatchObject({
      Action: 'Originate',
      Channel: 'PJSIP/7001',
      Context: 'from-internal',
      Exten: '+33612345678',
      Priority: '1',
      Async: 'true',
      ChannelId: callId,
      CallerID: 'Bandeau <+33612345678>',
    });
    expect(orig!.get('OtherChannelId')).toBeTruthy();
    expect(orig!.actionId).toBe(`bandeau-originate-${callId}`);
    // The very first update for this call came before any PBX event, with the agent as concerned party.
    const first = r.updates.find((u) => u.call.id === callId)!;
    expect(first.call).toMatchObject({ state: 'ringing', direction: 'outbound', from: '7001', to: '+33612345678' });
    expect(first.exts).toEqual(['7001']);
    await until(() => r.model.getCall(callId)?.state === 'answered', 2000, 'answered');
    expect(r.model.getCall(callId)).toMatchObject({ answeredBy: '7001' });
    expect(r.model.liveCalls()).toHaveLength(1);
    await r.control.execute(agent7001, { type: 'call.hangup', callId });
    await until(() => r.records.length === 1);
    expect(r.records[0]).toMatchObject({ call_id: callId, linked_ids: [callId], direction: 'outbound', from: '7001', to: '+33612345678', disposition: 'answered', answered_by: '7001' });
    expect(actionsNamed('Hangup')[0]!.get('Channel')).toMatch(/^PJSIP\/7001-[0-9a-f]{8}$/);
  });

  test.each([
    ['agent-no-answer', 'missed'],
    ['agent-busy', 'busy'],
    ['congestion', 'failed'],
    ['fail', 'failed'],
  ] as const)('OriginateResponse outcome %s gives disposition %s', async (outcome, disposition) => {
    r = await rig({ peer: { originate: outcome } });
    const { callId } = await r.control.execute(agent7001, { type: 'call.dial', number: '+33612345678' });
    await until(() => r.records.length === 1, 2000, 'the call record');
    expect(r.records[0]).toMatchObject({ call_id: callId, disposition, answered_at: null });
    expect(r.model.liveCalls()).toEqual([]);
  });

  test('dial needs the dial permission; nothing reaches the PBX otherwise', async () => {
    r = await rig();
    await refused(r.control.execute({ userId: 9, extension: '7009', permissions: ['phone_bar'] }, { type: 'call.dial', number: '+33612345678' }), 'forbidden');
    expect(actionsNamed('Originate')).toEqual([]);
    expect(r.model.liveCalls()).toEqual([]);
  });

  test('PBX link down: dial refused at once, no call appears', async () => {
    r = await rig();
    await r.client.stop();
    await refused(r.control.execute(agent7001, { type: 'call.dial', number: '+33612345678' }), 'pbx_unavailable');
    expect(r.updates).toEqual([]);
    expect(r.records).toEqual([]);
  });

  test('PBX refuses the Originate: the agent gets the reason, the attempt ends as failed', async () => {
    r = await rig();
    r.peer.refuse.add('originate');
    const err = await refused(r.control.execute(agent7001, { type: 'call.dial', number: '+33612345678' }), 'pbx_refused');
    expect(err.message).toMatch(/Permission denied/);
    expect(r.records.map((x) => x.disposition)).toEqual(['failed']);
    expect(r.model.liveCalls()).toEqual([]);
  });

  test('an agent controls only its own line', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    await until(() => r.model.getCall(callId) !== undefined);
    for (const cmd of [
      { type: 'call.hangup', callId },
      { type: 'call.blindTransfer', callId, target: '7003' },
      { type: 'call.attendedTransfer', callId, target: '7003' },
      { type: 'call.hold', callId, hold: true },
      { type: 'call.dtmf', callId, digits: '1' },
    ] as CallCommand[]) {
      await refused(r.control.execute(agent7003, cmd), 'not_party');
    }
    await refused(r.control.execute(agent7003, { type: 'call.hangup', callId: 'no-such-call' }), 'not_found');
    expect(r.peer.actions.map((a) => a.get('action'))).toEqual(['Challenge', 'Login', 'CoreShowChannels']);
    // The ringing agent may hang up (reject) its own leg.
    await r.control.execute(agent7002, { type: 'call.hangup', callId });
    expect(actionsNamed('Hangup')[0]!.get('Channel')).toMatch(/^PJSIP\/7002-/);
    await until(() => r.records.length === 1);
  });

  test('blind transfer (BlindTransfer on the agent channel) to an internal extension', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(agent7002, { type: 'call.blindTransfer', callId, target: '7003' });
    const [bt] = actionsNamed('BlindTransfer');
    expect(bt!.toObject()).toMatchObject({ Channel: expect.stringMatching(/^PJSIP\/7002-/), Exten: '7003', Context: 'from-internal' });
    await until(() => r.model.getCall(callId)?.rung.includes('7003') === true, 2000, '7003 rung');
    // The target's phone rings with the caller's number; the call is over for the transferring agent.
    expect(r.model.callsForExtension('7003')).toEqual([expect.objectContaining({ id: callId, state: 'ringing', from: '+33612345678' })]);
    expect(r.model.callsForExtension('7002')).toEqual([]);
    expect(r.updates.filter((u) => u.exts.includes('7002')).pop()!.call).toMatchObject({ id: callId, state: 'ended', disposition: 'answered' });
  });

  test('blind transfer by Redirect of the far party, to an external number', async () => {
    r = await rig({ control: { blindTransferMethod: 'redirect', dialFormat: 'national' } });
    const callId = await answeredInbound();
    await r.control.execute(agent7002, { type: 'call.blindTransfer', callId, target: '+33 1 55 50 12 34' });
    expect(actionsNamed('Redirect')[0]!.toObject()).toMatchObject({ Channel: expect.stringMatching(/^PJSIP\/trunk-/), Exten: '0155501234', Context: 'from-internal', Priority: '1' });
  });

  test('attended transfer uses Atxfer on the agent channel', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(agent7002, { type: 'call.attendedTransfer', callId, target: '7003' });
    expect(actionsNamed('Atxfer')[0]!.toObject()).toMatchObject({ Channel: expect.stringMatching(/^PJSIP\/7002-/), Exten: '7003', Context: 'from-internal' });
  });

  test('hold by Redirect to music on hold, unhold by Bridge; hold by Park', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await refused(r.control.execute(agent7002, { type: 'call.hold', callId, hold: false }), 'not_connected');
    await r.control.execute(agent7002, { type: 'call.hold', callId, hold: true });
    expect(actionsNamed('Redirect')[0]!.toObject()).toMatchObject({
      Channel: expect.stringMatching(/^PJSIP\/trunk-/),
      Context: 'bandeau-hold',
      ExtraChannel: expect.stringMatching(/^PJSIP\/7002-/),
      ExtraContext: 'bandeau-hold-agent',
    });
    await r.control.execute(agent7002, { type: 'call.hold', callId, hold: false });
    expect(actionsNamed('Bridge')[0]!.toObject()).toMatchObject({ Channel1: expect.stringMatching(/^PJSIP\/7002-/), Channel2: expect.stringMatching(/^PJSIP\/trunk-/) });
    await r.stop();

    r = await rig({ control: { holdMethod: 'park', parkinglot: 'default' } });
    const c2 = await answeredInbound();
    await r.control.execute(agent7002, { type: 'call.hold', callId: c2, hold: true });
    expect(actionsNamed('Park')[0]!.toObject()).toMatchObject({ Channel: expect.stringMatching(/^PJSIP\/trunk-/), TimeoutChannel: expect.stringMatching(/^PJSIP\/7002-/), Parkinglot: 'default' });
    await refused(r.control.execute(agent7002, { type: 'call.hold', callId: c2, hold: false }), 'unsupported');
  });

  test('DTMF: one PlayDTMF per digit, sent to the far party', async () => {
    r = await rig();
    const callId = await answeredInbound();
    await r.control.execute(agent7002, { type: 'call.dtmf', callId, digits: '12#' });
    const d = actionsNamed('PlayDTMF');
    expect(d.map((a) => a.get('Digit'))).toEqual(['1', '2', '#']);
    expect(d.every((a) => /^PJSIP\/trunk-/.test(a.get('Channel') ?? ''))).toBe(true);
  });

  describe('click-to-call to a number with an extension', () => {
    test('the main number is dialled; the extension is played as DTMF to the far end once it answers, not before', async () => {
      r = await rig({ peer: { customerAnswers: false }, control: { extensionDelayMs: 0 } });
      const { callId } = await r.control.execute(agent7001, { type: 'call.dial', number: '+1 212-736-5000 ext. 12' });
      expect(actionsNamed('Originate')[0]!.toObject()).toMatchObject({ Exten: '+12127365000', CallerID: 'Bandeau <+12127365000>' });
      expect(r.control.extensions.waiting).toBe(1);
      // The agent's phone answered and the customer's rings: nothing to play to yet.
      await until(() => r.model.channelsOf(callId!).length === 2, 2000, 'customer ringing');
      await r.client.action({ Action: 'Ping' });
      expect(actionsNamed('PlayDTMF')).toEqual([]);
      r.peer.answer(callId!);
      await until(() => actionsNamed('PlayDTMF').length === 2, 2000, 'the extension as DTMF');
      const d = actionsNamed('PlayDTMF');
      expect(d.map((a) => a.get('Digit'))).toEqual(['1', '2']);
      expect(d.every((a) => /^PJSIP\/trunk-/.test(a.get('Channel') ?? ''))).toBe(true);
      expect(d[0]!.get('Duration')).toBe('100');
      expect(r.model.getCall(callId!)).toMatchObject({ state: 'answered', to: '+12127365000' });
      expect(r.control.extensions.waiting).toBe(0);
      // Played once: later updates of the call do not replay it.
      await r.control.execute(agent7001, { type: 'call.hold', callId: callId!, hold: true });
      await r.control.execute(agent7001, { type: 'call.hold', callId: callId!, hold: false });
      await r.client.action({ Action: 'Ping' });
      expect(actionsNamed('PlayDTMF')).toHaveLength(2);
    });

    test('French "poste" and "#": the configured pause comes between the answer and the first digit', async () => {
      r = await rig({ control: { extensionDelayMs: 300 } });
      const t0 = Date.now();
      const { callId } = await r.control.execute(agent7001, { type: 'call.dial', number: '01 23 45 67 89 poste 305' });
      expect(actionsNamed('Originate')[0]!.get('Exten')).toBe('+33123456789');
      await until(() => r.model.getCall(callId!)?.state === 'answered', 2000, 'answered');
      const answered = Date.now();
      await until(() => actionsNamed('PlayDTMF').length === 3, 3000, 'the extension as DTMF');
      expect(Date.now() - answered).toBeGreaterThanOrEqual(250);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      expect(actionsNamed('PlayDTMF').map((a) => a.get('Digit'))).toEqual(['3', '0', '5']);
      await r.stop();

      r = await rig({ control: { extensionDelayMs: 0 } });
      await r.control.execute(agent7001, { type: 'call.dial', number: '+33 1 23 45 67 89 #45' });
      await until(() => actionsNamed('PlayDTMF').length === 2, 2000, 'the extension as DTMF');
      expect(actionsNamed('PlayDTMF').map((a) => a.get('Digit'))).toEqual(['4', '5']);
    });

    test('a call that ends before the far end answers plays nothing and keeps nothing', async () => {
      r = await rig({ peer: { customerAnswers: false }, control: { extensionDelayMs: 0 } });
      const { callId } = await r.control.execute(agent7001, { type: 'call.dial', number: '+1 212-736-5000 x12' });
      await until(() => r.model.channelsOf(callId!).length === 2, 2000, 'customer ringing');
      await r.control.execute(agent7001, { type: 'call.hangup', callId: callId! });
      await until(() => r.records.length === 1, 2000, 'the call record');
      expect(r.control.extensions.waiting).toBe(0);
      await r.client.action({ Action: 'Ping' });
      expect(actionsNamed('PlayDTMF')).toEqual([]);
    });

    test('the agent hanging up during the pause stops the extension', async () => {
      r = await rig({ control: { extensionDelayMs: 1500 } });
      const { callId } = await r.control.execute(agent7001, { type: 'call.dial', number: '+1 212-736-5000 ext. 12' });
      await until(() => r.model.getCall(callId!)?.state === 'answered', 2000, 'answered');
      const answered = Date.now();
      await r.control.execute(agent7001, { type: 'call.hangup', callId: callId! });
      await until(() => r.records.length === 1, 2000, 'the call record');
      expect(Date.now() - answered).toBeLessThan(1500);
      await new Promise((res) => setTimeout(res, 1700 - (Date.now() - answered)));
      await r.client.action({ Action: 'Ping' });
      expect(actionsNamed('PlayDTMF')).toEqual([]);
    });

    test('a refused Originate forgets the extension', async () => {
      r = await rig();
      r.peer.refuse.add('originate');
      await refused(r.control.execute(agent7001, { type: 'call.dial', number: '+1 212-736-5000 ext. 12' }), 'pbx_refused');
      expect(r.control.extensions.waiting).toBe(0);
    });

    test('only a short run of digits is ever accepted for playing, whoever asks', async () => {
      r = await rig();
      for (const bad of ['', '1\r\nAction: Originate', '12#', '1 2', '9'.repeat(17), '١٢']) {
        expect(() => r.control.extensions.expect('some-call', '7001', bad)).toThrow(RangeError);
      }
      expect(r.control.extensions.waiting).toBe(0);
    });

    test('transfers to a number with an extension are refused (nobody would be left to dial it)', async () => {
      r = await rig();
      const callId = await answeredInbound();
      const err = await refused(r.control.execute(agent7002, { type: 'call.blindTransfer', callId, target: '+1 212-736-5000 ext. 12' }), 'invalid_target');
      expect(err.message).toMatch(/extension/);
      expect(actionsNamed('BlindTransfer')).toEqual([]);
    });
  });

  test('commands on a call that is not connected yet are refused clearly', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    await until(() => r.model.getCall(callId) !== undefined);
    await refused(r.control.execute(agent7002, { type: 'call.dtmf', callId, digits: '1' }), 'not_connected');
    await refused(r.control.execute(agent7002, { type: 'call.blindTransfer', callId, target: '7003' }), 'not_connected');
  });

  describe('hostile input never reaches the AMI wire', () => {
    const INJECT = '\r\nAction: Originate\r\nChannel: PJSIP/6666\r\nExten: 0899999999\r\n\r\n';
    const hostileNumbers = [
      `0612345678${INJECT}`,
      '0612345678\nAction: Hangup',
      '0612345678\r',
      '06123\u000045678',
      '0612345678;ext=1',
      `+1 212-736-5000 ext. 12${INJECT}`,
      '+1 212-736-5000 ext. 12\r\n',
      '+1 212-736-5000 ext. 1;2',
      '+1 212-736-5000 ext. 12 Action',
      '+1 212-736-5000 ext. 1*2',
      `+1 212-736-5000 ext. ${'9'.repeat(17)}`,
      '+1 212-736-5000 ext.',
      '+1 212-736-5000 ext. ext. 12',
      '06;12345678',
      '1-800-FLOWERS',
      '06 12 34 56 7a',
      'tel:0612345678',
      '+33 6 12 34 56 78 99 99 99 99 99 99 99 99',
      '0'.repeat(200),
      '+33612345678\u2028',
      '',
      '   ',
      '1',
    ];

    test.each(hostileNumbers.map((n) => [JSON.stringify(n).slice(0, 40), n]))('dial %s is refused', async (_label, number) => {
      r = await rig();
      const before = r.peer.received;
      await refused(r.control.execute(agent7001, { type: 'call.dial', number }), 'invalid_number');
      await r.client.action({ Action: 'Ping' });
      expect(r.peer.received.slice(before.length)).not.toMatch(/Originate|6666|0899999999/);
      expect(actionsNamed('Originate')).toEqual([]);
    });

    test('every command field with CR/LF or junk is refused and nothing is written', async () => {
      r = await rig();
      const callId = await answeredInbound();
      const before = r.peer.received.length;
      const cases: Array<[CallCommand, string]> = [
        [{ type: 'call.blindTransfer', callId, target: `7003${INJECT}` }, 'invalid_target'],
        [{ type: 'call.blindTransfer', callId, target: '7003;x' }, 'invalid_target'],
        [{ type: 'call.blindTransfer', callId, target: 'abc' }, 'invalid_target'],
        [{ type: 'call.attendedTransfer', callId, target: `+33155501234${INJECT}` }, 'invalid_target'],
        [{ type: 'call.attendedTransfer', callId, target: '7'.repeat(40) }, 'invalid_target'],
        [{ type: 'call.dtmf', callId, digits: `1${INJECT}` }, 'invalid_digits'],
        [{ type: 'call.dtmf', callId, digits: '1\r\n' }, 'invalid_digits'],
        [{ type: 'call.dtmf', callId, digits: '' }, 'invalid_digits'],
        [{ type: 'call.hangup', callId: `${callId}${INJECT}` }, 'invalid_command'],
        [{ type: 'call.hangup', callId: `${callId}\r\n` }, 'invalid_command'],
        [{ type: 'call.hold', callId: `${callId}\n`, hold: true }, 'invalid_command'],
        [{ type: 'call.hold', callId, hold: 'yes\r\nAction: Originate' as unknown as boolean }, 'invalid_command'],
        [{ type: 'call.dial\r\nAction: Originate' } as unknown as CallCommand, 'invalid_command'],
        [{ type: 'call.dial', number: 612345678 as unknown as string }, 'invalid_number'],
      ];
      for (const [cmd, code] of cases) await refused(r.control.execute(agent7002, cmd), code);
      // The agent identity itself is checked too (it becomes part of a Channel value).
      await refused(r.control.execute({ userId: 1, extension: '7001\r\nAction: Originate', permissions: ['dial'] }, { type: 'call.dial', number: '+33612345678' }), 'invalid_agent');
      await refused(r.control.execute({ userId: 1, extension: '7001/x', permissions: ['dial'] }, { type: 'call.dial', number: '+33612345678' }), 'invalid_agent');
      await r.client.action({ Action: 'Ping' });
      const wire = r.peer.received.slice(before);
      expect(wire).toMatch(/^Action: Ping\r\nActionID: [^\r\n]+\r\n\r\n$/);
    });
  });
});
