import { CommandError } from '../../../bridge/src/calls/callControl';
import { until } from '../ami/support';
import { rig, type Rig } from './harness';

const alice = { userId: 1, extension: '7001', permissions: ['dial'] };
const INJECT = '\r\nAction: Originate\r\nChannel: PJSIP/6666\r\nExten: 0899999999\r\n';

async function refusal(p: Promise<unknown>): Promise<CommandError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CommandError);
  return err as CommandError;
}

describe('dial anything an agent dials (issue 13): extensions and feature codes, validated by the bridge', () => {
  let r: Rig;
  afterEach(async () => {
    await r.stop();
  });
  const originates = () => r.peer.actions.filter((a) => a.get('action') === 'Originate');

  test("a colleague's extension is dialled as typed in the dial context, as an internal call", async () => {
    r = await rig({ peer: { customerAnswers: false } });
    const { callId } = await r.control.execute(alice, { type: 'call.dial', number: ' 7002 ' });
    expect(originates()[0]!.toObject()).toMatchObject({ Channel: 'PJSIP/7001', Context: 'from-internal', Exten: '7002', CallerID: 'Bandeau <7002>' });
    await until(() => r.model.getCall(callId!)?.rung.includes('7002') === true, 2000, "Bruno's phone rings");
    expect(r.model.getCall(callId!)).toMatchObject({ direction: 'internal', from: '7001', to: '7002' });
    expect(r.updates.some((u) => u.call.id === callId && u.exts.includes('7002'))).toBe(true);
  });

  test('a feature code the configuration allows is dialled; one it does not is refused with a reason', async () => {
    r = await rig();
    await r.control.execute(alice, { type: 'call.dial', number: '*97' });
    expect(originates()[0]!.get('exten')).toBe('*97');
    const err = await refusal(r.control.execute(alice, { type: 'call.dial', number: '*9' }));
    expect(err).toMatchObject({ code: 'invalid_number', reason: 'feature_code' });
    const none = await refusal(r.control.execute(alice, { type: 'call.dial', number: '1' }));
    expect(none).toMatchObject({ code: 'invalid_number', reason: 'not_extension' });
    const own = await refusal(r.control.execute(alice, { type: 'call.dial', number: '7001' }));
    expect(own).toMatchObject({ code: 'invalid_number', reason: 'own_extension' });
    expect(originates()).toHaveLength(1);
  });

  test("Magento's rules in the token take the place of the bridge's", async () => {
    r = await rig({ control: { featureCodePattern: '' } });
    const strict = { ...alice, dial: { extensionPattern: '^7[0-9]{3}$', featureCodePattern: '\\*97' } };
    expect((await refusal(r.control.execute(strict, { type: 'call.dial', number: '12' }))).reason).toBe('not_extension');
    await r.control.execute(strict, { type: 'call.dial', number: '*97' });
    await r.control.execute(strict, { type: 'call.dial', number: '7003' });
    expect(originates().map((a) => a.get('exten'))).toEqual(['*97', '7003']);
    // Without them, the bridge's config: feature codes are off here.
    expect((await refusal(r.control.execute(alice, { type: 'call.dial', number: '*97' }))).reason).toBe('feature_code');
  });

  test('patterns that allow anything still let nothing but digits, * and # reach the PBX', async () => {
    r = await rig();
    const reckless = { ...alice, dial: { extensionPattern: '[\\s\\S]*', featureCodePattern: '.*' } };
    const before = r.peer.received.length;
    for (const number of [`7002${INJECT}`, '7002\r\n', '7002,1', 'PJSIP/7003', '7002@bandeau-hold', '${EXTEN}', 's', '7'.repeat(17), '*97\nAction: Logoff']) {
      const err = await refusal(r.control.execute(reckless, { type: 'call.dial', number }));
      expect(err.code).toBe('invalid_number');
    }
    await r.client.action({ Action: 'Ping' });
    expect(r.peer.received.slice(before)).toMatch(/^Action: Ping\r\nActionID: [^\r\n]+\r\n\r\n$/);
  });

  test('transfers go to extensions and allowed feature codes (a voicemail box), never to anything else', async () => {
    r = await rig();
    const callId = r.peer.ringInbound({ from: '+33612345678', toExtension: '7001' });
    r.peer.answer(callId);
    await until(() => r.model.getCall(callId)?.state === 'answered', 2000, 'answered');
    const err = await refusal(r.control.execute(alice, { type: 'call.blindTransfer', callId, target: `*70${INJECT}` }));
    expect(err).toMatchObject({ code: 'invalid_target' });
    expect((await refusal(r.control.execute(alice, { type: 'call.attendedTransfer', callId, target: '*1' }))).reason).toBe('feature_code');
    expect(r.peer.actions.filter((a) => /transfer|atxfer/i.test(a.get('action') ?? ''))).toEqual([]);
    await r.control.execute(alice, { type: 'call.blindTransfer', callId, target: '*7002' });
    const transfer = r.peer.actions.find((a) => a.get('action') === 'BlindTransfer');
    expect(transfer?.toObject()).toMatchObject({ Exten: '*7002', Context: 'from-internal' });
  });
});
