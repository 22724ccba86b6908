import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { runReplay } from '../../../bridge/src/commands/replay';
import { createReplay, replayBuffer } from '../../../bridge/src/calls/replay';
import { CallRecord, CALL_RECORD_KEYS } from '../../../bridge/src/calls/record';
import { allCaptures, capturePath, readCapture } from '../ami/support';

async function replay(file: string, opts: Parameters<typeof runReplay>[1] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReplay(capturePath(file), opts, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, records: out.map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

describe('replay (the function behind `bandeau-bridge replay`)', () => {
  test('answered.txt: 7001 calls 7002, answered by 7002', async () => {
    const r = await replay('pyfreepbx/answered.txt');
    expect(r.code).toBe(0);
    expect(r.records).toEqual([
      {
        call_id: '1781704172.3807878',
        linked_ids: ['1781704172.3807878'],
        direction: 'internal',
        from: '7001',
        to: '7002',
        rung: ['7002'],
        answered_by: '7002',
        disposition: 'answered',
        started_at: '2026-06-17T13:49:32.000Z',
        answered_at: '2026-06-17T13:49:32.000Z',
        ended_at: '2026-06-17T13:49:32.000Z',
        duration_s: 0,
        talk_s: 0,
        transferred_to: null,
        queue: null,
        queue_position: null,
        abandon_position: null,
        wait_s: null,
      },
    ]);
    expect(r.err.join('\n')).toMatch(/20 events, 1 finished call/);
  });

  test('originate.txt: the originated call is tracked from its first event (Local ;1/;2 pair, one call)', async () => {
    const finished = await replay('pyfreepbx/originate.txt');
    expect(finished.records).toEqual([]);
    expect(finished.err.join('\n')).toMatch(/1 still in progress/);
    const r = await replay('pyfreepbx/originate.txt', { includeOpen: true });
    expect(r.records).toEqual([
      {
        call_id: '1781705347.3809591',
        linked_ids: ['1781705347.3809591'],
        direction: 'internal',
        from: '0000',
        to: '*43',
        rung: [],
        answered_by: null,
        disposition: null,
        started_at: '2026-06-17T14:09:07.000Z',
        answered_at: null,
        ended_at: null,
        duration_s: null,
        talk_s: null,
        transferred_to: null,
        queue: null,
        queue_position: null,
        abandon_position: null,
        wait_s: null,
      },
    ]);
  });

  test('goami2 call with a config for that PBX (multi-tenant device names, host trunk)', async () => {
    const cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-replay-')), 'pbx.json');
    fs.writeFileSync(cfg, JSON.stringify({ calls: { agentChannelPattern: '^SIP/(\\d+)-12-[0-9a-f]+$', trunkChannelPatterns: ['^SIP/okon\\.'], internalContexts: ['default'] } }));
    const r = await replay('goami2/getAmiFixtureCall.ami', { config: cfg });
    expect(r.records).toEqual([
      expect.objectContaining({ call_id: '1598887681.60', direction: 'outbound', from: '9170', to: '9898', answered_by: '9170', disposition: 'answered', rung: [] }),
    ]);
    expect(r.err.join('\n')).toMatch(/2 framing warning/);
  });

  test('a bad config file is a clear error with exit code 2', async () => {
    const cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-replay-')), 'bad.json');
    fs.writeFileSync(cfg, JSON.stringify({ agentChannelPattern: '(' }));
    const r = await replay('pyfreepbx/answered.txt', { config: cfg });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/agentChannelPattern/);
  });

  test('a missing file is exit code 1', async () => {
    const r = await replay('nope/none.txt');
    expect(r.code).toBe(1);
  });

  test.each(allCaptures())('%s: every record is well-formed, exact keys, nothing crashes', async (file) => {
    const r = await replay(file, { includeOpen: true });
    expect(r.code).toBe(0);
    for (const rec of r.records) {
      expect(Object.keys(rec)).toEqual([...CALL_RECORD_KEYS]);
      expect(CallRecord.safeParse(rec).success).toBe(true);
    }
  });

  test('panoramisk transcripts: client Action: blocks are skipped', () => {
    const r = replayBuffer(readCapture('panoramisk/originate_with_events.txt'));
    expect(r.skippedActions).toBe(1);
    expect(r.events).toBeGreaterThan(700);
    expect(r.errors).toEqual([]);
  });

  test('property: any split of a capture into chunks gives the same calls', () => {
    const files = ['pyfreepbx/answered.txt', 'pyfreepbx/originate.txt', 'goami2/getAmiFixtureCall.ami', 'goami2/getAmiFixtureConfBridge.ami', 'panoramisk/originate_with_events.txt'];
    const whole = new Map(files.map((f) => {
      const r = replayBuffer(readCapture(f));
      return [f, JSON.stringify([r.records, r.open])];
    }));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.nat(), { maxLength: 30 }), (file, cuts) => {
        const buf = readCapture(file);
        const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
        const s = createReplay();
        let prev = 0;
        for (const p of points) {
          s.push(buf.subarray(prev, p));
          prev = p;
        }
        s.push(buf.subarray(prev));
        const r = s.end();
        expect(JSON.stringify([r.records, r.open])).toBe(whole.get(file));
      }),
      { numRuns: 60 },
    );
  });
});
