import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { telTarget, dialString } from '../../../frontend-ts/src/page/telUri';
import { refreshDelayMs, tokenExpiry } from '../../../frontend-ts/src/session/tokenSource';

describe('page helpers', () => {
  it('reads the number out of tel: links', () => {
    expect(telTarget('tel:+33612345678')).toEqual({ number: '+33612345678' });
    expect(telTarget('tel:%2B33%206%2012%2034%2056%2078')).toEqual({ number: '+33 6 12 34 56 78' });
    expect(telTarget('tel:+33612345678;phone-context=example.com')).toEqual({ number: '+33612345678' });
    expect(telTarget('tel:')).toBeNull();
    expect(telTarget('tel:%E0%A4%A')).toBeNull();
    expect(telTarget(`tel:${'1'.repeat(80)}`)).toBeNull();
  });

  it('keeps the RFC 3966 extension of tel: links, for the bridge to dial as DTMF', () => {
    expect(telTarget('tel:+12127365000;ext=12')).toEqual({ number: '+12127365000', extension: '12' });
    expect(telTarget('TEL:0612345678;EXT=1-2')).toEqual({ number: '0612345678', extension: '12' });
    expect(telTarget('tel:+12127365000;isub=9;ext=0012')).toEqual({ number: '+12127365000', extension: '0012' });
    expect(telTarget('tel:+12127365000;ext=')).toEqual({ number: '+12127365000' });
    expect(telTarget('tel:+12127365000;ext=%E0%A4%A')).toBeNull();
    expect(telTarget(`tel:+12127365000;ext=${'1'.repeat(60)}`)).toBeNull();
    expect(dialString({ number: '+12127365000', extension: '12' })).toBe('+12127365000 ext. 12');
    expect(dialString({ number: '+12127365000' })).toBe('+12127365000');
    // Junk in the extension is handed on as is: the bridge refuses it with the reason.
    expect(dialString(telTarget('tel:0612345678;ext=1%0D%0AAction:%20Originate')!)).toBe('0612345678 ext. 1\r\nAction: Originate');
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
