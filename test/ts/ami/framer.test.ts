import fc from 'fast-check';
import { AmiFramer, parseAll } from '../../../bridge/src/ami/framer';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { allCaptures, readCapture, shape } from './support';

function feed(chunks: Array<Buffer | string>, limits = {}) {
  const messages: AmiMessage[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const banners: string[] = [];
  const f = new AmiFramer({ message: (m) => messages.push(m), warning: (w) => warnings.push(w), error: (e) => errors.push(e), banner: (b) => banners.push(b) }, limits);
  for (const c of chunks) f.push(c);
  f.end();
  return { messages, warnings, errors, banners, framer: f };
}

describe('AMI framer on real captures', () => {
  test('answered.txt (CRLF) gives 20 events with channel snapshots', () => {
    const r = parseAll(readCapture('pyfreepbx/answered.txt'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.messages).toHaveLength(20);
    const first = r.messages[0]!;
    expect(first.event).toBe('Newchannel');
    expect(first.get('UNIQUEID')).toBe('1781704172.3807878');
    expect(first.get('accountcode')).toBe('');
    expect(first.get('ConnectedLineNum')).toBe('<unknown>');
    expect(first.value('ConnectedLineNum')).toBeUndefined();
    expect(first.value('AccountCode')).toBeUndefined();
  });

  test('CRLF and LF line endings give identical messages', () => {
    const crlf = readCapture('pyfreepbx/answered.txt').toString('utf8');
    const lf = crlf.replace(/\r\n/g, '\n');
    expect(crlf).not.toBe(lf);
    expect(shape(parseAll(lf).messages)).toEqual(shape(parseAll(crlf).messages));
    const mixed = crlf.split('\r\n').map((l, i) => l + (i % 2 ? '\n' : '\r\n')).join('');
    expect(shape(parseAll(mixed).messages)).toEqual(shape(parseAll(crlf).messages));
  });

  test('repeated keys keep every value in order, lookups are case-insensitive', () => {
    const r = parseAll(readCapture('goami2/getAmiFixtureCall.ami'));
    const nc = r.messages.find((m) => m.event === 'Newstate')!;
    expect(nc.getAll('chanvariable')).toEqual(['realm=', 'SIPDOMAIN=okon.ferry.sip.com', 'SIPCALLID=b5ser03agv7huo7faai5']);
    expect(nc.get('CHANVARIABLE')).toBe('realm=');
  });

  test('a message starting without the blank separator is split and reported, never merged', () => {
    for (const [file, expected] of [
      ['goami2/getAmiFixtureCall.ami', 2],
      ['goami2/getAmiFixtureConfBridge.ami', 2],
      ['goami2/getAmiFixtureQueues.ami', 3],
    ] as const) {
      const r = parseAll(readCapture(file));
      expect(r.warnings).toHaveLength(expected);
      for (const w of r.warnings) expect(w).toMatch(/without a blank line/);
      for (const m of r.messages) {
        const starts = m.getAll('event').length + m.getAll('response').length;
        expect(starts).toBe(m.kind === 'action' ? 0 : 1);
      }
    }
    const call = parseAll(readCapture('goami2/getAmiFixtureCall.ami')).messages;
    const dialEnd = call.find((m) => m.event === 'DialEnd')!;
    expect(dialEnd.get('DialStatus')).toBe('ANSWER');
    const before = call[call.indexOf(dialEnd) - 1]!;
    expect(before.event).toBe('Newexten');
    expect(before.has('DialStatus')).toBe(false);
  });

  test('a synthetic missing separator between two events is split', () => {
    const r = parseAll('Event: A\r\nX: 1\r\nEvent: B\r\nY: 2\r\n\r\n');
    expect(r.messages.map((m) => m.event)).toEqual(['A', 'B']);
    expect(r.warnings).toHaveLength(1);
  });

  test("OriginateResponse's own Response header is not a new message", () => {
    const r = parseAll(readCapture('pyfreepbx/originate.txt'));
    expect(r.warnings).toEqual([]);
    const o = r.messages.find((m) => m.event === 'OriginateResponse')!;
    expect(o.get('Response')).toBe('Success');
    expect(o.get('Reason')).toBe('4');
    expect(o.get('ActionID')).toBe('OPS494-ORIG-A');
  });

  test('banner line is reported, not parsed as a message', () => {
    const r = parseAll(readCapture('panoramisk/login_ok.txt'));
    expect(r.banners).toEqual(['1.3']);
    expect(r.messages.map((m) => m.kind)).toEqual(['action', 'response', 'event']);
  });

  test('legacy Response: Follows … --END COMMAND-- body', () => {
    const r = parseAll(readCapture('panoramisk/command_core_show_version.txt'));
    const resp = r.messages.find((m) => m.kind === 'response')!;
    expect(resp.get('Response')).toBe('Follows');
    expect(resp.actionId).toBe('action/transaction_uid/1/1');
    expect(resp.commandOutput()).toEqual([expect.stringMatching(/^Asterisk 11\.11\.0/)]);
    const ch = parseAll(readCapture('panoramisk/rasterisk_command.txt')).messages.find((m) => m.kind === 'response')!;
    expect(ch.commandOutput()).toEqual([expect.stringMatching(/^Channel +Location/), '0 active channels', '0 active calls', '2 calls processed']);
  });

  test('legacy body keeps blank lines and Key: Value-looking lines; END may end a line', () => {
    const r = parseAll('Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\nName: x\r\n\r\nEvent: not-one\r\nlast line--END COMMAND--\r\n\r\nEvent: After\r\n\r\n');
    expect(r.messages).toHaveLength(2);
    expect(r.messages[0]!.output).toEqual(['Name: x', '', 'Event: not-one', 'last line']);
    expect(r.messages[1]!.event).toBe('After');
  });

  test('Follows with an empty body (blank line) does not swallow what follows', () => {
    const r = parseAll(readCapture('goami2/getAmiFixtureQueues.ami'));
    const follows = r.messages.find((m) => m.get('response') === 'Follows')!;
    expect(follows.commandOutput()).toEqual([]);
    expect(r.messages.filter((m) => m.kind === 'action').length).toBeGreaterThan(5);
  });

  test('Asterisk 14+ Output: lines', () => {
    const r = parseAll('Response: Success\r\nActionID: 1\r\nMessage: Command output follows\r\nOutput: line one\r\nOutput: \r\nOutput: line: three\r\n\r\n');
    expect(r.messages[0]!.commandOutput()).toEqual(['line one', '', 'line: three']);
  });

  test('lines that are not Key: Value are reported and skipped', () => {
    const r = parseAll('Event: A\r\nnonsense line\r\nB: 1\r\n\r\n');
    expect(r.messages[0]!.get('B')).toBe('1');
    expect(r.warnings[0]).toMatch(/not "Key: Value"/);
  });
});

describe('AMI framer caps', () => {
  test('a line over the cap is reported; parsing resumes after the next blank line', () => {
    const r = feed([`Event: A\r\nBig: ${'x'.repeat(500)}\r\nMore: 1\r\n\r\nEvent: B\r\n\r\n`], { maxLineBytes: 100 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/cap/);
    expect(r.messages.map((m) => m.event)).toEqual(['B']);
  });

  test('an endless line is cut off without buffering it', () => {
    const f = feed([], { maxLineBytes: 64 }).framer;
    const errors: string[] = [];
    const g = new AmiFramer({ message: () => undefined, error: (e) => errors.push(e) }, { maxLineBytes: 64 });
    for (let i = 0; i < 1000; i++) {
      g.push('y'.repeat(50));
      expect(g.bufferedBytes).toBeLessThanOrEqual(65);
    }
    expect(errors).toHaveLength(1);
    expect(f.bufferedBytes).toBe(0);
  });

  test('too many headers in one message', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `K${i}: v`).join('\r\n');
    const r = feed([`Event: A\r\n${lines}\r\n\r\nEvent: B\r\n\r\n`], { maxHeaders: 10 });
    expect(r.errors[0]).toMatch(/more than 10 headers/);
    expect(r.messages.map((m) => m.event)).toEqual(['B']);
  });

  test('too many bytes in one message (legacy body included)', () => {
    const body = Array.from({ length: 200 }, () => 'z'.repeat(40)).join('\r\n');
    const r = feed([`Response: Follows\r\nPrivilege: Command\r\n${body}\r\n--END COMMAND--\r\n\r\nEvent: B\r\n\r\n`], { maxMessageBytes: 1000 });
    expect(r.errors[0]).toMatch(/byte cap/);
    expect(r.messages.map((m) => m.event)).toEqual(['B']);
  });
});

describe('AMI framer properties', () => {
  const files = allCaptures();
  const whole = new Map(files.map((f) => [f, shape(parseAll(readCapture(f)).messages)]));

  test('any split of a capture into chunks gives the same messages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.nat(), { maxLength: 40 }), (file, cuts) => {
        const buf = readCapture(file);
        const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(buf.subarray(prev, p));
          prev = p;
        }
        chunks.push(buf.subarray(prev));
        expect(shape(feed(chunks).messages)).toEqual(whole.get(file));
      }),
      { numRuns: 150 },
    );
  });

  test('byte-by-byte feeding gives the same messages', () => {
    const buf = readCapture('pyfreepbx/originate.txt');
    const chunks = [...buf].map((b) => Buffer.from([b]));
    expect(shape(feed(chunks).messages)).toEqual(whole.get('pyfreepbx/originate.txt'));
  });

  test('random garbage never throws, stays bounded and is reported', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), (chunks) => {
        const errors: string[] = [];
        const warnings: string[] = [];
        const messages: AmiMessage[] = [];
        const f = new AmiFramer({ message: (m) => messages.push(m), error: (e) => errors.push(e), warning: (w) => warnings.push(w) }, { maxLineBytes: 256, maxHeaders: 50, maxMessageBytes: 4096 });
        for (const c of chunks) {
          f.push(Buffer.from(c));
          expect(f.bufferedBytes).toBeLessThanOrEqual(257);
        }
        f.end();
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        const longest = Math.max(0, ...all.toString('latin1').split('\n').map((l) => l.length));
        if (longest > 257) expect(errors.length).toBeGreaterThan(0);
        // Whatever was accepted is well-formed: every header has a key.
        for (const m of messages) for (const [k] of m.headers) expect(k.length).toBeGreaterThan(0);
        // Non-empty garbage lines that are not headers are reported, not silently eaten.
        const junkLines = all.toString('latin1').split('\n').filter((l) => l.replace(/\r$/, '') !== '' && !l.includes(':'));
        if (junkLines.length > 0 && errors.length === 0) expect(warnings.length + f.messages).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  test('after garbage and a blank line, a real message still gets through', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (junk) => {
        const got: AmiMessage[] = [];
        const f = new AmiFramer({ message: (m) => got.push(m), error: () => undefined, warning: () => undefined }, { maxLineBytes: 256 });
        f.push(Buffer.from(junk));
        f.push('\r\n\r\n\r\nEvent: Sentinel\r\nX: 1\r\n\r\n');
        expect(got[got.length - 1]?.event).toBe('Sentinel');
      }),
      { numRuns: 200 },
    );
  });
});

