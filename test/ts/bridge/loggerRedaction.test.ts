/**
 * The bridge's logger redacts fields that can carry a phone number or a name (issue 14, point 5),
 * wherever a log call puts them: top level, nested, in child-logger bindings, AMI field names.
 */
import { REDACTED, createLogger, redactDigits } from '../../../bridge/src/logger';

function capture(): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger('debug', { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) }) };
}

describe('log redaction', () => {
  it('masks numbers and names at the top, nested and in bindings; keeps ids and extensions', () => {
    const { lines, logger } = capture();
    logger.info({ callId: '1700.1', from: '+33612345678', to: '7001', call: { call_id: '1700.1', from: '0612345678', names: { '+33612345678': 'Client Dupont' }, consult: { target: '0698765432' } } }, 'x');
    logger.child({ name: 'Bruno Petit', ext: '7002' }).warn({ CallerIDNum: '0612345678', CallerIDName: 'Client Dupont', m: { ConnectedLineNum: '0612345678' } }, 'y');
    logger.child({ part: 'calls' }).child({ callerName: 'Client Dupont' }).info('z');
    const mine = { callId: '1', from: '+33612345678' };
    logger.info(mine, 'the caller\'s object is left as it was');
    expect(mine.from).toBe('+33612345678');
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/612345678|698765432|Dupont|Bruno/);
    expect(lines[0]).toMatchObject({ callId: '1700.1', from: REDACTED, to: REDACTED, call: { call_id: '1700.1', from: REDACTED, names: REDACTED, consult: { target: REDACTED } } });
    expect(lines[1]).toMatchObject({ ext: '7002', name: REDACTED, CallerIDNum: REDACTED, m: { ConnectedLineNum: REDACTED } });
    expect(lines[2]).toMatchObject({ part: 'calls', callerName: REDACTED });
  });

  it('replaces digit runs that look like numbers in free text, not short figures', () => {
    expect(redactDigits('Invalid value of "+33 6 12 34 56 78" provided for the from field.')).toBe(`Invalid value of "${REDACTED}" provided for the from field.`);
    expect(redactDigits('06.12.34.56.78 and (212) 229-3326')).toBe(`${REDACTED} and (${REDACTED}`);
    expect(redactDigits('HTTP 400, attempt 3, extension 7001')).toBe('HTTP 400, attempt 3, extension 7001');
  });
});
