import pino, { Logger } from 'pino';

export type { Logger };

/** What a redacted value becomes in a log line. */
export const REDACTED = '[redacted]';

/**
 * Keys that can carry a phone number or a person's name, in our objects (call model, protocol,
 * call record, lookups) and in raw AMI fields. Log calls name calls by id and should never pass
 * these; redaction is the safety net for one that does (or for an object logged whole).
 */
const PERSONAL_KEYS = [
  'from', 'to', 'number', 'numbers', 'phone', 'telephone', 'email', 'name', 'names', 'display', 'target',
  'callerId', 'callerName', 'caller_id', 'caller_name', 'transferred_to', 'transferredTo', 'digits',
  'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName', 'Exten',
  'DestCallerIDNum', 'DestCallerIDName', 'DestConnectedLineNum', 'DestConnectedLineName',
];

/** The pino redaction paths: each key at the top of a log object and up to two levels down. */
export const REDACT_PATHS: readonly string[] = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/**
 * For free text that may quote a number (an error message from Magento naming a refused value):
 * every run of 6 or more digits, with the separators numbers are written with, is replaced.
 */
export function redactDigits(text: string): string {
  return text.replace(/\+?\d(?:[\s.()/-]*\d){5,}/g, REDACTED);
}

/**
 * Structured JSON logs on stdout (one object per line), as log shippers expect.
 * BANDEAU_LOG_LEVEL overrides the level; tests pass 'silent'. Numbers and names are redacted
 * (README, "What the bridge keeps"): a call is named in the logs by its id only.
 */
export function createLogger(level: string = process.env.BANDEAU_LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'bandeau-bridge' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
