import pino, { Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout (one object per line), as log shippers expect.
 * BANDEAU_LOG_LEVEL overrides the level; tests pass 'silent'.
 */
export function createLogger(level: string = process.env.BANDEAU_LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = { level, base: { service: 'bandeau-bridge' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
