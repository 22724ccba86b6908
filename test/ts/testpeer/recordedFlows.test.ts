import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { AmiTestPeer, defaultCapturesDir, RecordingUnavailableError, SCENARIOS } from '../../../bridge/src/testpeer';
import { rig, type Rig } from '../calls/harness';
import { until } from '../ami/support';

/**
 * The test peer playing real Asterisk 22 streams (../shared/asterisk/captures): step by step,
 * at the recorded pace, and when the bridge sends the action the recording answered.
 */
const CAPTURES = defaultCapturesDir();
const CUSTOMER = { number: '+33612345678', name: 'Camille Durand' };

describe('recorded call flows played by the AMI test peer', () => {
  let r: Rig;
  let events: AmiMessage[];
  beforeEach(async () => {
    r = await rig();
    events = [];
    r.client.on('event', (m) => events.push(m));
  });
  afterEach(() => r.stop());

  test('the captures are where the tests read them from', () => {
    expect(r.peer.recorded.unavailable()).toBeNull();
    expect(CAPTURES).toBe(path.resolve(__dirname, '../../../../shared/asterisk/captures'));
  });

  test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: every step plays, the call ends as recorded and nothing stays open', async (_name, spec) => {
    const flow = r.peer.recorded.start(spec.name, spec.caller ? { caller: CUSTOMER } : {});
    expect(flow.callId).toBeTruthy();
    while (flow.next) r.peer.recorded.step(flow.id);
    expect(flow.status).toBe('done');
    await until(() => r.records.length > 0 && r.model.liveCalls().length === 0, 3000, `${spec.name} to end`);
    const record = r.records.find((x) => x.call_id === flow.callId) ?? r.records[0]!;
    expect(record.disposition).toBe(spec.outcome.disposition);
    if (spec.outcome.answeredBy) expect(record.answered_by).toBe(flow.agents[spec.outcome.answeredBy]);
    if (spec.caller) expect(record).toMatchObject({ direction: 'inbound', from: CUSTOMER.number });
    // The PBX has nothing left: the peer's table and its CoreShowChannels agree.
    expect(r.peer.channels).toEqual([]);
    const shown = await r.client.action({ Action: 'CoreShowChannels' });
    expect(shown.events).toEqual([]);
  });

  test('ids, channel names, bridges and clocks are new on every run; caller and extensions are the ones asked for', async () => {
    const a = r.peer.recorded.start('queue-answered', { caller: CUSTOMER });
    const firstRun = events.length;
    const b = r.peer.recorded.start('queue-answered', { caller: { number: '+4930901820', name: 'Jonas Weber' }, agents: { answerer: '7002', member: '7001' } });
    await until(() => events.some((e, i) => i >= firstRun && e.get('Linkedid') === b.callId), 2000, 'second run');
    expect(a.callId).not.toBe(b.callId);
    const runA = events.filter((e) => e.get('Linkedid') === a.callId);
    const runB = events.filter((e) => e.get('Linkedid') === b.callId);
    const names = (run: AmiMessage[]) => new Set(run.map((e) => e.get('Channel')).filter(Boolean));
    for (const n of names(runA)) expect(names(runB).has(n)).toBe(false);
    const text = events.map((e) => e.headers.map(([k, v]) => `${k}: ${v}`).join('\n')).join('\n');
    // Nothing of the recording's identities leaks: ids, channel suffixes, caller.
    expect(text).not.toContain('1796049326.0');
    expect(text).not.toContain('trunk-00000000');
    expect(text).not.toContain('0612345678');
    expect(text).not.toContain('Client Dupont');
    expect(runA.find((e) => e.event === 'Newchannel')!.toObject()).toMatchObject({ CallerIDNum: '+33612345678', CallerIDName: 'Camille Durand' });
    expect(runB.find((e) => e.event === 'Newchannel')!.toObject()).toMatchObject({ CallerIDNum: '+4930901820', CallerIDName: 'Jonas Weber' });
    // Agents as asked: in run A 7001 is called "Alice Martin"; the member names follow their extensions.
    const calledA = runA.filter((e) => e.event === 'AgentCalled').map((e) => `${e.get('MemberName')} ${e.get('Interface')}`);
    expect(calledA.sort()).toEqual(['Alice Martin Local/7001@from-queue/n', 'Bruno Petit Local/7002@from-queue/n']);
    // The stream's own clocks read now, not the recording day.
    const tv = events.map((e) => e.get('EventTV')).find(Boolean);
    if (tv) expect(Math.abs(Date.parse(tv.replace('+0000', 'Z')) - Date.now())).toBeLessThan(120_000);
    r.peer.hangupAll();
    await until(() => r.model.liveCalls().length === 0, 2000, 'all ended');
  });

  test('CoreShowChannels tells the truth in the middle of a flow', async () => {
    const flow = r.peer.recorded.start('queue-answered', { caller: CUSTOMER });
    const shown = await r.client.action({ Action: 'CoreShowChannels' });
    const listed = shown.events.map((e) => e.get('Channel')!).sort();
    expect(listed).toEqual(r.peer.channels.map((c) => c.name).sort());
    // Ringing the queue: the caller, two Local pairs and both agents' phones.
    expect(listed.filter((n) => n.startsWith('Local/'))).toHaveLength(4);
    expect(listed.filter((n) => /^PJSIP\/700[12]-/.test(n))).toHaveLength(2);
    expect(listed.filter((n) => n.startsWith('PJSIP/trunk-'))).toHaveLength(1);
    r.peer.recorded.step(flow.id);
    const after = await r.client.action({ Action: 'CoreShowChannels' });
    // Answered by 7001: 7002's phone and its Local pair are gone, the rest is bridged.
    expect(after.events.map((e) => e.get('Channel')!).filter((n) => n.startsWith('PJSIP/7002-'))).toEqual([]);
    expect(after.events.filter((e) => e.get('Channel')!.startsWith('PJSIP/7001-'))[0]!.get('BridgeId')).not.toBe('');
    r.peer.hangupAll();
  });

  test('the bridge\'s BlindTransfer is answered as Asterisk answered it, and the transfer plays', async () => {
    const flow = r.peer.recorded.start('blind-transfer');
    r.peer.recorded.step(flow.id); // 7005 answers
    await until(() => r.model.agentChannel(flow.callId!, '7001')?.bridgeId !== undefined, 2000, 'bridged');
    await r.control.execute({ userId: 1, extension: '7001', permissions: [] }, { type: 'call.blindTransfer', callId: flow.callId!, target: '7002' });
    const sent = r.peer.actions.filter((a) => a.get('Action') === 'BlindTransfer');
    expect(sent).toHaveLength(1);
    expect(flow.describe().phases.find((p) => p.name === 'transfer')).toMatchObject({ played: true, by: 'action' });
    await until(() => events.some((e) => e.event === 'BlindTransfer'), 2000, 'BlindTransfer event');
    expect(events.find((e) => e.event === 'BlindTransfer')!.toObject()).toMatchObject({ Result: 'Success', Extension: '7002' });
    // The target's phone rings; the transferring agent's channel is gone.
    await until(() => r.peer.channels.some((c) => c.name.startsWith('PJSIP/7002-') && c.state === 5), 2000, 'target ringing');
    expect(r.peer.channels.some((c) => c.name.startsWith('PJSIP/7001-'))).toBe(false);
    while (flow.next) r.peer.recorded.step(flow.id);
    await until(() => r.model.liveCalls().length === 0, 2000, 'ended');
    expect(r.peer.channels).toEqual([]);
  });

  test('the recorded answer carries the client\'s ActionID; an action the recording cannot answer is refused and says why', async () => {
    const flow = r.peer.recorded.start('blind-transfer');
    r.peer.recorded.step(flow.id);
    const mine = r.peer.channels.find((c) => c.name.startsWith('PJSIP/7001-'))!.name;
    const wrong = await r.client.action({ Action: 'BlindTransfer', Channel: mine, Context: 'from-internal', Exten: '7004' }).then(
      () => null,
      (e: { response?: AmiMessage }) => e.response,
    );
    expect(wrong?.get('Message')).toMatch(/only has this BlindTransfer with Exten 7002/);
    const hold = await r.client.action({ Action: 'Redirect', Channel: mine, Context: 'bandeau-hold', Exten: 's', Priority: 1 }).then(
      () => null,
      (e: { response?: AmiMessage }) => e.response,
    );
    expect(hold?.get('Message')).toMatch(/Redirect is not part of the recorded flow blind-transfer; next recorded step: 7001 transfers to 7002/);
    const ok = await r.client.action({ Action: 'BlindTransfer', Channel: mine, Context: 'from-internal', Exten: '7002' }, { actionId: 'mine-42' });
    expect(ok.response.toObject()).toMatchObject({ Response: 'Success', ActionID: 'mine-42', Message: 'Transfer succeeded' });
    r.peer.hangupAll();
    await until(() => r.model.liveCalls().length === 0 && r.peer.channels.length === 0, 2000, 'cleared');
  });

  test('attended transfer: Atxfer, then the transferring agent\'s hang-up completes it, both from the bridge', async () => {
    const flow = r.peer.recorded.start('attended-transfer');
    r.peer.recorded.step(flow.id);
    await until(() => r.model.agentChannel(flow.callId!, '7001')?.bridgeId !== undefined, 2000, 'bridged');
    const alice = { userId: 1, extension: '7001', permissions: [] };
    await r.control.execute(alice, { type: 'call.attendedTransfer', callId: flow.callId!, target: '7002' });
    expect(flow.next?.name).toBe('target-answers');
    r.peer.recorded.step(flow.id);
    await until(() => r.peer.channels.some((c) => c.name.startsWith('PJSIP/7002-') && c.state === 6), 2000, 'target answered');
    await r.control.execute(alice, { type: 'call.hangup', callId: flow.callId! });
    expect(flow.describe().phases.find((p) => p.name === 'complete')).toMatchObject({ played: true, by: 'action' });
    await until(() => events.some((e) => e.event === 'AttendedTransfer'), 2000, 'AttendedTransfer');
    expect(r.peer.channels.some((c) => c.name.startsWith('PJSIP/7001-'))).toBe(false);
    r.peer.recorded.step(flow.id);
    await until(() => r.model.liveCalls().length === 0, 2000, 'ended');
    expect(r.records.find((x) => x.call_id === flow.callId)).toMatchObject({ disposition: 'answered' });
  });

  test('a hang-up the recording does not have ends the flow: every channel hung up, the call recorded', async () => {
    const flow = r.peer.recorded.start('queue-answered', { caller: CUSTOMER });
    r.peer.recorded.step(flow.id);
    await until(() => r.model.agentChannel(flow.callId!, '7001')?.bridgeId !== undefined, 2000, 'bridged');
    await r.control.execute({ userId: 1, extension: '7001', permissions: [] }, { type: 'call.hangup', callId: flow.callId! });
    expect(flow.status).toBe('aborted');
    await until(() => r.model.liveCalls().length === 0, 2000, 'ended');
    expect(r.peer.channels).toEqual([]);
    expect(r.records[0]).toMatchObject({ call_id: flow.callId, disposition: 'answered', answered_by: '7001' });
  });

  test('plays at the recorded pace, compressed', async () => {
    const spec = SCENARIOS.find((s) => s.name === 'hold')!;
    const recorded = spec.phases.reduce((t, p) => t + p.afterMs, 0);
    const flow = r.peer.recorded.start('hold');
    const t0 = Date.now();
    await r.peer.recorded.run(flow.id, 100);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(recorded / 100 - 20);
    expect(took).toBeLessThan(recorded / 100 + 2000);
    expect(flow.status).toBe('done');
    await until(() => r.model.liveCalls().length === 0, 2000, 'ended');
    // Held, then resumed, in that order, on the recording's channels.
    const holdEvents = events.filter((e) => e.event === 'Hold' || e.event === 'Unhold').map((e) => e.event);
    expect(holdEvents).toEqual(['Hold', 'Unhold']);
  });

  test('bad options are refused with a clear error', () => {
    expect(() => r.peer.recorded.start('nope')).toThrow(/no recorded scenario "nope" \(known: queue-answered/);
    expect(() => r.peer.recorded.start('queue-answered', { caller: { number: '06\r\nAction: Originate' } })).toThrow(/caller number must be a phone number/);
    expect(() => r.peer.recorded.start('queue-answered', { agents: { answerer: '7002' } })).toThrow(/each role needs its own extension/);
    expect(() => r.peer.recorded.start('queue-answered', { agents: { boss: '7003' } })).toThrow(/has no role "boss"/);
    expect(r.peer.channels).toEqual([]);
  });
});

describe('recorded call flows without the captures', () => {
  test('say where they looked and how to point elsewhere', async () => {
    const empty = path.join(mkdtempSync(path.join(tmpdir(), 'bandeau-nocap-')), 'captures');
    const peer = new AmiTestPeer({ capturesDir: empty });
    expect(peer.recorded.unavailable()).toContain(`${empty} does not exist (set BANDEAU_ASTERISK_CAPTURES`);
    expect(() => peer.recorded.start('queue-answered')).toThrow(RecordingUnavailableError);
    expect(() => peer.recorded.start('queue-answered')).toThrow(/recorded Asterisk streams unavailable/);
  });
});
