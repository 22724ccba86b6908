import fc from 'fast-check';
import { normalizePhone, formatForDial, isExtension, MAX_EXTENSION_DIGITS } from '../../../bridge/src/phone/normalize';
import { runPhone } from '../../../bridge/src/commands/phone';

describe('normalizePhone', () => {
  test.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['(0)6-12-34-56-78', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'US', '+33612345678'],
    ['0033 6 12 34 56 78', 'DE', '+33612345678'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(201) 555-0123', 'US', '+12015550123'],
    [' 0155501234 ', 'fr', '+33155501234'],
  ])('%s (%s) -> %s', (input, region, e164) => {
    expect(normalizePhone(input, region)).toMatchObject({ ok: true, e164 });
  });

  test.each([
    ['0612345678\r\nAction: Originate', /control character/],
    ['0612345678\n', /control character/],
    ['06123\u00004567', /control character/],
    ['0612345678;ext=12', /only contain digits/],
    ['1-800-FLOWERS', /only contain digits/],
    ['tel:+33612345678', /only contain digits/],
    ['06 12 34 56 78 ext 5 foo', /only contain digits/],
    ['06 12 34 56 78 ext 5 ext 6', /only contain digits/],
    ['06 12 34 56 78 ext', /extension has no digits/],
    ['06 12 34 56 78 poste', /extension has no digits/],
    ['06 12 34 56 78 ext 5 6', /not a phone number/],
    [`+1 212-736-5000 ext. ${'1'.repeat(MAX_EXTENSION_DIGITS + 1)}`, /extension is too long/],
    ['+1 212-736-5000 ext. 12\r\nAction: Originate', /control character/],
    ['0'.repeat(49), /too long/],
    ['', /empty/],
    ['  ', /empty/],
    ['12', /not a (valid )?phone number/],
    ['06 12 34', /not a valid phone number/],
    ['33+612345678', /\+ may only start/],
    ['++33612345678', /\+ may only start/],
  ])('refuses %j', (input, reason) => {
    const r = normalizePhone(input, 'FR');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  // libphonenumber splits the extension off; the main number alone is indexed and dialled.
  test.each([
    ['+1 212-736-5000 ext. 12', 'FR', '+12127365000', '12'],
    ['(212) 736-5000 x12', 'US', '+12127365000', '12'],
    ['212.736.5000 x 12', 'US', '+12127365000', '12'],
    ['+1 (212) 736-5000 extension 12345', 'FR', '+12127365000', '12345'],
    ['01 23 45 67 89 poste 123', 'FR', '+33123456789', '123'],
    ['01 23 45 67 89 POSTE 123', 'FR', '+33123456789', '123'],
    ['01 23 45 67 89 p. 12', 'FR', '+33123456789', '12'],
    ['+33 1 23 45 67 89 #45', 'US', '+33123456789', '45'],
    ['+33 1 23 45 67 89 # 45#', 'US', '+33123456789', '45'],
    ['020 7946 0958, 7', 'GB', '+442079460958', '7'],
    ['0033 1 23 45 67 89 ext 0012', 'DE', '+33123456789', '0012'],
  ])('%s (%s) -> %s extension %s', (input, region, e164, extension) => {
    const r = normalizePhone(input, region);
    expect(r).toMatchObject({ ok: true, e164, extension });
    if (r.ok) expect(r.national).not.toMatch(/ext/);
  });

  test('a number without an extension has none', () => {
    expect(normalizePhone('06 12 34 56 78', 'FR')).not.toHaveProperty('extension');
  });

  test('refuses non-strings and unknown regions', () => {
    expect(normalizePhone(612345678, 'FR').ok).toBe(false);
    expect(normalizePhone('0612345678', 'XX').ok).toBe(false);
    expect(normalizePhone('0612345678', 'FR\r\n').ok).toBe(false);
  });

  test('property: the output, when any, is pure E.164 (nothing else can reach a frame)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[+0-9 ().\-\r\n;a-z]{0,30}$/)), fc.constantFrom('FR', 'GB', 'US', 'DE'), (s, cc) => {
        const r = normalizePhone(s, cc);
        if (r.ok) expect(r.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
      { numRuns: 1000 },
    );
  });

  test('property: an extension, when any, is only digits and at most the cap (it becomes DTMF in AMI frames)', () => {
    const label = fc.constantFrom(' ext. ', ' x', ' poste ', ' #', ', ', ' p. ', ' ext ', ' X ');
    const tail = fc.oneof(fc.stringMatching(/^[0-9]{0,20}$/), fc.string({ maxLength: 12 }), fc.constantFrom('12\r\n', '1;2', '12 Action', '1\u00002'));
    fc.assert(
      fc.property(fc.constantFrom('+1 212-736-5000', '01 23 45 67 89', '06 12 34 56 78'), label, tail, (main, l, t) => {
        const r = normalizePhone(`${main}${l}${t}`, 'FR');
        if (r.ok && r.extension !== undefined) {
          expect(r.extension).toMatch(new RegExp(`^[0-9]{1,${MAX_EXTENSION_DIGITS}}$`));
          // Every digit typed after the label is in the extension, none dropped, none added.
          expect(t.replace(/[^0-9]/g, '')).toBe(r.extension);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('dial formats', () => {
    expect(formatForDial('+33612345678', 'e164', 'FR')).toBe('+33612345678');
    expect(formatForDial('+33612345678', 'digits', 'FR')).toBe('33612345678');
    expect(formatForDial('+33612345678', 'national', 'FR')).toBe('0612345678');
    expect(formatForDial('+442079460958', 'national', 'FR')).toBe('+442079460958');
  });

  test('internal extensions', () => {
    const p = /^\d{2,6}$/;
    expect(isExtension('7003', p)).toBe(true);
    expect(isExtension('7003\r\n', p)).toBe(false);
    expect(isExtension('70a3', p)).toBe(false);
    expect(isExtension(7003, p)).toBe(false);
  });
});

describe('`bandeau-bridge phone` (runPhone)', () => {
  const run = (n: string, o: { country?: string } = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runPhone(n, o, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };

  test('prints E.164', () => {
    expect(run('06 12 34 56 78', { country: 'FR' })).toEqual({ code: 0, out: ['+33612345678'], err: [] });
    expect(run('020 7946 0958', { country: 'GB' }).out).toEqual(['+442079460958']);
  });

  test('prints the extension as an RFC 3966 parameter', () => {
    expect(run('+1 212-736-5000 ext. 12', { country: 'FR' })).toEqual({ code: 0, out: ['+12127365000;ext=12'], err: [] });
    expect(run('01 23 45 67 89 poste 123', { country: 'FR' }).out).toEqual(['+33123456789;ext=123']);
  });

  test('a clear error on stderr and exit code 1', () => {
    const r = run('06 12 AB', { country: 'FR' });
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/^phone: .* is refused: the number may only contain digits/);
  });
});
