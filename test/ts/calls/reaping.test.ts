/**
 * A call ends when its last live channel is gone, whatever events were missed: channels known
 * only from Dial events go at their DialEnd or with their caller, a Local channel's other half
 * goes with it. Replayed many times (ids rewritten per copy), nothing stays in memory.
 */
import { AmiFramer } from '../../../bridge/src/ami/framer';
import { AmiMessage } from '../../../bridge/src/ami/message';
import { parseAll } from '../../../bridge/src/ami/framer';
import { encodeMessage } from '../../../bridge/src/ami/writer';
import { CallModel } from '../../../bridge/src/calls/model';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { newUniqueid, rewriteForPlayback } from '../../../bridge/src/testpeer';
import { Script } from './script';
import { freepbxQueueAbandoned } from './streams';

let suffixSeq = 0;
const ids = { newUniqueid, suffix: () => (++suffixSeq).toString(16).padStart(8, '0'), now: () => Date.now() };
const eventsOf = (buf: Buffer): AmiMessage[] => parseAll(buf).messages.filter((m) => m.kind === 'event');

function model() {
  const m = new CallModel({}, { now: () => 0 });
  const records: CallRecord[] = [];
  m.on('ended', (r) => records.push(r));
  return { m, records };
}

describe('reaping what the PBX never says is gone', () => {
  test('the FreePBX queue abandon, 2,000 copies with fresh ids through the framer: 2,000 abandoned records, nothing left', () => {
    const { m, records } = model();
    const framer = new AmiFramer({ message: (msg) => msg.kind === 'event' && m.handleEvent(msg) });
    const source = eventsOf(freepbxQueueAbandoned('all-own-events'));
    for (let copy = 0; copy < 2000; copy++) framer.push(rewriteForPlayback(source, ids).map((e) => encodeMessage(e.headers)).join(''));
    framer.end();
    expect(records).toHaveLength(2000);
    expect(new Set(records.map((r) => r.call_id)).size).toBe(2000);
    expect(records.every((r) => r.disposition === 'abandoned' && r.wait_s === 7 && r.queue_position === 1 && r.rung.join() === '7002,7001')).toBe(true);
    expect(m.liveCalls()).toEqual([]);
    expect(m.liveChannels()).toEqual([]);
  });

  test('member legs seen only in the caller\'s DialBegin (no DialEnd either) go when the caller hangs up', () => {
    const { m, records } = model();
    const source = eventsOf(freepbxQueueAbandoned('all-own-events')).filter((e) => e.event !== 'DialEnd');
    const seen: string[] = [];
    for (const e of source) {
      m.handleEvent(e);
      if (e.event === 'Hangup') seen.push(`${e.value('Channel')}:${m.liveChannels().length}`);
    }
    // The caller's Hangup takes the two Local legs it dialled; the devices hang up on their own.
    expect(seen).toEqual(['PJSIP/7002-00000004:4', 'PJSIP/trunk-00000003:1', 'PJSIP/7001-00000005:0']);
    expect(records).toEqual([expect.objectContaining({ call_id: '1796049343.7', disposition: 'abandoned', wait_s: 7 })]);
    expect(m.liveCalls()).toEqual([]);
  });

  test('a Local channel\'s other half goes with it; its own late Hangup changes nothing', () => {
    const { m, records } = model();
    const s = new Script(m);
    const trunk = s.chan('PJSIP/trunk-00000001', { callerNum: '0612345678', context: 'from-trunk', exten: '88' });
    const l1 = s.chan('Local/7001@from-queue-00000002;1', { linkedid: trunk.uniqueid });
    const l2 = s.chan('Local/7001@from-queue-00000002;2', { linkedid: trunk.uniqueid });
    s.dial(trunk, l1);
    s.hangup(l1);
    expect(m.channelsOf(trunk.uniqueid).map((c) => c.name)).toEqual([trunk.name]);
    s.hangup(l2);
    s.hangup(trunk);
    expect(records).toHaveLength(1);
    expect(m.liveChannels()).toEqual([]);
  });

  test('events that only mention a channel (MessageWaiting, Cdr) never bring one to life', () => {
    const { m } = model();
    m.handleEvent(AmiMessage.from({ Event: 'MessageWaiting', Channel: 'Local/9922@confbridge-invite-0000000b;2', Uniqueid: '1598968054.897', Linkedid: '1598968054.896', Mailbox: '9922@default' }));
    m.handleEvent(AmiMessage.from({ Event: 'Cdr', Channel: 'PJSIP/7001-00000001', UniqueID: '1598968054.1', Destination: '7002' }));
    expect(m.liveCalls()).toEqual([]);
  });
});
