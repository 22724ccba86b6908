import { CallModel } from '../../../bridge/src/calls/model';
import { CALL_RECORD_KEYS, type CallRecord } from '../../../bridge/src/calls/record';
import { CallModelConfig } from '../../../bridge/src/calls/config';
import type { Call } from '../../../bridge/src/protocol/messages';
import { ev } from '../ami/support';
import { Script, iso } from './script';

function setup(config = {}) {
  const model = new CallModel(config, { now: () => 0 });
  const records: CallRecord[] = [];
  const updates: Array<{ call: Call; exts: string[] }> = [];
  const removed: string[] = [];
  model.on('ended', (r) => records.push(r));
  model.on('update', (call, exts) => updates.push({ call, exts }));
  model.on('removed', (id) => removed.push(id));
  return { model, records, updates, removed, s: new Script(model) };
}

describe('call model', () => {
  test('inbound call from a trunk, answered by 7002', () => {
    const { s, records, updates } = setup();
    const trunk = s.chan('PJSIP/ovh-0000001a', { callerNum: '+33612345678', context: 'from-pstn', exten: '0155501234' });
    const dev = s.at(1).chan('PJSIP/7002-0000001b', { linkedid: trunk.uniqueid, state: 0, callerNum: '7002', exten: '7002' });
    s.dial(trunk, dev);
    s.state(dev, 5);
    const ringing = updates[updates.length - 1]!;
    expect(ringing.call).toMatchObject({ id: trunk.uniqueid, direction: 'inbound', state: 'ringing', from: '+33612345678', to: '0155501234', rung: ['7002'] });
    expect(ringing.exts).toEqual(['7002']);
    s.at(5).state(dev, 6);
    s.dialEnd(trunk, dev, 'ANSWER');
    s.state(trunk, 6);
    s.bridge('b1', dev, trunk);
    expect(updates[updates.length - 1]!.call).toMatchObject({ state: 'answered', answeredBy: '7002', answeredAt: iso(5) });
    s.at(65).hangup(trunk);
    expect(records).toHaveLength(0);
    s.hangup(dev);
    expect(records).toEqual([
      {
        call_id: trunk.uniqueid,
        linked_ids: [trunk.uniqueid],
        direction: 'inbound',
        from: '+33612345678',
        to: '0155501234',
        rung: ['7002'],
        answered_by: '7002',
        disposition: 'answered',
        started_at: iso(0),
        answered_at: iso(5),
        ended_at: iso(65),
        duration_s: 65,
        talk_s: 60,
        transferred_to: null,
        queue: null,
        queue_position: null,
        abandon_position: null,
        wait_s: null,
      },
    ]);
    expect(Object.keys(records[0]!)).toEqual([...CALL_RECORD_KEYS]);
    expect(updates[updates.length - 1]!.call.state).toBe('ended');
  });

  function ringing() {
    const t = setup();
    const trunk = t.s.chan('PJSIP/ovh-00000001', { callerNum: '0612345678', context: 'from-pstn', exten: '0155501234' });
    const dev = t.s.chan('PJSIP/7002-00000002', { linkedid: trunk.uniqueid, state: 0 });
    t.s.dial(trunk, dev);
    t.s.state(dev, 5);
    return { ...t, trunk, dev };
  }

  test('the caller hangs up while it rings: missed for the rung agent (abandoned is a queue word)', () => {
    const { s, records, trunk, dev } = ringing();
    s.at(8).dialEnd(trunk, dev, 'CANCEL');
    s.hangup(dev);
    s.hangup(trunk);
    expect(records[0]).toMatchObject({ disposition: 'missed', answered_by: null, rung: ['7002'], talk_s: 0, duration_s: 8 });
  });

  test('nobody answers, the PBX gives up: missed', () => {
    const { s, records, trunk, dev } = ringing();
    s.dialEnd(trunk, dev, 'NOANSWER');
    s.hangup(dev, 19);
    s.hangup(trunk);
    expect(records[0]!.disposition).toBe('missed');
  });

  test('busy extension: busy', () => {
    const { s, records, trunk, dev } = ringing();
    s.dialEnd(trunk, dev, 'BUSY');
    s.hangup(dev, 17);
    s.hangup(trunk, 17);
    expect(records[0]!.disposition).toBe('busy');
  });

  test('voicemail: the caller channel goes Up in VoiceMail, which is not an answer', () => {
    const { s, records, updates, trunk, dev } = ringing();
    s.dialEnd(trunk, dev, 'NOANSWER');
    s.hangup(dev, 19);
    s.event('Newexten', { ...trunk, context: 'macro-vm' }, [['Application', 'VoiceMail'], ['AppData', '7002@default']]);
    s.state(trunk, 6);
    expect(updates[updates.length - 1]!.call.state).toBe('ringing');
    s.at(30).hangup(trunk);
    expect(records[0]).toMatchObject({ disposition: 'voicemail', answered_by: null, answered_at: null });
  });

  test('IVR: Up with no agent in the bridge is not an answer', () => {
    const { s, records } = setup();
    const trunk = s.chan('PJSIP/ovh-00000003', { callerNum: '0612345678', context: 'from-pstn', exten: '0155501234' });
    s.state(trunk, 6);
    s.event('Newexten', trunk, [['Application', 'Playback'], ['AppData', 'welcome']]);
    const ann = s.chan('Announcer/ARI_MOH-00000004', { linkedid: trunk.uniqueid });
    s.bridge('ivr', trunk, ann);
    s.hangup(ann);
    s.hangup(trunk);
    expect(records[0]).toMatchObject({ disposition: 'abandoned', answered_at: null, answered_by: null, direction: 'inbound' });
  });

  test('duplicate DialEnd is tolerated', () => {
    const { s, records, trunk, dev } = ringing();
    s.dialEnd(trunk, dev, 'ANSWER');
    s.dialEnd(trunk, dev, 'ANSWER');
    s.state(dev, 6);
    s.bridge('b', trunk, dev);
    s.dialEnd(trunk, dev, 'ANSWER');
    s.hangup(dev);
    s.hangup(trunk);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ disposition: 'answered', answered_by: '7002', rung: ['7002'] });
  });

  test('queue through Local channel pairs: the agent is the device on the far side', () => {
    const { s, records, updates } = setup();
    const trunk = s.chan('PJSIP/ovh-00000010', { callerNum: '+442079460958', context: 'from-pstn', exten: '0155501234' });
    s.state(trunk, 6);
    const l1 = s.chan('Local/7006@from-queue-00000011;1', { linkedid: trunk.uniqueid, state: 0 });
    const l2 = s.chan('Local/7006@from-queue-00000011;2', { linkedid: trunk.uniqueid });
    s.send([
      ['Event', 'AgentCalled'],
      ['Channel', trunk.name],
      ['Uniqueid', trunk.uniqueid],
      ['Linkedid', trunk.uniqueid],
      ['DestChannel', l1.name],
      ['DestUniqueid', l1.uniqueid],
      ['DestLinkedid', trunk.uniqueid],
      ['Interface', 'Local/7006@from-queue/n'],
      ['Queue', 'support'],
    ]);
    const dev = s.chan('PJSIP/7006-00000012', { linkedid: trunk.uniqueid, state: 0 });
    s.dial(l2, dev);
    expect(updates[updates.length - 1]!.call.rung).toEqual(['7006']);
    s.at(4).state(dev, 6);
    s.dialEnd(l2, dev, 'ANSWER');
    s.dialEnd(l2, dev, 'ANSWER'); // queues may send two
    s.bridge('b-agent', dev, l2);
    // The agent picked up: talking for them, though the queue has not joined the caller yet.
    expect(updates[updates.length - 1]!.call).toMatchObject({ state: 'answered', answeredAt: null });
    s.bridge('b-caller', trunk, l1);
    expect(updates[updates.length - 1]!.call).toMatchObject({ state: 'answered', answeredBy: '7006' });
    for (const ch of [dev, l2, l1, trunk]) s.at(20).hangup(ch);
    expect(records[0]).toMatchObject({ disposition: 'answered', answered_by: '7006', rung: ['7006'], talk_s: 16, direction: 'inbound', from: '+442079460958' });
  });

  test('Linkedid change merges the emptied call into the call owning the new Linkedid', () => {
    const { s, records, removed, model } = setup();
    const a = s.chan('PJSIP/ovh-00000020', { callerNum: '0612345678', context: 'from-pstn', exten: '100' });
    const b = s.chan('PJSIP/7003-00000021', { exten: '7003', callerNum: '7003' });
    expect(model.liveCalls()).toHaveLength(2);
    s.relink(b, a.uniqueid);
    expect(removed).toEqual([b.uniqueid]);
    expect(model.liveCalls()).toHaveLength(1);
    s.bridge('x', a, b);
    s.hangup(a);
    s.hangup(b);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ call_id: a.uniqueid, linked_ids: [a.uniqueid, b.uniqueid], answered_by: '7003', disposition: 'answered' });
  });

  test('Linkedid change of one channel of a call that goes on: both calls survive', () => {
    const { s, model, removed } = setup();
    const a = s.chan('PJSIP/7001-00000030', { exten: '7002', callerNum: '7001' });
    const b = s.chan('PJSIP/ovh-00000031', { context: 'from-pstn', callerNum: '0611111111', exten: '100' });
    const c = s.chan('PJSIP/7002-00000032', { linkedid: b.uniqueid });
    s.relink(c, a.uniqueid);
    expect(removed).toEqual([]);
    expect(model.channelsOf(a.uniqueid).map((x) => x.name).sort()).toEqual([a.name, c.name]);
    expect(model.channelsOf(b.uniqueid).map((x) => x.name)).toEqual([b.name]);
  });

  test('hold and unhold (Hold events, and MusicOnHold once answered)', () => {
    const { s, updates, trunk, dev } = ringing();
    s.event('MusicOnHoldStart', trunk, [['Class', 'default']]); // queue music before answer: not hold
    expect(updates[updates.length - 1]!.call.state).toBe('ringing');
    s.event('MusicOnHoldStop', trunk);
    s.state(dev, 6);
    s.bridge('b', trunk, dev);
    s.event('Hold', dev);
    expect(updates[updates.length - 1]!.call.state).toBe('held');
    s.event('Unhold', dev);
    expect(updates[updates.length - 1]!.call.state).toBe('answered');
    s.event('MusicOnHoldStart', trunk, [['Class', 'default']]);
    expect(updates[updates.length - 1]!.call.state).toBe('held');
    s.event('MusicOnHoldStop', trunk);
    expect(updates[updates.length - 1]!.call.state).toBe('answered');
  });

  const snap = (p: string, ch: { name: string; uniqueid: string; linkedid: string }): Array<[string, string]> => [
    [`${p}Channel`, ch.name],
    [`${p}Uniqueid`, ch.uniqueid],
    [`${p}Linkedid`, ch.linkedid],
  ];
  const lastFor = (updates: Array<{ call: Call; exts: string[] }>, ext: string) => updates.filter((u) => u.exts.includes(ext)).pop()?.call;

  test('blind transfer: the call ends for the transferring agent, the target rings with the caller, then answers', () => {
    const { s, updates, records, model, trunk, dev } = ringing();
    s.state(dev, 6);
    s.bridge('b', trunk, dev);
    s.send([['Event', 'BlindTransfer'], ['Result', 'Success'], ...snap('Transferer', dev), ...snap('Transferee', trunk), ['Extension', '7003'], ['Context', 'from-internal']]);
    s.leave(dev);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'transferred' });
    s.at(30).hangup(dev);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'ended', disposition: 'answered', endedAt: iso(30) });
    expect(model.callsForExtension('7002')).toEqual([]);
    s.leave(trunk);
    const target = s.chan('PJSIP/7003-00000040', { linkedid: trunk.uniqueid, state: 0 });
    s.dial(trunk, target);
    s.state(target, 5);
    expect(lastFor(updates, '7003')).toMatchObject({ state: 'ringing', from: '0612345678', direction: 'inbound' });
    expect(updates[updates.length - 1]!.exts).toEqual(['7003']);
    s.at(35).state(target, 6);
    s.bridge('b2', trunk, target);
    expect(lastFor(updates, '7003')).toMatchObject({ state: 'answered', answeredBy: '7003' });
    s.at(95).hangup(target);
    s.hangup(trunk);
    expect(records).toEqual([expect.objectContaining({ disposition: 'answered', answered_by: '7002', transferred_to: '7003', rung: ['7002', '7003'], talk_s: 95 })]);
    expect(updates.filter((u) => u.call.state === 'ended' && u.exts.includes('7002'))).toHaveLength(1);
  });

  test('attended transfer: transferring while the transferer consults, then over for the transferer', () => {
    const { s, updates, model, trunk, dev } = ringing();
    s.state(dev, 6);
    s.bridge('b', trunk, dev);
    s.event('Hold', dev);
    s.event('MusicOnHoldStart', trunk, [['Class', 'default']]);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'held' });
    // What Atxfer makes: a Local pair in the same call dialling the target.
    const l1 = s.chan('Local/7003@from-internal-00000050;1', { linkedid: trunk.uniqueid, state: 0 });
    const l2 = s.chan('Local/7003@from-internal-00000050;2', { linkedid: trunk.uniqueid });
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'transferring' });
    s.leave(dev);
    s.bridge('consult', l1, dev);
    const target = s.chan('PJSIP/7003-00000051', { linkedid: trunk.uniqueid, state: 0 });
    s.dial(l2, target);
    expect(lastFor(updates, '7003')).toMatchObject({ state: 'ringing', from: '0612345678' });
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'transferring' });
    s.state(target, 6);
    s.dialEnd(l2, target, 'ANSWER');
    s.bridge('t', target, l2);
    expect(lastFor(updates, '7003')).toMatchObject({ state: 'answered', answeredBy: '7003' });
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'transferring' });
    expect(model.getCall(trunk.uniqueid)!.state).toBe('transferring');
    s.leave(dev);
    s.leave(l1);
    s.bridge('b', l1);
    s.event('MusicOnHoldStop', trunk);
    s.send([['Event', 'AttendedTransfer'], ['Result', 'Success'], ...snap('OrigTransferer', dev), ...snap('SecondTransferer', dev), ...snap('Transferee', trunk), ...snap('TransferTarget', l1), ['DestType', 'Bridge']]);
    s.hangup(dev);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'ended', disposition: 'answered' });
    expect(model.getCall(trunk.uniqueid)).toMatchObject({ state: 'answered', answeredBy: '7003' });
    expect(lastFor(updates, '7003')).toMatchObject({ state: 'answered' });
  });

  test('park and pick-up: parked for the parker until another agent takes it', () => {
    const { s, updates, records, trunk, dev } = ringing();
    s.state(dev, 6);
    s.bridge('b', trunk, dev);
    s.leave(trunk);
    s.send([['Event', 'ParkedCall'], ...snap('Parkee', trunk), ['ParkerDialString', 'PJSIP/7002'], ['ParkingSpace', '71']]);
    s.bridge('lot', trunk);
    s.leave(dev);
    s.hangup(dev);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'parked' });
    const picker = s.chan('PJSIP/7004-00000060', { exten: '71', callerNum: '7004', state: 6 });
    s.leave(trunk);
    picker.linkedid = trunk.uniqueid;
    s.bridge('pick', trunk, picker);
    s.send([['Event', 'UnParkedCall'], ...snap('Parkee', trunk), ...snap('Retriever', picker), ['ParkingSpace', '71']]);
    expect(lastFor(updates, '7002')).toMatchObject({ state: 'ended' });
    expect(lastFor(updates, '7004')).toMatchObject({ id: trunk.uniqueid, state: 'answered', answeredBy: '7004' });
    s.hangup(picker);
    s.hangup(trunk);
    expect(records).toEqual([expect.objectContaining({ call_id: trunk.uniqueid, answered_by: '7002', transferred_to: '7004', disposition: 'answered' })]);
  });

  test('the Timestamp header gives times; without it the injected clock does', () => {
    let now = Date.UTC(2030, 0, 1);
    const model = new CallModel({}, { now: () => now });
    const recs: CallRecord[] = [];
    model.on('ended', (r) => recs.push(r));
    const base = { Channel: 'PJSIP/7001-00000001', Uniqueid: 'u1', Linkedid: 'u1', Context: 'from-internal', Exten: '7002', CallerIDNum: '7001' };
    model.handleEvent(ev({ Event: 'Newchannel', ...base }));
    now += 3000;
    model.handleEvent(ev({ Event: 'Hangup', ...base, Cause: '16' }));
    expect(recs[0]).toMatchObject({ started_at: '2030-01-01T00:00:00.000Z', ended_at: '2030-01-01T00:00:03.000Z', duration_s: 3 });
    model.handleEvent(ev({ Event: 'Newchannel', ...base, Uniqueid: 'u2', Linkedid: 'u2', Timestamp: '1700000000.250000' }));
    model.handleEvent(ev({ Event: 'Hangup', ...base, Uniqueid: 'u2', Linkedid: 'u2', Timestamp: '1700000010.750000' }));
    expect(recs[1]).toMatchObject({ started_at: '2023-11-14T22:13:20.250Z', ended_at: '2023-11-14T22:13:30.750Z', duration_s: 11 });
  });

  test('late events for a hung-up channel do not resurrect it', () => {
    const { s, model, records } = setup();
    const a = s.chan('PJSIP/7001-00000060', { exten: '7002' });
    s.hangup(a);
    s.event('Newstate', a);
    s.event('VarSet', a, [['Variable', 'X'], ['Value', '1']]);
    expect(model.liveCalls()).toEqual([]);
    expect(records).toHaveLength(1);
  });

  test('odd input never throws', () => {
    const { model } = setup();
    for (const fields of [{}, { Event: '' }, { Event: 'Hangup' }, { Event: 'DialBegin', DestUniqueid: 'x' }, { Event: 'BridgeEnter', Uniqueid: 'q', Channel: 'PJSIP/7001-1' }, { Event: 'Dial', SubEvent: 'Begin', UniqueID: 'nope' }, { Event: 'OriginateResponse', Reason: 'abc' }]) {
      expect(() => model.handleEvent(ev(fields))).not.toThrow();
    }
  });

  describe('resync from CoreShowChannels', () => {
    const show = (ch: { name: string; uniqueid: string; linkedid: string; bridge?: string; state?: number }) =>
      ev({ Event: 'CoreShowChannel', Channel: ch.name, Uniqueid: ch.uniqueid, Linkedid: ch.linkedid, ChannelState: String(ch.state ?? 6), Context: 'from-internal', Exten: '7002', CallerIDNum: '7001', Application: 'Dial', Duration: '00:00:42', BridgeId: ch.bridge ?? '' });

    test('channels the PBX no longer reports are ended; new ones are added and bridged', () => {
      const { s, model, records } = setup();
      const old = s.chan('PJSIP/7001-00000070', { exten: '7002' });
      model.resync([
        show({ name: 'PJSIP/7004-00000080', uniqueid: 'n1', linkedid: 'n1', bridge: 'br' }),
        show({ name: 'PJSIP/ovh-00000081', uniqueid: 'n2', linkedid: 'n1', bridge: 'br' }),
      ]);
      expect(records.map((r) => r.call_id)).toEqual([old.uniqueid]);
      expect(model.liveChannels().map((c) => c.uniqueid).sort()).toEqual(['n1', 'n2']);
      expect(model.getCall('n1')).toMatchObject({ state: 'answered', answeredBy: '7004', direction: 'outbound' });
    });

    test('a channel created after the resync request is kept even if the list misses it', () => {
      const { s, model } = setup();
      const token = model.beginResync();
      const fresh = s.chan('PJSIP/7001-00000090', { exten: '7002' });
      model.resync([], token);
      expect(model.liveChannels().map((c) => c.uniqueid)).toEqual([fresh.uniqueid]);
    });
  });

  test('config schema rejects bad regular expressions', () => {
    expect(CallModelConfig.safeParse({ trunkChannelPatterns: ['(unclosed'] }).success).toBe(false);
    expect(CallModelConfig.parse({}).internalContexts).toEqual(['from-internal']);
  });
});
