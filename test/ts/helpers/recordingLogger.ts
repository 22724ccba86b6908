import { createLogger, type Logger } from '../../../bridge/src/logger';

/** A bridge logger whose lines (parsed JSON) the test reads. */
export function recordingLogger(level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  // pino writes each line with one write() call.
  return { logger: createLogger(level, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) }), lines };
}
