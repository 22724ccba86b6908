import fc from 'fast-check';
import { ContractCall, contractProblems, passesFastContractCheck, toContractCall } from '../../../bridge/src/outbox/record';
import { burstRecord } from './support/records';
import { contractFile } from './support/contract';

const example = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json').call;
const fields = Object.keys(ContractCall.shape);

/** Values at and past every limit the contract sets, and of every wrong type. */
const edgeValue = fc.oneof(
  fc.constantFrom<unknown>(
    null, undefined, true, 0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2,
    100_000, 100_001, 604_800, 604_801, '', 'x', 'x'.repeat(32), 'x'.repeat(33), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(80),
    'x'.repeat(81), 'x'.repeat(128), 'x'.repeat(129), 'inbound', 'outbound', 'internal', 'sideways', 'answered', 'missed',
    'abandoned', 'busy', 'failed', 'voicemail', 'rule', 'no_match', 'timeout', 'Route-1', 'route 1', 'rule_a', 'Rule_A',
    '2024-05-01T12:00:00Z', '2024-05-01T12:00Z', '2024-05-01T12:00:00.123+02:00', '2024-05-01T12:00:00+0200', '2024-05-01 12:00:00',
    '2024-05-01T12:00:00', '２０２４-05-01T12:00:00Z', 'https://pbx.example/r.wav', 'HTTPS://pbx.example/r.wav', 'ftp://pbx.example/r.wav',
    `https://${'x'.repeat(1020)}`, [], ['a'], [''], ['x'.repeat(129)], Array.from({ length: 257 }, (_, i) => `l${i}`), {}, { a: 1 },
  ),
  fc.string({ maxLength: 70 }),
  fc.integer(),
  fc.double(),
);

/** A valid record with some fields set to edge values, some removed, maybe an unknown one added. */
const mutated = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(example, toContractCall(burstRecord('check', 1)), toContractCall(burstRecord('check', 2))),
    fc.array(fc.tuple(fc.constantFrom(...fields), edgeValue), { maxLength: 4 }),
    fc.array(fc.constantFrom(...fields), { maxLength: 2 }),
    fc.option(fc.tuple(fc.constantFrom('extra', 'callId', '__proto__x'), edgeValue)),
  )
  .map(([base, sets, removed, extra]) => {
    const call: Record<string, unknown> = { ...base };
    for (const [k, v] of sets) call[k] = v;
    for (const k of removed) delete call[k];
    if (extra) call[extra[0]] = extra[1];
    return call;
  });

describe('the call contract check', () => {
  it('gives zod’s verdict and reason for every record, the fast check never accepting what zod refuses', () => {
    fc.assert(
      fc.property(mutated, (call) => {
        const zod = ContractCall.safeParse(call);
        if (passesFastContractCheck(call)) expect(zod.success).toBe(true);
        const problems = contractProblems(call);
        expect(problems === null).toBe(zod.success);
        if (!zod.success) expect(problems).toMatch(/^invalid call record: /);
      }),
      { numRuns: 5000, seed: 18 },
    );
  });

  it('settles the records the bridge makes with the fast check alone', () => {
    for (let i = 0; i < 50; i++) expect(passesFastContractCheck(toContractCall(burstRecord('fast', i)))).toBe(true);
    expect(passesFastContractCheck(example)).toBe(true);
  });

  it('keeps zod’s reasons for a bad record', () => {
    expect(contractProblems({ ...example, started_at: 'yesterday', from: 'x'.repeat(65) })).toBe(
      'invalid call record: from: Too big: expected string to have <=64 characters; started_at: must be an ISO-8601 time',
    );
  });

  it('takes a recording URL with an upper-case scheme, as zod does, though the JSON Schema refuses it', () => {
    const call = { ...example, recording_url: 'HTTPS://pbx.example/r.wav' };
    expect(passesFastContractCheck(call)).toBe(false);
    expect(contractProblems(call)).toBeNull();
  });
});
