/**
 * Routing decisions joined to their calls (issue 15, point 6): the real Asterisk 22 stream of a
 * queue call answered by 7002 (queue_answered.ami) replayed into the call model, with the FastAGI
 * decision for the caller's channel (its Uniqueid, as agi_uniqueid carries it) handed over before
 * the channel exists, right after its Newchannel, or once the agent's phone rings.
 */
import { AmiFramer } from '../../../bridge/src/ami/framer';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { CallModel } from '../../../bridge/src/calls/model';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { OutgoingCheck } from '../../../bridge/src/calls/outgoing';
import { createLogger } from '../../../bridge/src/logger';
import { Call, type CallRouting } from '../../../bridge/src/protocol/messages';
import type { AgiRequest, RouteDecision } from '../../../bridge/src/routing/contract';
import { RoutedCalls, routeRecordFields, toCallRouting } from '../../../bridge/src/routing/routedCalls';
import { contractProblems, toContractCall } from '../../../bridge/src/outbox/record';
import { asteriskCapture } from '../calls/streams';
import { salesDecision } from './agiSupport';

/** The caller's channel in queue_answered.ami (PJSIP/trunk-00000000): where the dialplan runs AGI(). */
const CALLER_UID = '1796049326.0';

function events(file: string): AmiMessage[] {
  const out: AmiMessage[] = [];
  const framer = new AmiFramer({ message: (m) => m.kind === 'event' && out.push(m), warning: () => {}, error: () => {} });
  framer.push(asteriskCapture(file));
  framer.end();
  return out;
}

const STREAM = events('queue_answered.ami');

function request(uniqueId: string): AgiRequest {
  return { script: 'route', env: new Map([['uniqueid', uniqueId]]), callerId: '0612345678', callerName: 'Client Dupont', dnid: '88', extension: '88', uniqueId, channel: 'PJSIP/trunk-00000000', args: [] };
}

const NOT_SHIPPED: RouteDecision = salesDecision({ customer: { id: 2, name: 'Camille Durand' } });

const WIRE: CallRouting = {
  route: 'sales',
  reason: 'rule',
  rule: { code: 'not_shipped', label: 'Order not shipped' },
  why: [{ code: 'order_not_shipped', order: '000000102' }],
  order: '000000102',
};

interface Run {
  model: CallModel;
  routed: RoutedCalls;
  updates: Array<{ call: Call; exts: string[] }>;
  records: Array<{ record: CallRecord; call: Call }>;
}

/** Replays the stream; `at(i)` runs before event i (i = STREAM.length: after the last one). */
function replay(at: (i: number, r: Run) => void, opts: ConstructorParameters<typeof RoutedCalls>[1] = {}): Run {
  let clock = 1796049326_000;
  const model = new CallModel({}, { now: () => clock });
  const run: Run = { model, routed: new RoutedCalls(model, { now: () => clock, ...opts }), updates: [], records: [] };
  model.on('update', (call, exts) => run.updates.push({ call, exts }));
  model.on('ended', (record, call) => run.records.push({ record, call }));
  STREAM.forEach((m, i) => {
    at(i, run);
    clock += 10;
    model.handleEvent(m);
  });
  at(STREAM.length, run);
  return run;
}

const firstIndex = (pred: (m: AmiMessage) => boolean) => STREAM.findIndex(pred);
const NEWCHANNEL = firstIndex((m) => m.event === 'Newchannel' && m.get('uniqueid') === CALLER_UID);
/** The agent's phone (PJSIP/7002) starts ringing through the queue's Local pair. */
const AGENT_RINGS = firstIndex((m) => m.event === 'Newchannel' && (m.get('channel') ?? '').startsWith('PJSIP/7002'));

