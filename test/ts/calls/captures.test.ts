/**
 * Every recorded stream replays through `bandeau-bridge replay` to the outcome its README
 * describes (../shared/asterisk/captures/README.md for the 14 Asterisk 22.10.1 streams,
 * ../shared/ami-captures/SOURCES.md for the others), with no call left open unless the
 * stream itself stops mid-call. Records are asserted field by field; what each agent's bar
 * is told along the way (the states pushed to each extension, repeats folded) too.
 *
 * Durations: the Asterisk streams carry no Timestamp header, so the replay's clock only
 * moves when a new Uniqueid appears; the time a stream does state is the queue's HoldTime,
 * asserted as wait_s.
 *
 * A stream whose replay differs is written to test/.artifacts/replay-failures/<name>.json
 * (expected and actual).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runReplay } from '../../../bridge/src/commands/replay';
import { createReplay } from '../../../bridge/src/calls/replay';
import { CallRecord, CALL_RECORD_KEYS } from '../../../bridge/src/calls/record';
import { CAPTURES } from '../ami/support';
import { ASTERISK_CAPTURES, freepbxQueueAbandoned } from './streams';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bridge/bin/bandeau-bridge.js');
const ARTIFACTS = path.join(ROOT, 'test/.artifacts/replay-failures');

type Outcome = Pick<
  CallRecord,
  'call_id' | 'direction' | 'from' | 'to' | 'rung' | 'answered_by' | 'disposition' | 'transferred_to' | 'queue' | 'queue_position' | 'abandon_position' | 'wait_s'
>;
interface Expected {
  /** Finished calls, in the order they ended. */
  records: Outcome[];
  /** Calls still in progress when the stream stops (only streams cut mid-call have any). */
  open?: Outcome[];
  /** States pushed to each extension, in order, repeats folded ('-': nobody concerned yet). */
  states?: Record<string, string[]>;
  /** Call-model config for that PBX (a bridge config file's "calls" key). */
  config?: Record<string, unknown>;
}

const none = { transferred_to: null, queue: null, queue_position: null, abandon_position: null, wait_s: null } as const;
const internal = (call_id: string, from: string, to: string, extra: Partial<Outcome> = {}): Outcome => ({
  call_id,
  direction: 'internal',
  from,
  to,
  rung: [to],
  answered_by: to,
  disposition: 'answered',
  ...none,
  ...extra,
});
const CALLER = '0612345678';
const inbound = (call_id: string, to: string, extra: Partial<Outcome>): Outcome => ({
  call_id,
  direction: 'inbound',
  from: CALLER,
  to,
  rung: [to],
  answered_by: to,
  disposition: 'answered',
  ...none,
  ...extra,
});

const QUEUE_ABANDONED: Outcome = inbound('1796049343.7', '88', {
  rung: ['7002', '7001'],
  answered_by: null,
  disposition: 'abandoned',
  queue: '88',
  queue_position: 1,
  abandon_position: 1,
  wait_s: 7,
});

