/**
 * AMI frame writer. The last line of defence against injection: a key or a
 * value holding CR, LF or any other control character is refused, so no
 * input can ever add a header or a second action to a frame.
 */
import type { AmiFields } from './message';

export class AmiFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmiFrameError';
  }
}

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
export const MAX_VALUE_LENGTH = 8192;

/** Fields as ordered [key, value] pairs (arrays become repeated keys; undefined is skipped). */
export function toPairs(fields: AmiFields): Array<readonly [string, string]> {
  if (Array.isArray(fields)) return fields as ReadonlyArray<readonly [string, string]> as Array<readonly [string, string]>;
  const out: Array<readonly [string, string]> = [];
  for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) out.push([k, String(item)]);
    else out.push([k, String(v)]);
  }
  return out;
}

/** Checks one header; throws AmiFrameError naming the key (never echoing the bad value). */
export function checkHeader(key: string, value: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) throw new AmiFrameError(`invalid AMI header name ${JSON.stringify(String(key).slice(0, 40))}`);
  if (typeof value !== 'string') throw new AmiFrameError(`AMI header ${key} has a non-string value`);
  if (CONTROL.test(value)) throw new AmiFrameError(`AMI header ${key} contains a control character (CR, LF or other); refused`);
  if (value.length > MAX_VALUE_LENGTH) throw new AmiFrameError(`AMI header ${key} is too long`);
}

/** Encodes one message (action or, for the test peer, event/response) with CRLF and the closing blank line. */
export function encodeMessage(fields: AmiFields): string {
  const list = toPairs(fields);
  if (list.length === 0) throw new AmiFrameError('empty AMI message');
  let out = '';
  for (const [k, v] of list) {
    checkHeader(k, v);
    out += `${k}: ${v}\r\n`;
  }
  return out + '\r\n';
}
