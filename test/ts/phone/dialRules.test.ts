import fc from 'fast-check';
import { compileDialRules, internalDial, resolveDial, INTERNAL_MAX } from '../../../bridge/src/phone/dialRules';
import { normalizePhone } from '../../../bridge/src/phone/normalize';

const DEFAULT = compileDialRules({ extensionPattern: '^[0-9]{2,6}$', featureCodePattern: '\\*[0-9]{2,6}' });

describe('dial rules: extensions and feature codes', () => {
  test.each([
    ['7002', 'extension'],
    [' 7002 ', 'extension'],
    ['12', 'extension'],
    ['*97', 'feature'],
    ['*7002', 'feature'],
  ] as const)('%j dials as %s', (input, kind) => {
    expect(internalDial(input, DEFAULT)).toEqual({ kind, exten: input.trim() });
  });

  test.each(['1', '1234567', '*9', '*1234567', '#97', '97#', '7002*', '70 02', '7002\r\n', '\t7002', '7002\r\nAction: Originate', '7002;x', '7002@from-internal', 'PJSIP/7002', '', '٧٠٠٢'])(
    '%j is not an internal dial string',
    (input) => {
      expect(internalDial(input, DEFAULT)).toBeNull();
    },
  );

  test('patterns match the whole entry, however they are written', () => {
    const loose = compileDialRules({ extensionPattern: '[0-9]{3}', featureCodePattern: '\\*9' });
    expect(internalDial('700', loose)).toMatchObject({ kind: 'extension' });
    expect(internalDial('7002', loose)).toBeNull();
    expect(internalDial('*97', loose)).toBeNull();
    expect(internalDial('*9', loose)).toMatchObject({ kind: 'feature' });
  });

  test('a pattern that allows anything still lets only digits, * and # through, at most 16', () => {
    const open = compileDialRules({ extensionPattern: '.*', featureCodePattern: '[\\s\\S]*' });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = internalDial(s, open);
        if (r) expect(r.exten).toMatch(new RegExp(`^[0-9*#]{1,${INTERNAL_MAX}}$`));
      }),
    );
    for (const evil of ['7002\r\nAction: Originate', '7002,1', '7002&PJSIP/7003', '${EXTEN}', 'from-internal', '7002/n', '1'.repeat(17)]) {
      expect(internalDial(evil, open)).toBeNull();
    }
  });

  test("'' allows nothing of that kind; a broken pattern allows nothing and is reported", () => {
    const none = compileDialRules({ extensionPattern: '', featureCodePattern: '' });
    expect(internalDial('7002', none)).toBeNull();
    expect(internalDial('*97', none)).toBeNull();
    const broken = compileDialRules({ extensionPattern: '[0-9', featureCodePattern: '\\*[0-9]{2}' });
    expect(broken.broken).toEqual(['[0-9']);
    expect(internalDial('7002', broken)).toBeNull();
    expect(internalDial('*97', broken)).toMatchObject({ kind: 'feature' });
  });
});

describe('resolveDial: what an entry dials, or why not', () => {
  test('an outside number is normalised and put in the dial format; its extension is kept for DTMF', () => {
    expect(resolveDial('06 12 34 56 78', DEFAULT, 'FR', 'e164')).toEqual({ ok: true, kind: 'number', e164: '+33612345678', exten: '+33612345678' });
    expect(resolveDial('06 12 34 56 78', DEFAULT, 'FR', 'national')).toMatchObject({ exten: '0612345678' });
    expect(resolveDial('+1 212-736-5000 ext. 12', DEFAULT, 'FR', 'digits')).toEqual({ ok: true, kind: 'number', e164: '+12127365000', exten: '12127365000', extension: '12' });
  });

  test('an extension or a feature code is dialled as typed', () => {
    expect(resolveDial('7002', DEFAULT, 'FR', 'e164')).toEqual({ ok: true, kind: 'extension', exten: '7002' });
    expect(resolveDial('*97', DEFAULT, 'FR', 'e164')).toEqual({ ok: true, kind: 'feature', exten: '*97' });
  });

  test.each([
    ['1', 'not_extension'],
    ['1234567', 'not_extension'],
    ['*9', 'feature_code'],
    ['#31#', 'feature_code'],
    ['06 12 34', 'invalid'],
    ['0'.repeat(49), 'too_long'],
    ['06 12 34 56 78\r\nAction: Originate', 'control'],
    ['Dupont', 'characters'],
    ['33+612345678', 'plus'],
    ['06 12 34 56 78 ext', 'extension_empty'],
    ['', 'empty'],
  ] as const)('%j is refused with reason %s', (input, code) => {
    const r = resolveDial(input, DEFAULT, 'FR', 'e164');
    expect(r).toMatchObject({ ok: false, code });
    expect(r.ok ? '' : r.reason.length).toBeGreaterThan(5);
  });

  test('every refusal of normalizePhone carries a reason code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const n = normalizePhone(s, 'FR');
        if (!n.ok) expect(n.code).toMatch(/^[a-z_]+$/);
      }),
    );
  });
});
