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

const PERSONAL = new Set(PERSONAL_KEYS);
const MAX_DEPTH = 3;

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A log object with the values of PERSONAL_KEYS replaced, at the top and MAX_DEPTH levels down
 * (plain objects and arrays; errors and other instances are left to pino's serializers). The
 * caller's object is never changed: what holds a match is copied. Done here rather than with
 * pino's `redact` option, whose wildcard paths (`*.from`) cost over 100 µs per log line here; this
 * walk costs about a microsecond.
 */
export function redactPersonal<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v: unknown, i) => {
      const r = redactPersonal(v, depth + 1);
      if (r !== v) (out ??= value.slice())[i] = r;
    });
    return (out ?? value) as T;
  }
  if (!isPlain(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const r = v === undefined ? v : PERSONAL.has(k) ? REDACTED : redactPersonal(v, depth + 1);
    if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r;
  }
  return (out ?? value) as T;
}

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
    // Each line's object and the base bindings: numbers and names masked (see redactPersonal).
    formatters: { bindings: (b) => redactPersonal(b), log: (o) => redactPersonal(o) },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino does not pass child bindings through formatters.bindings; children inherit this `child`.
  const pinoChild = logger.child as unknown as (this: unknown, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;
  logger.child = function child(this: unknown, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) {
    return pinoChild.call(this, redactPersonal(bindings), childOptions);
  } as unknown as Logger['child'];
  return logger;
}