/** What captures/README.md says happened in each stream, as the records and the bars should show it. */
const EXPECTED: Record<string, Expected> = {
  'queue_answered.ami': {
    records: [inbound('1796049326.0', '88', { rung: ['7002', '7001'], answered_by: '7002', queue: '88', queue_position: 1, wait_s: 3 })],
    // 7001's phone stopped ringing when 7002 answered: it sees the call answered (by 7002).
    states: { '-': ['ringing'], '7002': ['ringing', 'answered', 'ended'], '7001': ['ringing', 'answered', 'ended'] },
  },
  'queue_abandoned.ami': {
    records: [QUEUE_ABANDONED],
    states: { '-': ['ringing'], '7002': ['ringing', 'ended'], '7001': ['ringing', 'ended'] },
  },
  'blind_transfer.ami': {
    records: [internal('1796049356.14', '7001', '7002', { rung: ['7002', '7003'], transferred_to: '7003' })],
    // 7001 transferred 7002 to 7003: over for 7001; 7002 hears 7003 ring; 7003's phone rings.
    states: { '7001': ['ringing', 'answered', 'transferred', 'ended'], '7002': ['ringing', 'answered', 'transferred', 'ringing', 'answered', 'ended'], '7003': ['ringing', 'answered', 'ended'] },
  },
  'attended_transfer.ami': {
    records: [internal('1796049373.17', '7001', '7002', { rung: ['7002', '7003'], transferred_to: '7003' })],
    states: {
      // Atxfer: 7002 held (Hold on 7001, music on 7002), 7001 consults 7003, completes, leaves.
      '7001': ['ringing', 'answered', 'held', 'transferring', 'transferred', 'ended'],
      // Held, then the consultation; music still plays an instant after the bridges merge.
      '7002': ['ringing', 'answered', 'held', 'transferring', 'held', 'answered', 'ended'],
      // The target rings, talks to 7001 (its bridge empties an instant while they merge), then to 7002.
      '7003': ['ringing', 'answered', 'transferring', 'held', 'answered', 'ended'],
    },
  },
  'hold_unhold.ami': {
    records: [internal('1796049393.22', '7001', '7002')],
    states: { '7001': ['ringing', 'answered', 'held', 'answered', 'ended'], '7002': ['ringing', 'answered', 'held', 'answered', 'ended'] },
  },
  'ringgroup_answered.ami': {
    records: [inbound('1796049412.24', '600', { rung: ['7001', '7002'], answered_by: '7002' })],
    states: { '-': ['ringing'], '7001': ['ringing', 'answered', 'ended'], '7002': ['ringing', 'answered', 'ended'] },
  },
  'voicemail.ami': {
    records: [internal('1796049430.27', '7001', '7004', { answered_by: null, disposition: 'voicemail' })],
    states: { '7001': ['ringing', 'ended'], '7004': ['ringing', 'ended'] },
  },
  'originate.ami': {
    // Click-to-call: the agent's leg shows the destination as caller ID, yet 7001 calls 7003.
    records: [{ ...internal('c2c-1796049467-a', '7001', '7003'), direction: 'outbound' }],
    states: { '7001': ['ringing', 'answered', 'ended'], '7003': ['ringing', 'answered', 'ended'] },
  },
  'missed.ami': {
    // 7001 cancels while 7002 rings: a missed call for 7002 (abandoned is a queue word).
    records: [internal('1796049481.31', '7001', '7002', { answered_by: null, disposition: 'missed' })],
    states: { '7001': ['ringing', 'ended'], '7002': ['ringing', 'ended'] },
  },
  'redirect_hold.ami': {
    records: [inbound('1796049492.33', '7003', { rung: ['7003', '7005'], transferred_to: '7005' })],
    // Redirected to music on hold (7003 sees it held), then to 7005: over for 7003 once 7005 rings.
    states: { '-': ['ringing'], '7003': ['ringing', 'answered', 'held', 'answered', 'ended'], '7005': ['ringing', 'answered', 'ended'] },
  },
  'park.ami': {
    records: [inbound('1796049524.36', '7003', { transferred_to: '7002' })],
    // 7003 parks the caller (parked until someone takes it); 7002 dials 71 (its own call, merged) and takes it.
    states: { '-': ['ringing'], '7003': ['ringing', 'answered', 'parked', 'ended'], '7002': ['ringing', 'answered', 'ended'] },
  },
  'refer_transfer.ami': {
    records: [internal('1796049540.39', '7001', '7002', { rung: ['7002', '7003'], transferred_to: '7003' })],
    states: { '7001': ['ringing', 'answered', 'transferred', 'ended'], '7002': ['ringing', 'answered', 'transferred', 'ringing', 'answered', 'ended'], '7003': ['ringing', 'answered', 'ended'] },
  },
  'outbound.ami': {
    records: [{ call_id: '1796049560.42', direction: 'outbound', from: '7001', to: '0123456789', rung: [], answered_by: '7001', disposition: 'answered', ...none }],
    states: { '7001': ['ringing', 'answered', 'ended'] },
  },
  'internal_answered.ami': {
    records: [internal('1796049574.44', '7001', '7003')],
    states: { '7001': ['ringing', 'answered', 'ended'], '7003': ['ringing', 'answered', 'ended'] },
  },
};