describe('RoutedCalls on a real queue call (queue_answered.ami)', () => {
  it('the stream has the caller channel and the agent phone the test relies on', () => {
    expect(NEWCHANNEL).toBeGreaterThanOrEqual(0);
    expect(AGENT_RINGS).toBeGreaterThan(NEWCHANNEL);
  });

  it.each([
    ['before any AMI event of the call (it waits for the channel)', 0],
    ['right after the caller channel\'s Newchannel', NEWCHANNEL + 1],
    ['while the agent\'s phone rings', AGENT_RINGS + 2],
  ])('a decision handed over %s reaches the agent\'s views and the record', (_when, index) => {
    const run = replay((i, r) => {
      if (i === index) r.routed.decided(request(CALLER_UID), NOT_SHIPPED);
    });
    const toAgent = run.updates.filter((u) => u.exts.includes('7002'));
    expect(toAgent.length).toBeGreaterThan(0);
    // The agent is told the routing no later than their phone rings, and every later view keeps it.
    const ringing = toAgent.filter((u) => u.call.state === 'ringing');
    expect(ringing.length).toBeGreaterThan(0);
    expect(ringing[ringing.length - 1]!.call.routing).toEqual(WIRE);
    expect(toAgent[toAgent.length - 1]!.call.routing).toEqual(WIRE);
    for (const u of toAgent) expect(Call.safeParse(u.call).success).toBe(true);
    // One call, ended answered by 7002, with its routing: the record's route fields.
    expect(run.records).toHaveLength(1);
    const { record, call } = run.records[0]!;
    expect(record).toMatchObject({ call_id: CALLER_UID, answered_by: '7002', disposition: 'answered' });
    expect(call.routing).toEqual(WIRE);
    expect(routeRecordFields(call.routing)).toEqual({ route: 'sales', route_rule: 'not_shipped', route_reason: 'rule' });
    expect(run.routed.pendingCount).toBe(0);
  });

  it('a decision given before the channel is ringing is sent with the first ringing view (no second push for it)', () => {
    const run = replay((i, r) => {
      if (i === 0) r.routed.decided(request(CALLER_UID), NOT_SHIPPED);
    });
    const toAgent = run.updates.filter((u) => u.exts.includes('7002'));
    expect(toAgent.every((u) => u.call.routing !== undefined)).toBe(true);
    expect(run.routed.attached).toBe(1);
    expect(run.routed.waited).toBe(1);
  });

  it('the model\'s snapshot views (a bar reconnecting mid-call) carry it too', () => {
    let mid: Call[] = [];
    replay((i, r) => {
      if (i === 0) r.routed.decided(request(CALLER_UID), NOT_SHIPPED);
      if (i === AGENT_RINGS + 2) mid = r.model.callsForExtension('7002');
    });
    expect(mid).toHaveLength(1);
    expect(mid[0]!.routing).toEqual(WIRE);
  });

  it('a call nobody routed has no routing, and its record\'s route fields are null', () => {
    const run = replay(() => {});
    expect(run.updates.every((u) => u.call.routing === undefined)).toBe(true);
    expect(run.records[0]!.call.routing).toBeUndefined();
    expect(routeRecordFields(run.records[0]!.call.routing)).toEqual({ route: null, route_rule: null, route_reason: null });
  });

  it('the latest decision for a channel wins (a call sent through AGI() again)', () => {
    const vip: RouteDecision = { ...NOT_SHIPPED, route: 'vip', rule: { code: 'vip', label: 'VIP customer' }, why: [{ code: 'vip' }], order: '' };
    const run = replay((i, r) => {
      if (i === NEWCHANNEL + 1) r.routed.decided(request(CALLER_UID), NOT_SHIPPED);
      if (i === NEWCHANNEL + 3) r.routed.decided(request(CALLER_UID), vip);
    });
    expect(run.records[0]!.call.routing).toEqual({ route: 'vip', reason: 'rule', rule: { code: 'vip', label: 'VIP customer' }, why: [{ code: 'vip' }], order: null });
  });

  it('a fallback decision (Magento too slow) shows as such', () => {
    const timeout: RouteDecision = { ...NOT_SHIPPED, route: 'default', reason: 'timeout', rule: null, why: [], order: '' };
    const run = replay((i, r) => {
      if (i === 0) r.routed.decided(request(CALLER_UID), timeout);
    });
    expect(run.records[0]!.call.routing).toEqual({ route: 'default', reason: 'timeout', rule: null, why: [], order: null });
    expect(routeRecordFields(run.records[0]!.call.routing)).toEqual({ route: 'default', route_rule: null, route_reason: 'timeout' });
  });
});

describe('RoutedCalls: waiting decisions are bounded', () => {
  it('a decision whose channel never shows up is dropped after the TTL', () => {
    let clock = 1_000_000;
    const model = new CallModel({}, { now: () => clock });
    const routed = new RoutedCalls(model, { now: () => clock, ttlMs: 3_600_000 });
    routed.decided(request('1796049999.7'), NOT_SHIPPED);
    expect(routed.pendingCount).toBe(1);
    clock += 3_600_001;
    expect(routed.pendingCount).toBe(0);
  });

  it('a decision older than the TTL is not given to a channel that shows up late', () => {
    // (Each replayed event moves the clock 10 ms: the caller's Newchannel comes well after 5 ms.)
    const run = replay(
      (i, r) => {
        if (i === 0) r.routed.decided(request(CALLER_UID), NOT_SHIPPED);
      },
      { ttlMs: 5 },
    );
    expect(NEWCHANNEL).toBeGreaterThan(1);
    expect(run.records[0]!.call.routing).toBeUndefined();
  });

  it('keeps at most maxPending, the oldest going first', () => {
    const model = new CallModel();
    const routed = new RoutedCalls(model, { maxPending: 100 });
    for (let i = 0; i < 1000; i++) routed.decided(request(`1796050000.${i}`), NOT_SHIPPED);
    expect(routed.pendingCount).toBe(100);
  });

  it('refuses a request without a Uniqueid, never throwing', () => {
    const model = new CallModel();
    const routed = new RoutedCalls(model, { logger: createLogger('silent') });
    routed.decided(request(''), NOT_SHIPPED);
    routed.decided(null as unknown as AgiRequest, NOT_SHIPPED);
    routed.decided(request('1.2'), null as unknown as RouteDecision);
    expect(routed.refused).toBe(3);
    expect(routed.pendingCount).toBe(0);
  });
});

