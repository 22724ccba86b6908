/**
 * AGI command injection (issue 15): a customer name, message or order id full of quotes,
 * backslashes and newlines never becomes a second command, by construction of the encoder.
 */
import fc from 'fast-check';
import { agiValue, BANDEAU_VARIABLES, checkedDecision, customerNameAscii, decisionVariables, setVariableLine } from '../../../bridge/src/routing/agi';
import { parseAgiArgs, runFastAgi } from '../../../bridge/src/testpeer/agiClient';
import { salesDecision, startAgi } from './agiSupport';

/** Strings rich in what would break out of a quoted AGI argument or a line. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('"', '\\', '\n', '\r', '\r\n', '\0', ' ', '\t', 'EXEC Dial(PJSIP/0899)', '\u2028', '\u0085', 'é', 'ß', '"\nHANGUP\n', 'a')).map((a) => a.join('')),
);

describe('AGI value encoding', () => {
  it('every SET VARIABLE line is one line that Asterisk parses into exactly [SET, VARIABLE, name, value]', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BANDEAU_VARIABLES), hostile, (name, value) => {
        const line = setVariableLine(name, value);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(line).toMatch(/^[\x20-\x7e]+\n$/);
        expect(parseAgiArgs(line.slice(0, -1))).toEqual(['SET', 'VARIABLE', name, agiValue(value)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps printable ASCII values as they are, except " and \\', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 }), (s) => {
        expect(agiValue(s)).toBe(s.replace(/["\\]/g, ''));
      }),
    );
  });

  it('a whole decision with hostile fields gives ten SET VARIABLE lines, in order, nothing else', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (name, message, order, lang, route) => {
        const { decision } = checkedDecision(salesDecision({ customer: { id: 9, name }, message, order, lang, route }));
        const lines = decisionVariables(decision).map(([n, v]) => setVariableLine(n, v));
        const wire = lines.join('');
        expect(wire.split('\n')).toHaveLength(11);
        expect(wire.split('\n').slice(0, 10).map((l) => parseAgiArgs(l).slice(0, 3).join(' '))).toEqual(BANDEAU_VARIABLES.map((v) => `SET VARIABLE ${v}`));
        expect(wire.split('\n').slice(0, 10).every((l) => parseAgiArgs(l).length === 4)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('customer name for CALLERID(name)', () => {
  it('follows the contract: NFKD, marks stripped, [A-Za-z0-9 .\'-] only, at most 40 characters', () => {
    expect(customerNameAscii('Camille Dürand')).toBe('Camille Durand');
    expect(customerNameAscii('Zoë O\'Brien-Léger Jr.')).toBe('Zoe O\'Brien-Leger Jr.');
    expect(customerNameAscii('Søren Ærø Straße Łukasz')).toBe('Soren AEro Strasse Lukasz');
    expect(customerNameAscii('Ελένη 王 "Evil"\nEXEC System(rm -rf /)')).toBe('Evil EXEC Systemrm -rf');
    expect(customerNameAscii('ﬁnn Ｗｉｄｅ')).toBe('finn Wide');
    expect(customerNameAscii('A'.repeat(60))).toHaveLength(40);
    expect(customerNameAscii('')).toBe('');
    expect(customerNameAscii(null)).toBe('');
    fc.assert(fc.property(hostile, (s) => expect(customerNameAscii(s)).toMatch(/^(?:[A-Za-z0-9.'-](?:[A-Za-z0-9 .'-]{0,38}[A-Za-z0-9.'-])?)?$/)));
  });
});

describe('injection end to end, against the Asterisk client', () => {
  it('a hostile customer name and message set ten variables and run no other command', async () => {
    const h = await startAgi({
      decide: async () => salesDecision({
        customer: { id: 2, name: 'Camille"\nEXEC Dial(PJSIP/0899123456)\nSET VARIABLE BANDEAU_ROUTE "vip\\' },
        message: 'bandeau/x"\nEXEC System(reboot)',
        order: '000000102\r\nHANGUP',
      }),
    });
    try {
      const r = await runFastAgi({ port: h.port, callerId: '0612345678' });
      expect(r.commands).toHaveLength(10);
      expect(r.commands.every((c) => c.startsWith('SET VARIABLE BANDEAU_'))).toBe(true);
      expect(r.answers.filter((a) => a !== '200 result=1')).toEqual(['HANGUP']);
      expect(Object.fromEntries(r.variables)).toMatchObject({
        BANDEAU_ROUTE: 'sales',
        BANDEAU_CUSTOMER_NAME: 'Camille EXEC DialPJSIP0899123456 SET VAR',
        BANDEAU_MESSAGE: '',
        BANDEAU_ORDER: '',
      });
    } finally {
      await h.stop();
    }
  });
});