/** ../shared/ami-captures: what SOURCES.md says each call-bearing stream holds. */
const OTHERS: Record<string, Expected> = {
  'pyfreepbx/answered.txt': {
    records: [internal('1781704172.3807878', '7001', '7002')],
    states: { '7001': ['ringing', 'answered', 'ended'], '7002': ['ringing', 'answered', 'ended'] },
  },
  'pyfreepbx/originate.txt': {
    records: [],
    // The fixture stops while the originated Local pair plays back (*43, echo test): still in progress.
    open: [{ call_id: '1781705347.3809591', direction: 'internal', from: '0000', to: '*43', rung: [], answered_by: null, disposition: null, ...none }],
  },
  'goami2/getAmiFixtureCall.ami': {
    // That PBX's device names carry a tenant (SIP/9170-12-…) and its trunk is a host name.
    config: { agentChannelPattern: '^SIP/(\\d+)-12-[0-9a-f]+$', trunkChannelPatterns: ['^SIP/okon\\.'], internalContexts: ['default'] },
    records: [{ call_id: '1598887681.60', direction: 'outbound', from: '9170', to: '9898', rung: [], answered_by: '9170', disposition: 'answered', ...none }],
  },
  'goami2/getAmiFixtureConfBridge.ami': {
    // Upstream test snippets, not a whole call: the conference invite's trunk leg never hangs up in it.
    records: [],
    open: [{ call_id: '1598968093.901', direction: 'outbound', from: '7711', to: '7711', rung: ['7711'], answered_by: null, disposition: null, ...none }],
  },
  'goami2/getAmiFixtureQueues.ami': { records: [] },
  'goami2/getAmiFixtureQueueMembers.ami': { records: [] },
};

const OUTCOME_KEYS = ['call_id', 'direction', 'from', 'to', 'rung', 'answered_by', 'disposition', 'transferred_to', 'queue', 'queue_position', 'abandon_position', 'wait_s'] as const;
const outcome = (r: Record<string, unknown>): Outcome => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, r[k]])) as unknown as Outcome;

async function replayFile(file: string, config?: Record<string, unknown>) {
  const lines: string[] = [];
  const err: string[] = [];
  let cfg: string | undefined;
  if (config) {
    cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-captures-')), 'bridge.json');
    fs.writeFileSync(cfg, JSON.stringify({ calls: config }));
  }
  const code = await runReplay(file, { includeOpen: true, ...(cfg ? { config: cfg } : {}) }, { out: (l) => lines.push(l), err: (l) => err.push(l) });
  const all = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  // What the bars were told, from the same model code.
  const states: Record<string, string[]> = {};
  const session = createReplay(config ?? {}, {
    onUpdate: (call, exts) => {
      for (const e of exts.length > 0 ? exts : ['-']) {
        const seq = (states[e] ??= []);
        if (seq[seq.length - 1] !== call.state) seq.push(call.state);
      }
    },
  });
  session.push(fs.readFileSync(file));
  const result = session.end();
  return { code, err, lines, all, states, result };
}

