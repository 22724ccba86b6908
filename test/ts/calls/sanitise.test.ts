import { FIELD_CAPS, UNKNOWN_NUMBER, cleanChannel, cleanId, cleanNumber, cleanText } from '../../../bridge/src/calls/sanitise';
import { Call } from '../../../bridge/src/protocol/messages';

/** What the module's CallValidator refuses in from/to (app/code/Bandeau/Cti/Model/Call/CallValidator.php). */
// eslint-disable-next-line no-control-regex
const PHP_REFUSES = /[\x00-\x1f\x7f]/;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;

describe('PBX string sanitiser', () => {
  test('what Asterisk normally sends is kept as it is (the same string)', () => {
    for (const n of ['+33612345678', '0612345678', '7001', '*97', '#31#', 'anonymous', 'trunk_out', UNKNOWN_NUMBER, 's', '']) expect(cleanNumber(n)).toBe(n);
    for (const t of ['Client Dupont', 'from-internal', 'support-queue', 'Camille Durand']) expect(cleanText(t)).toBe(t);
    for (const c of ['PJSIP/trunk-0000002a', 'Local/7001@from-queue-00000003;1', 'SIP/7002-00000001']) expect(cleanChannel(c)).toBe(c);
    for (const id of ['1796049326.12', 'pbx-1796049326.12']) expect(cleanId(id)).toBe(id);
  });

  test('the issue\'s caller ID: escape sequence, bell and carriage return gone, the digits kept', () => {
    expect(cleanNumber('+3369\u001b[2J\u0007\r99999')).toBe('+336999999');
  });

  test.each([
    ['C0 controls', '+33\u0000612\u0001345\u001f678', '+33612345678'],
    ['DEL and C1 controls', '+33\u007f612\u0085345\u0080678', '+33612345678'],
    ['an 8-bit CSI sequence (U+009B), removed whole', '+33612345678\u009b2J', '+33612345678'],
    ['bidi override (U+202E)', '\u202e+33612345678', '+33612345678'],
    ['zero-width space and joiner (U+200B, U+200D)', '+336\u200b1234\u200d5678', '+33612345678'],
    ['BOM and soft hyphen', '\ufeff+33612\u00ad345678', '+33612345678'],
    ['lone surrogates', '+336\ud80012345678\udc00', '+33612345678'],
    ['spaces, tabs, NBSP, dots and brackets of a typed number', '(+33) 6\t12\u00a034.56.78', '+33612345678'],
    ['letters among the digits of a number that also had invisible characters', '+33612\u0000AB345678', '+33612345678'],
    ['a terminal title sequence (OSC)', '\u001b]0;pwned\u0007+33612345678', '+33612345678'],
  ])('numbers: %s', (_what, raw, clean) => {
    expect(cleanNumber(raw)).toBe(clean);
  });

  test('a number that is nothing but invisible characters becomes <unknown>, as Asterisk says', () => {
    expect(cleanNumber('\u0007\u202e\u200b\r\n')).toBe(UNKNOWN_NUMBER);
    expect(cleanNumber('+\u0000')).toBe(UNKNOWN_NUMBER);
  });

  test('a word in a number field keeps letters, digits and + * # _ . @ -', () => {
    expect(cleanNumber('anony\u0000mous')).toBe('anonymous');
    expect(cleanNumber('alice smith"<x>')).toBe('alicesmithx');
  });

  test('lengths are capped per field', () => {
    expect(cleanNumber('+33' + '6'.repeat(5000))).toHaveLength(FIELD_CAPS.number);
    expect(cleanNumber('7'.repeat(100))).toHaveLength(FIELD_CAPS.number);
    expect(cleanText('Dupont '.repeat(1000))).toHaveLength(FIELD_CAPS.name);
    expect(cleanText('Dupont\u0000 '.repeat(1000)).length).toBeLessThanOrEqual(FIELD_CAPS.name);
    expect(cleanChannel('PJSIP/' + 'x'.repeat(1000))).toHaveLength(FIELD_CAPS.channel);
    expect(cleanId('1'.repeat(1000))).toHaveLength(FIELD_CAPS.id);
  });

  test('names: control and format characters removed, white space collapsed, letters of every script kept', () => {
    expect(cleanText('Client\u001b[31m Dupont\u0007')).toBe('Client Dupont');
    expect(cleanText('  Jean\t\r\n  Dupont  ')).toBe('Jean Dupont');
    expect(cleanText('\u202eevil\u202c name')).toBe('evil name');
    expect(cleanText('Zoë Ångström 李雷 محمد')).toBe('Zoë Ångström 李雷 محمد');
    expect(cleanText('a\u2028b\u2029c')).toBe('a b c');
  });

  test('a name cut at the cap never ends in half a surrogate pair', () => {
    const s = 'x'.repeat(FIELD_CAPS.name - 1) + '😀';
    const out = cleanText(s);
    expect(out).toBe('x'.repeat(FIELD_CAPS.name - 1));
    expect(INVISIBLE.test(out)).toBe(false);
  });

  test('channel names and ids keep no space nor invisible character', () => {
    expect(cleanChannel('PJSIP/trunk\u0000-0000\r\n002a')).toBe('PJSIP/trunk-0000002a');
    expect(cleanChannel('\u0007\u200b')).toBeUndefined();
    expect(cleanId('1796049326.12\u202e')).toBe('1796049326.12');
    expect(cleanId(' 1796 049326.12 ')).toBe('1796049326.12');
  });

  test('whatever comes in, a cleaned number passes the protocol schema and the module validator', () => {
    const nasty = ['+3369\u001b[2J\u0007\r99999', '\ud800', '\u202e\u200b', 'x'.repeat(10_000), '\u0000'.repeat(50), '<script>', '"; DROP TABLE', '\u009b31m+33'];
    for (const raw of nasty) {
      const n = cleanNumber(raw);
      expect(PHP_REFUSES.test(n)).toBe(false);
      expect(INVISIBLE.test(n)).toBe(false);
      expect(Buffer.byteLength(n, 'utf8')).toBeLessThanOrEqual(64);
      const call = { id: 'c1', direction: 'inbound', state: 'ringing', from: n, to: n, rung: [], answeredBy: null, startedAt: '2026-01-01T00:00:00.000Z', answeredAt: null, endedAt: null, disposition: null };
      expect(Call.safeParse(call).success).toBe(true);
    }
  });
});
