import fc from 'fast-check';
import { encodeMessage, AmiFrameError } from '../../../bridge/src/ami/writer';
import { actions, md5Key, originateOutcome } from '../../../bridge/src/ami/actions';
import { backoffDelay } from '../../../bridge/src/ami/backoff';
import { AmiConfig } from '../../../bridge/src/ami/config';
import { parseAll } from '../../../bridge/src/ami/framer';

describe('AMI frame writer', () => {
  test('encodes headers with CRLF and a closing blank line; arrays repeat the key', () => {
    expect(encodeMessage({ Action: 'Originate', Variable: ['A=1', 'B=2'], Skip: undefined, Priority: 1 })).toBe(
      'Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\nPriority: 1\r\n\r\n',
    );
  });

  test.each([
    ['CR LF in a value', { Action: 'Hangup', Channel: 'PJSIP/7001\r\nAction: Originate' }],
    ['LF in a value', { Action: 'Hangup', Channel: 'x\nAction: Originate' }],
    ['CR in a value', { Action: 'Hangup', Channel: 'x\r' }],
    ['NUL in a value', { Action: 'Hangup', Channel: 'x\u0000' }],
    ['ESC in a value', { Action: 'Hangup', Channel: 'x\u001b[2J' }],
    ['DEL in a value', { Action: 'Hangup', Channel: 'x\u007f' }],
    ['CRLF in a key', { 'Action\r\nEvil': 'x' }],
    ['colon in a key', { 'Act:ion': 'x' }],
    ['space in a key', { 'Act ion': 'x' }],
  ])('refuses %s', (_why, fields) => {
    expect(() => encodeMessage(fields as Record<string, string>)).toThrow(AmiFrameError);
  });

  test('property: any value with a control character is refused; any other value round-trips as one header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u001f\u007f]/.test(value)) {
          expect(() => encodeMessage({ Action: 'Ping', X: value })).toThrow(AmiFrameError);
          return;
        }
        const m = parseAll(encodeMessage({ Action: 'Ping', X: value })).messages;
        expect(m).toHaveLength(1);
        expect(m[0]!.size).toBe(2);
      }),
      { numRuns: 500 },
    );
  });
});

describe('AMI action helpers', () => {
  test('MD5 key is md5(challenge + secret)', () => {
    // md5("145769581" + "secret")
    expect(md5Key('145769581', 'secret')).toBe(require('node:crypto').createHash('md5').update('145769581secret').digest('hex'));
    expect(md5Key('1', 'a')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('Originate is always async and carries ChannelId/OtherChannelId', () => {
    const a = actions.originate({ channel: 'PJSIP/7001', context: 'from-internal', exten: '+33612345678', priority: 1, timeoutMs: 30000, channelId: 'c1', otherChannelId: 'c2' });
    expect(a).toMatchObject({ Action: 'Originate', Async: 'true', ChannelId: 'c1', OtherChannelId: 'c2' });
  });

  test('OriginateResponse reasons', () => {
    expect(['4', '3', '5', '8', '0', '1', undefined].map(originateOutcome)).toEqual(['answered', 'no-answer', 'busy', 'congestion', 'failed', 'failed', 'failed']);
  });

  test('backoff grows exponentially with jitter, capped', () => {
    for (let n = 0; n < 12; n++) {
      const ceiling = Math.min(1000, 10 * 2 ** n);
      expect(backoffDelay(n, 10, 1000, () => 0)).toBe(Math.max(1, Math.round(ceiling / 2)));
      expect(backoffDelay(n, 10, 1000, () => 1)).toBe(ceiling);
      const d = backoffDelay(n, 10, 1000);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2 - 1);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });

  test('config schema: defaults and refusals', () => {
    const c = AmiConfig.parse({ username: 'u', secret: 's' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 5038, tls: false, authType: 'md5', reconnect: { minMs: 500, maxMs: 30000 } });
    expect(AmiConfig.safeParse({ username: 'u', secret: 's', authType: 'digest' }).success).toBe(false);
    expect(AmiConfig.safeParse({ username: 'u', secret: 's', reconnect: { minMs: 10, maxMs: 5 } }).success).toBe(false);
    expect(AmiConfig.safeParse({ username: 'u', secret: 's', events: 'on\r\nAction: x' }).success).toBe(false);
  });
});