/** Compares, writing the stream's expected and actual outcome to the artifacts when they differ. */
function check(name: string, expected: Expected, actual: { records: Outcome[]; open: Outcome[]; states?: Record<string, string[]> }): void {
  const want = { records: expected.records, open: expected.open ?? [], ...(expected.states ? { states: expected.states } : {}) };
  const got = { records: actual.records, open: actual.open, ...(expected.states ? { states: actual.states } : {}) };
  try {
    expect(got).toEqual(want);
  } catch (err) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.json`), `${JSON.stringify({ stream: name, expected: want, actual: got }, null, 2)}\n`);
    throw err;
  }
}

async function replayAndCheck(name: string, file: string, expected: Expected): Promise<void> {
  const r = await replayFile(file, expected.config);
  expect(r.code).toBe(0);
  expect(r.result.errors).toEqual([]);
  for (const rec of r.all) {
    expect(Object.keys(rec)).toEqual([...CALL_RECORD_KEYS]);
    expect(CallRecord.safeParse(rec).success).toBe(true);
  }
  check(name, expected, {
    records: r.all.filter((x) => x.ended_at !== null).map(outcome),
    open: r.all.filter((x) => x.ended_at === null).map(outcome),
    states: r.states,
  });
}

describe('real Asterisk 22 streams replay to the outcome their README describes', () => {
  test('every stream of the README is covered', () => {
    expect(ASTERISK_CAPTURES.map((f) => path.basename(f)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED))('%s', async (name) => {
    await replayAndCheck(name, ASTERISK_CAPTURES.find((f) => path.basename(f) === name) as string, EXPECTED[name] as Expected);
  });

  test('queue_abandoned as FreePBX streams it (member Local channels never announced, no Hangup of theirs): ends, abandoned, once', async () => {
    for (const variant of ['newchannels', 'all-own-events'] as const) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-freepbx-')), `queue_abandoned.${variant}.ami`);
      fs.writeFileSync(file, freepbxQueueAbandoned(variant));
      await replayAndCheck(`queue_abandoned.freepbx-${variant}`, file, { records: [QUEUE_ABANDONED], states: { '-': ['ringing'], '7002': ['ringing', 'ended'], '7001': ['ringing', 'ended'] } });
    }
  });
});

describe('other recorded streams (../shared/ami-captures)', () => {
  test.each(Object.keys(OTHERS))('%s', async (name) => {
    await replayAndCheck(name, path.join(CAPTURES, name), OTHERS[name] as Expected);
  });

  test('panoramisk transcripts (Asterisk 11, for framing): no framing error, client actions skipped', async () => {
    for (const f of fs.readdirSync(path.join(CAPTURES, 'panoramisk')).filter((x) => x.endsWith('.txt'))) {
      const r = await replayFile(path.join(CAPTURES, 'panoramisk', f));
      expect({ f, code: r.code, errors: r.result.errors }).toEqual({ f, code: 0, errors: [] });
    }
  });
});

test('a stream whose replay differs is written to the test artifacts, expected against actual', () => {
  const name = 'self-check.ami';
  const file = path.join(ARTIFACTS, `${name}.json`);
  fs.rmSync(file, { force: true });
  const expected: Expected = { records: [internal('x.1', '7001', '7002')] };
  const actual = { records: [internal('x.1', '7001', '7002', { disposition: 'missed', answered_by: null })], open: [] };
  expect(() => check(name, expected, actual)).toThrow();
  const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { stream: string; expected: { records: Outcome[] }; actual: { records: Outcome[] } };
  expect(written).toMatchObject({ stream: name, expected: { records: [{ disposition: 'answered' }] }, actual: { records: [{ disposition: 'missed' }] } });
  fs.rmSync(file);
});

describe('the built CLI prints what the function does', () => {
  test('bandeau-bridge replay --include-open: a queue abandon (also as FreePBX streams it), a click-to-call, an attended transfer', async () => {
    if (!fs.existsSync(path.join(ROOT, 'bridge/dist/cli.js'))) throw new Error('bridge/dist is missing: run `npm run build` before the tests (npm test does)');
    const freepbx = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-freepbx-')), 'queue_abandoned.freepbx.ami');
    fs.writeFileSync(freepbx, freepbxQueueAbandoned('all-own-events'));
    const files = ['queue_abandoned.ami', 'originate.ami', 'attended_transfer.ami'].map((n) => ASTERISK_CAPTURES.find((f) => path.basename(f) === n) as string);
    for (const file of [...files, freepbx]) {
      const cli = spawnSync(process.execPath, [BIN, 'replay', '--include-open', file], { encoding: 'utf8' });
      expect(cli.status).toBe(0);
      const fn = await replayFile(file);
      expect(cli.stdout.trim().split('\n')).toEqual(fn.lines);
      expect(cli.stderr).toMatch(/1 finished call\(s\), 0 still in progress at the end/);
    }
  }, 120_000);
});