describe('toCallRouting: the decision as the wire may carry it', () => {
  it('passes a decision as the contract makes them', () => {
    expect(toCallRouting(NOT_SHIPPED)).toEqual(WIRE);
  });

  it('cleans a hostile rule label (control and bidi characters, newlines, 10 kB) and keeps at most 12 conditions', () => {
    const r = toCallRouting({
      ...NOT_SHIPPED,
      rule: { code: 'not_shipped', label: `Order\u202e not\r\nshipped\u0007 ${'x'.repeat(10_000)}` },
      why: Array.from({ length: 40 }, () => ({ code: 'vip' })),
    });
    expect(r?.rule?.label).toMatch(/^Order not shipped x+$/);
    expect(r?.rule?.label.length).toBe(64);
    expect(r?.why).toHaveLength(12);
  });

  it('leaves out conditions the protocol does not know, and a bad order number is no decision', () => {
    const r = toCallRouting({ ...NOT_SHIPPED, why: [{ code: 'made_up' }, { code: 'vip' }, { code: 'order_status', order: '1\n2' }] });
    expect(r?.why).toEqual([{ code: 'vip' }]);
    expect(toCallRouting({ ...NOT_SHIPPED, order: '000000102\r\nSET VARIABLE' })).toBeNull();
  });

  it('refuses a route or reason outside the contract (nothing shown rather than a broken call)', () => {
    expect(toCallRouting({ ...NOT_SHIPPED, route: 'sales queue' })).toBeNull();
    expect(toCallRouting({ ...NOT_SHIPPED, route: 'x'.repeat(33) })).toBeNull();
    expect(toCallRouting({ ...NOT_SHIPPED, reason: 'because' as RouteDecision['reason'] })).toBeNull();
    expect(toCallRouting({ ...NOT_SHIPPED, rule: { code: 'Not Shipped', label: 'x' } })).toBeNull();
  });

  it('a call whose routing fails the schema loses only its routing on the way out (calls/outgoing.ts)', () => {
    const check = new OutgoingCheck(createLogger('silent'));
    const call = { id: 'c1', direction: 'inbound', state: 'ringing', from: '0612345678', to: '88', rung: ['7002'], answeredBy: null, startedAt: '2026-11-30T14:35:26.000Z', answeredAt: null, endedAt: null, disposition: null, routing: { ...WIRE, route: 'bad route' } } as Call;
    const out = check.call(call);
    expect(out).toBeDefined();
    expect(out?.routing).toBeUndefined();
    expect(out?.id).toBe('c1');
  });
});

describe('the call record carries the route to Magento (outbox/record.ts)', () => {
  const base = {
    call_id: CALLER_UID,
    linked_ids: [CALLER_UID],
    direction: 'inbound' as const,
    from: '0612345678',
    to: '88',
    rung: ['7002'],
    answered_by: '7002',
    disposition: 'answered' as const,
    started_at: '2026-11-30T14:35:26.000Z',
    answered_at: '2026-11-30T14:35:30.000Z',
    ended_at: '2026-11-30T14:35:40.000Z',
    duration_s: 14,
    talk_s: 10,
  };

  it('a routed call has route, route_rule and route_reason, and passes the contract', () => {
    const call = toContractCall({ ...base, ...routeRecordFields(WIRE) });
    expect(call).toMatchObject({ route: 'sales', route_rule: 'not_shipped', route_reason: 'rule' });
    expect(contractProblems(call)).toBeNull();
    const fallback = toContractCall({ ...base, route: 'default', route_rule: null, route_reason: 'unknown_number' });
    expect(fallback).toMatchObject({ route: 'default', route_rule: null, route_reason: 'unknown_number' });
    expect(contractProblems(fallback)).toBeNull();
  });

  it('a call nobody routed sends no route keys (a module without the route columns still takes it)', () => {
    const call = toContractCall({ ...base, ...routeRecordFields(undefined) });
    expect(Object.keys(call)).not.toContain('route');
    expect(Object.keys(call)).not.toContain('route_rule');
    expect(contractProblems(call)).toBeNull();
  });

  it('values outside the columns never reach Magento', () => {
    const call = toContractCall({ ...base, route: 'sales', route_rule: 'NOT SHIPPED', route_reason: 'x'.repeat(40) });
    expect(call).toMatchObject({ route: 'sales', route_rule: null, route_reason: null });
    expect(toContractCall({ ...base, route: 'sales\r\nX' }).route).toBeUndefined();
    expect(contractProblems({ ...toContractCall(base), route: 'a'.repeat(33) })).toMatch(/route/);
    expect(contractProblems({ ...toContractCall(base), route_reason: 'because' })).toMatch(/route_reason/);
  });
});
