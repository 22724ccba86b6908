import type { EventEmitter } from 'node:events';
import type { Logger } from '../logger';

/**
 * Calls each listener of `event` on its own: one that throws is logged and
 * stops neither the caller (the socket reader) nor the other listeners.
 */
export function emitIsolated(emitter: EventEmitter, log: Logger, event: string, args: unknown[]): void {
  for (const listener of emitter.rawListeners(event)) {
    try {
      (listener as (...a: unknown[]) => void).apply(emitter, args);
    } catch (err) {
      log.error({ err: (err as Error).message, event }, 'event listener threw; ignored');
    }
  }
}
