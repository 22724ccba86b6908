import { TokenBucket } from '../../../bridge/src/limits/tokenBucket';
import { SampledLog } from '../../../bridge/src/limits/sampledLog';

describe('token bucket and sampled log (limits/)', () => {
  it('gives its burst at once, then refills evenly over the interval', () => {
    const b = new TokenBucket({ burst: 10, intervalS: 10 }, 0);
    for (let i = 0; i < 10; i++) expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(false);
    expect(b.take(999)).toBe(false);
    expect(b.take(1_000)).toBe(true);
    expect(b.take(1_000)).toBe(false);
    expect(b.isFull(5_000)).toBe(false);
    expect(b.isFull(11_000)).toBe(true);
    // A clock going back refills nothing.
    expect(b.take(500)).toBe(true);
  });

  it('logs the first N of a key, then one per interval with how many were left out', () => {
    const s = new SampledLog(2, 60_000);
    const at = (t: number) => s.sample('agent:1', t);
    expect(at(0)).toEqual({ log: true, suppressed: 0 });
    expect(at(1)).toEqual({ log: true, suppressed: 0 });
    for (let i = 0; i < 500; i++) expect(at(2 + i).log).toBe(false);
    expect(at(60_001)).toEqual({ log: true, suppressed: 500 });
    expect(at(60_002).log).toBe(false);
    // Other keys have their own allowance.
    expect(s.sample('agent:2', 60_003)).toEqual({ log: true, suppressed: 0 });
  });
});
