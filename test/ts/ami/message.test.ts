import fc from 'fast-check';
import { AmiMessage } from '../../../bridge/src/ami/message';

describe('AmiMessage lookups', () => {
  test('any header names, in any case, find their first value (shared lower-case names never mix two names up)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const m = new AmiMessage();
        for (const [k, v] of pairs) m.add(k, v);
        expect(m.headers).toEqual(pairs);
        expect(m.size).toBe(pairs.length);
        for (const [k] of pairs) {
          const same = pairs.filter(([x]) => x.toLowerCase() === k.toLowerCase()).map(([, v]) => v);
          for (const asked of [k, k.toUpperCase(), k.toLowerCase()]) {
            expect(m.has(asked)).toBe(true);
            expect(m.get(asked)).toBe(same[0]);
            expect(m.getAll(asked)).toEqual(same);
          }
        }
        expect(m.get('no-such-header-at-all-here-x')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  test('kind, name and plain object view', () => {
    const m = AmiMessage.from([
      ['Event', 'Hangup'],
      ['Uniqueid', '1.1'],
      ['Uniqueid', '1.2'],
    ]);
    expect(m.kind).toBe('event');
    expect(m.name).toBe('Hangup');
    expect(m.toObject()).toEqual({ Event: 'Hangup', Uniqueid: '1.2' });
    m.add('Cause', '16');
    expect(m.headers.map(([k]) => k)).toEqual(['Event', 'Uniqueid', 'Uniqueid', 'Cause']);
    expect(AmiMessage.from({ Response: 'Success', ActionID: 'a' }).kind).toBe('response');
    expect(AmiMessage.from({ Action: 'Ping' }).kind).toBe('action');
    expect(new AmiMessage().kind).toBe('unknown');
  });
});
