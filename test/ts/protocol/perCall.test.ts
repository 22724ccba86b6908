import { Writable } from 'node:stream';
import { OutgoingCheck } from '../../../bridge/src/calls/outgoing';
import { createLogger } from '../../../bridge/src/logger';
import { PROTOCOL_VERSION, type Call, type ServerMessage } from '../../../bridge/src/protocol/messages';
import { parseServerMessage } from '../../../bridge/src/protocol/perCall';
import { callFixture } from '../helpers/callFixture';

const HOSTILE = '+3369\u001b[2J\u0007\r99999';

function snapshot(calls: unknown[], recent: unknown[] = []): Record<string, unknown> {
  return {
    type: 'snapshot',
    protocol: PROTOCOL_VERSION,
    agent: { userId: 1, name: 'Alice', extension: '7001', permissions: [], status: 'available' },
    calls,
    recent,
    recentSeenAt: null,
    serverTime: new Date().toISOString(),
  };
}

function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger('warn', sink) };
}

describe('the worker reads a snapshot call by call', () => {
  test('one call with a control character costs that call only: the others and the agent come through', () => {
    const bad = callFixture({ id: 'bad', from: HOSTILE });
    const { result, dropped } = parseServerMessage(snapshot([callFixture({ id: 'a' }), bad, callFixture({ id: 'b' })], [callFixture({ id: 'old', state: 'ended' }), { ...bad, id: 'bad-old' }]));
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.type !== 'snapshot') throw new Error('snapshot expected');
    expect(result.value.calls.map((c) => c.id)).toEqual(['a', 'b']);
    expect(result.value.recent.map((c) => c.id)).toEqual(['old']);
    expect(result.value.agent.extension).toBe('7001');
    expect(dropped).toEqual([
      { callId: 'bad', list: 'calls', reason: expect.stringContaining('from') },
      { callId: 'bad-old', list: 'recent', reason: expect.stringContaining('from') },
    ]);
    // The reason names the field, never its value.
    expect(JSON.stringify(dropped)).not.toContain('3369');
  });

  test('a call id that is itself hostile is reported as unreadable, not echoed', () => {
    const { dropped } = parseServerMessage(snapshot([callFixture({ id: 'x\u001b[2J' })]));
    expect(dropped[0]?.callId).toBe('(unreadable id)');
  });

  test('a snapshot that is wrong beyond its calls is still refused whole; a bad call.update is refused and reported', () => {
    const broken = { ...snapshot([callFixture()]), agent: null };
    expect(parseServerMessage(broken).result.ok).toBe(false);
    const upd = parseServerMessage({ type: 'call.update', call: callFixture({ id: 'u', to: HOSTILE }) });
    expect(upd.result.ok).toBe(false);
    expect(upd.dropped).toEqual([{ callId: 'u', list: 'call', reason: expect.stringContaining('to') }]);
  });

  test('valid messages pass untouched and report nothing', () => {
    const msg = snapshot([callFixture()]);
    const r = parseServerMessage(msg);
    expect(r.dropped).toEqual([]);
    expect(r.result.ok && r.result.value).toEqual(msg);
  });
});

describe('the bridge checks what it sends with the worker\'s schema', () => {
  test('a clean call goes out as it is (same object)', () => {
    const check = new OutgoingCheck(createLogger('silent'));
    const call = callFixture();
    expect(check.call(call)).toBe(call);
  });

  test('a bad number is cleaned, a bad decoration dropped; logged once with the call id and the field, never the value', () => {
    const { lines, logger } = capturedLogger();
    const check = new OutgoingCheck(logger);
    const call = callFixture({ id: 'c9', from: HOSTILE, names: { '+336999999': 'Jean\u0007' } });
    const out = check.call(call);
    expect(out).toMatchObject({ id: 'c9', from: '+336999999' });
    expect(out?.names).toBeUndefined();
    check.call(call);
    expect(check.repaired).toBe(2);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ callId: 'c9', outcome: 'repaired' });
    expect(line.fields).toEqual(expect.arrayContaining(['from']));
    expect(lines[0]).not.toContain('3369');
    expect(lines[0]).not.toContain('Jean');
  });

  test('a call that cannot be repaired is left out of its snapshot, the others go', () => {
    const check = new OutgoingCheck(createLogger('silent'));
    const hopeless = { ...callFixture({ id: 'h' }), state: 'exploded' } as unknown as Call;
    const msg = snapshot([callFixture({ id: 'a' }), hopeless, callFixture({ id: 'b', to: HOSTILE })]) as unknown as ServerMessage;
    const out = check.message(msg);
    expect(out?.type === 'snapshot' && out.calls.map((c) => [c.id, c.to])).toEqual([
      ['a', '7001'],
      ['b', '+336999999'],
    ]);
    expect(check.dropped).toBe(1);
    expect(check.message({ type: 'call.update', call: hopeless })).toBeUndefined();
    // What went out is what the worker accepts whole.
    expect(parseServerMessage(JSON.parse(JSON.stringify(out))).dropped).toEqual([]);
  });
});
