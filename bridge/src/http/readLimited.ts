import type http from 'node:http';

/**
 * An HTTP answer's body as text, at most `max` bytes: refused on a larger declared length and
 * cut off while reading when no length (or a false one) was declared.
 */
export async function readLimited(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`the answer is over ${max} bytes`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`the answer is over ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request body past its route's limit: answered 413 `too_large` with this message, then the connection closes. */
export class BodyTooLarge extends Error {
  constructor(readonly max: number) {
    super(`the body is over ${max} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * A request's body, at most `max` bytes: refused (BodyTooLarge) on a larger declared length before
 * anything is read, and as soon as the bytes read pass it (no length, or a false one). The rest is
 * never read: the request is paused and `res` is marked to close the connection once the 413 is
 * sent, so a sender that never stops neither hangs the answer nor makes the bridge read on.
 */
export function readRequestLimited(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer> {
  const tooLarge = (): BodyTooLarge => {
    req.pause();
    if (!res.headersSent) res.setHeader('connection', 'close');
    return new BodyTooLarge(max);
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= max) {
        chunks.push(c);
        return;
      }
      done();
      reject(tooLarge());
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    // The sender went away before the end: nothing to answer.
    const onClose = (): void => onError(new Error('the request was aborted before its end'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
