/** Shared test support for the AMI, call-model and test-peer tests (not a test file). */
import fs from 'node:fs';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import { AmiMessage, type AmiFields } from '../../../bridge/src/ami/message';
import { parseAll } from '../../../bridge/src/ami/framer';

/** The recorded streams live beside the repository, never inside it. */
export const CAPTURES = path.resolve(__dirname, '../../../../shared/ami-captures');

export function capturePath(rel: string): string {
  return path.join(CAPTURES, rel);
}

export function readCapture(rel: string): Buffer {
  return fs.readFileSync(capturePath(rel));
}

/** Every capture file (relative paths), licences and notes excluded. */
export function allCaptures(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(CAPTURES)) {
    const full = path.join(CAPTURES, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full)) if (/\.(txt|ami)$/.test(f)) out.push(`${dir}/${f}`);
  }
  return out.sort();
}

export function captureEvents(rel: string): AmiMessage[] {
  return parseAll(readCapture(rel)).messages.filter((m) => m.kind === 'event');
}

export const ev = (fields: AmiFields): AmiMessage => AmiMessage.from(fields);

/** Resolves on the next `event` from `emitter` whose args satisfy `pred`. */
export function once<T extends unknown[]>(emitter: EventEmitter, event: string, pred: (...args: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, handler);
      reject(new Error(`timed out waiting for '${event}'`));
    }, timeoutMs);
    const handler = (...args: unknown[]): void => {
      if (!pred(...(args as T))) return;
      clearTimeout(timer);
      emitter.off(event, handler);
      resolve(args as T);
    };
    emitter.on(event, handler);
  });
}

export { until } from '../helpers/waitFor';

/** Plain comparable form of messages (for chunking properties). */
export function shape(msgs: AmiMessage[]): Array<{ h: Array<[string, string]>; o?: string[] }> {
  return msgs.map((m) => (m.output ? { h: m.headers, o: m.output } : { h: m.headers }));
}
