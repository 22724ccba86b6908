import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { telNumber } from '../../../frontend-ts/src/page/telUri';
import { refreshDelayMs, tokenExpiry } from '../../../frontend-ts/src/worker/tokenSource';

describe('page helpers', () => {
  it('reads the number out of tel: links', () => {
    expect(telNumber('tel:+33612345678')).toBe('+33612345678');
    expect(telNumber('tel:%2B33%206%2012%2034%2056%2078')).toBe('+33 6 12 34 56 78');
    expect(telNumber('TEL:0612345678;ext=12')).toBe('0612345678');
    expect(telNumber('tel:')).toBeNull();
    expect(telNumber('tel:%E0%A4%A')).toBeNull();
    expect(telNumber(`tel:${'1'.repeat(80)}`)).toBeNull();
  });

  it('translates with placeholders and falls back to English', () => {
    const fr = makeTranslator({ 'Inbound call from %1': 'Appel entrant de %1' });
    expect(fr('Inbound call from %1', '+336')).toBe('Appel entrant de +336');
    expect(fr('Connected')).toBe('Connected');
  });

  it('schedules token renewal at 75% of the remaining life, never sooner than 5 s', () => {
    const now = 1_000_000_000_000;
    expect(refreshDelayMs(now / 1000 + 900, now)).toBe(675_000);
    expect(refreshDelayMs(now / 1000 + 2, now)).toBe(5_000);
  });

  it('reads exp from a JWT without trusting it for anything else', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1234 })).toString('base64url');
    expect(tokenExpiry(`x.${payload}.y`)).toBe(1234);
    expect(tokenExpiry('garbage')).toBeNull();
  });
});