test('a line whose key is only blanks is reported, never accepted as a header', () => {
  const warnings: string[] = [];
  const messages: AmiMessage[] = [];
  const f = new AmiFramer({ message: (m) => messages.push(m), error: () => undefined, warning: (w) => warnings.push(w) });
  f.push('Event: Newchannel\r\n\t: x\r\n : y\r\nChannel: PJSIP/7001-1\r\n\r\n');
  expect(messages).toHaveLength(1);
  expect(messages[0]!.headers.map(([k]) => k)).toEqual(['Event', 'Channel']);
  expect(warnings.filter((w) => /is not "Key: Value"/.test(w))).toHaveLength(2);
});

describe('AMI framer decoding', () => {
  // Whole input goes through the run decoder (many lines at once); byte-by-byte feeding
  // decodes each line on its own: both must agree on any bytes, UTF-8 or not.
  const line = fc.oneof(
    fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/), fc.string({ unit: 'binary', maxLength: 30 })).map(([k, v]) => Buffer.from(`${k}: ${v}`, 'utf8')),
    fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.from('Event: X', 'utf8')),
    fc.constant(Buffer.alloc(0)),
  );
  const input = fc.array(fc.tuple(line, fc.boolean()), { maxLength: 40 }).map((ls) => Buffer.concat(ls.map(([l, crlf]) => Buffer.concat([l, Buffer.from(crlf ? '\r\n' : '\n')]))));

  test('many lines decoded at once equal lines decoded one by one, on any bytes', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 8, max: 64 }), (buf, maxLineBytes) => {
        const whole = feed([buf], { maxLineBytes });
        const bytes = feed([...buf].map((b) => Buffer.from([b])), { maxLineBytes });
        expect(shape(whole.messages)).toEqual(shape(bytes.messages));
        expect(whole.warnings).toEqual(bytes.warnings);
        // Fed byte by byte, a long line is caught before its end ("unterminated"): same count.
        expect(whole.errors.length).toBe(bytes.errors.length);
      }),
      { numRuns: 300 },
    );
  });

  test('UTF-8 values survive any split, even inside a character', () => {
    const text = 'Event: Newchannel\r\nCallerIDName: Zoë Ñandú 🎧 李\r\nChannel: PJSIP/7001-00000001\r\n\r\n';
    const buf = Buffer.from(text.repeat(3), 'utf8');
    for (let cut = 0; cut <= buf.length; cut++) {
      const r = feed([buf.subarray(0, cut), buf.subarray(cut)]);
      expect(r.messages.map((m) => m.get('CallerIDName'))).toEqual(['Zoë Ñandú 🎧 李', 'Zoë Ñandú 🎧 李', 'Zoë Ñandú 🎧 李']);
    }
  });

  test('the line cap counts bytes, not characters', () => {
    const r = feed([`Event: A\r\nName: ${'é'.repeat(30)}\r\n\r\nEvent: B\r\n\r\n`], { maxLineBytes: 40 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/66 bytes, over the 40-byte cap/);
    expect(r.messages.map((m) => m.event)).toEqual(['B']);
  });
});
