/**
 * Byte stream -> AMI messages. Synchronous and allocation-light: `push()`
 * parses whatever complete lines it has and calls the handlers before it
 * returns; it never waits on anything.
 *
 * Tolerates CRLF or LF, repeated keys, empty values, the legacy
 * `Response: Follows` … `--END COMMAND--` body, and the banner line.
 * Detects a message that starts without the blank separator (an `Event:` or
 * `Response:` header inside a message that already has one) and splits it,
 * reporting a warning. Every size is capped: a line, a message (headers and
 * bytes) and the pending buffer; going over reports an error, drops the
 * partial message and skips input up to the next blank line.
 */
import { AmiMessage } from './message';
import { lowerKey } from './headerNames';

export interface FramerLimits {
  /** Longest accepted line, in bytes, terminator excluded. */
  maxLineBytes: number;
  /** Most headers (and legacy output lines) in one message. */
  maxHeaders: number;
  /** Most bytes in one message. */
  maxMessageBytes: number;
}

export const DEFAULT_FRAMER_LIMITS: FramerLimits = {
  maxLineBytes: 64 * 1024,
  maxHeaders: 20_000,
  maxMessageBytes: 4 * 1024 * 1024,
};

export interface FramerHandlers {
  message(msg: AmiMessage): void;
  banner?(version: string, line: string): void;
  /** Recoverable oddity: the message was still delivered (or the line ignored). */
  warning?(reason: string): void;
  /** A cap was exceeded or the input is not AMI: input was dropped. */
  error?(reason: string): void;
}

const BANNER_PREFIX = 'Asterisk Call Manager/';
const BANNER = /^Asterisk Call Manager\/(\S+)\s*$/;
const END_COMMAND = '--END COMMAND--';
/** Events that legitimately carry a `Response:` header of their own. */
const EVENTS_WITH_RESPONSE = new Set(['originateresponse']);
/** Headers that may sit between `Response: Follows` and the legacy output body. */
const FOLLOWS_HEADERS = new Set(['response', 'privilege', 'actionid', 'message']);

/** Printable ASCII, not a blank: the first and last character of any real header name. */
function isNameEdge(c: number): boolean {
  return c > 32 && c < 127;
}

/** Most bytes decoded at once (a run ends earlier at a blank line). */
const RUN_BYTES = 4096;

type Mode = 'idle' | 'headers' | 'follows' | 'skipLine' | 'discard';

export class AmiFramer {
  private readonly limits: FramerLimits;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private mode: Mode = 'idle';
  private afterSkip: Mode = 'discard';
  private msg: AmiMessage | undefined;
  private msgBytes = 0;
  private hasStart = false; // current message already has Event: or Response:
  private follows = false;
  /** Line ends of the current run (reused). */
  private readonly lfs: number[] = [];
  /** Lines seen so far (for error positions). */
  lineNo = 0;
  /** Complete messages delivered. */
  messages = 0;

  constructor(
    private readonly handlers: FramerHandlers,
    limits: Partial<FramerLimits> = {},
  ) {
    this.limits = { ...DEFAULT_FRAMER_LIMITS, ...limits };
  }

  /** Feeds bytes (or text, taken as UTF-8). Parses synchronously. */
  push(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    while (start < buf.length) {
      if (this.pending.length === 0 && this.mode !== 'skipLine') {
        start = this.run(buf, start);
        continue;
      }
      // The end of a line begun in an earlier chunk (or of one being skipped), on its own.
      const nl = buf.indexOf(10, start);
      if (nl === -1) {
        this.keepPartial(buf, start);
        return;
      }
      this.lineNo++;
      if (this.pending.length > 0) {
        this.pending.push(buf.subarray(start, nl));
        const line = Buffer.concat(this.pending, this.pendingBytes + (nl - start));
        this.pending = [];
        this.pendingBytes = 0;
        this.lineAt(line, 0, line.length);
      } else {
        this.lineAt(buf, start, nl);
      }
      start = nl + 1;
    }
  }

  /**
   * Whole lines from `start`, up to and including the next blank line (one message, usually)
   * or RUN_BYTES, decoded in one go: decoding line by line costs more than the rest of the
   * parse. Runs stay small because every value kept from a run keeps the run's text alive.
   * Returns where it stopped; a trailing partial line is kept for the next chunk.
   */
  private run(buf: Buffer, start: number): number {
    const lfs = this.lfs;
    lfs.length = 0;
    let pos = start;
    while (pos - start < RUN_BYTES) {
      const nl = buf.indexOf(10, pos);
      if (nl === -1) break;
      const bytes = (nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl) - pos;
      if (bytes > this.limits.maxLineBytes) {
        if (lfs.length > 0) break;
        // Over the cap: reported by lineAt without decoding it.
        this.lineNo++;
        this.lineAt(buf, pos, nl);
        return nl + 1;
      }
      lfs.push(nl);
      pos = nl + 1;
      if (bytes === 0) break;
    }
    if (lfs.length === 0) {
      this.keepPartial(buf, start);
      return buf.length;
    }
    const text = buf.toString('utf8', start, pos);
    // One character per byte (ASCII, the usual case): string offsets are byte offsets.
    const ascii = text.length === pos - start;
    let from = start;
    let at = 0;
    for (const nl of lfs) {
      const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
      // The line is text[s, e): cut out of the run only when needed (a header is cut into name and value).
      let s: number;
      let e: number;
      if (ascii) {
        s = from - start;
        e = end - start;
      } else {
        const j = text.indexOf('\n', at);
        s = at;
        e = j > at && text.charCodeAt(j - 1) === 13 ? j - 1 : j;
        at = j + 1;
      }
      this.lineNo++;
      this.lineIn(text, s, e, end - from);
      from = nl + 1;
    }
    return pos;
  }

  /** Line text[s, e) of a run: a plain header goes straight in, anything else by `line`. */
  private lineIn(text: string, s: number, e: number, bytes: number): void {
    if (s < e && (this.mode === 'headers' || (this.mode === 'idle' && !text.startsWith(BANNER_PREFIX, s)))) {
      const colon = text.indexOf(':', s);
      // A name that starts and ends with printable ASCII (every real one); the rest goes the careful way.
      if (colon > s && colon < e && isNameEdge(text.charCodeAt(s)) && isNameEdge(text.charCodeAt(colon - 1))) {
        if (this.mode === 'idle') this.begin();
        const key = text.slice(s, colon);
        const lk = lowerKey(key);
        const value = text.charCodeAt(colon + 1) === 32 && colon + 1 < e ? text.slice(colon + 2, e) : text.slice(colon + 1, e);
        this.header(key, lk, value, bytes, text, s, e);
        return;
      }
    }
    this.line(s === e ? '' : text.slice(s, e), bytes);
  }

  /** One line on its own: bytes [from, to) of `buf`, its LF excluded. */
  private lineAt(buf: Buffer, from: number, to: number): void {
    if (this.mode === 'skipLine') {
      this.mode = this.afterSkip;
      return;
    }
    const end = to > from && buf[to - 1] === 13 ? to - 1 : to;
    const bytes = end - from;
    if (bytes > this.limits.maxLineBytes) {
      this.fail(`line ${this.lineNo} is ${bytes} bytes, over the ${this.limits.maxLineBytes}-byte cap`, false);
      return;
    }
    this.line(bytes === 0 ? '' : buf.toString('utf8', from, end), bytes);
  }

  /** End of input: a message without its final blank line is delivered with a warning. */
  end(): void {
    if (this.pendingBytes > 0 && this.mode !== 'skipLine' && this.mode !== 'discard') {
      const rest = Buffer.concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      let text = rest.toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      this.line(text, rest.length);
    }
    this.pending = [];
    this.pendingBytes = 0;
    if (this.msg && (this.mode === 'headers' || this.mode === 'follows')) {
      this.handlers.warning?.('input ended inside a message (no final blank line)');
      this.finish();
    }
    this.reset();
  }

  /** Forgets any partial input (a new connection starts clean). */
  reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.mode = 'idle';
    this.msg = undefined;
    this.msgBytes = 0;
    this.hasStart = false;
    this.follows = false;
  }

  /** Bytes held waiting for the end of a line. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  private keepPartial(buf: Buffer, start: number): void {
    const n = buf.length - start;
    if (this.mode === 'skipLine') return;
    if (this.pendingBytes + n > this.limits.maxLineBytes + 1) {
      this.fail(`unterminated line over the ${this.limits.maxLineBytes}-byte cap`, true);
      return;
    }
    // Copy: the caller may reuse its buffer.
    this.pending.push(Buffer.from(buf.subarray(start)));
    this.pendingBytes += n;
  }

  private fail(reason: string, midLine: boolean): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.msg = undefined;
    this.msgBytes = 0;
    this.hasStart = false;
    this.follows = false;
    this.afterSkip = 'discard';
    this.mode = midLine ? 'skipLine' : 'discard';
    this.handlers.error?.(reason);
  }

  private line(text: string, bytes: number): void {
    switch (this.mode) {
      case 'discard':
        if (text === '') this.mode = 'idle';
        return;
      case 'follows':
        this.followsLine(text, bytes);
        return;
      case 'idle':
        if (text === '') return;
        if (text.startsWith(BANNER_PREFIX)) {
          const b = BANNER.exec(text);
          if (b) {
            this.handlers.banner?.(b[1] ?? '', text);
            return;
          }
        }
        this.begin();
        this.headerLine(text, bytes);
        return;
      case 'headers':
        if (text === '') {
          this.finish();
          return;
        }
        this.headerLine(text, bytes);
        return;
      default:
        return;
    }
  }

  private begin(): void {
    this.msg = new AmiMessage();
    this.msgBytes = 0;
    this.hasStart = false;
    this.follows = false;
    this.mode = 'headers';
  }

  private finish(): void {
    const m = this.msg;
    this.msg = undefined;
    this.mode = 'idle';
    this.hasStart = false;
    this.follows = false;
    this.msgBytes = 0;
    if (m && m.size > 0) {
      this.messages++;
      this.handlers.message(m);
    }
  }

  private account(bytes: number): boolean {
    const m = this.msg;
    if (!m) return false;
    this.msgBytes += bytes + 1;
    const count = m.size + (m.output?.length ?? 0);
    if (count >= this.limits.maxHeaders) {
      this.fail(`message has more than ${this.limits.maxHeaders} headers (line ${this.lineNo})`, false);
      return false;
    }
    if (this.msgBytes > this.limits.maxMessageBytes) {
      this.fail(`message is over the ${this.limits.maxMessageBytes}-byte cap (line ${this.lineNo})`, false);
      return false;
    }
    return true;
  }

  private headerLine(text: string, bytes: number): void {
    const colon = text.indexOf(':');
    let key = colon > 0 ? text.slice(0, colon) : '';
    // Real names start and end with printable ASCII; anything else goes the careful way.
    if (key !== '' && !(isNameEdge(text.charCodeAt(0)) && isNameEdge(text.charCodeAt(colon - 1)))) key = key.trim();
    // No colon, or a key of blanks only (" : x"): not a header.
    if (key === '') {
      if (this.follows) {
        this.mode = 'follows';
        this.followsLine(text, bytes);
        return;
      }
      this.handlers.warning?.(`line ${this.lineNo} is not "Key: Value", ignored: ${JSON.stringify(text.slice(0, 80))}`);
      return;
    }
    const value = text.charCodeAt(colon + 1) === 32 ? text.slice(colon + 2) : text.slice(colon + 1);
    this.header(key, lowerKey(key), value, bytes, text, 0, text.length);
  }

  /** A `key: value` header of the line text[s, e) (the line itself is needed only in legacy output). */
  private header(key: string, lk: string, value: string, bytes: number, text: string, s: number, e: number): void {
    if (this.follows && !FOLLOWS_HEADERS.has(lk)) {
      this.mode = 'follows';
      this.followsLine(s === 0 && e === text.length ? text : text.slice(s, e), bytes);
      return;
    }
    if (this.msg && this.msg.size > 0 && this.startsNewMessage(lk)) {
      const prev = this.msg;
      this.handlers.warning?.(
        `message started without a blank line before it (line ${this.lineNo}: "${key}: ${value.slice(0, 60)}" inside "${prev.name}")`,
      );
      this.finish();
      this.begin();
    }
    if (!this.account(bytes)) return;
    const m = this.msg as AmiMessage;
    m.addLowered(key, lk, value);
    if (lk === 'event' || lk === 'response') this.hasStart = true;
    if (lk === 'response' && value.trim().toLowerCase() === 'follows' && !m.has('event')) this.follows = true;
  }

  private startsNewMessage(lk: string): boolean {
    if (!this.hasStart) return false;
    const m = this.msg as AmiMessage;
    if (lk === 'event') return true;
    if (lk !== 'response') return false;
    if (m.has('response')) return true;
    const ev = m.get('event');
    return ev !== undefined && !EVENTS_WITH_RESPONSE.has(ev.trim().toLowerCase());
  }

  private followsLine(text: string, bytes: number): void {
    if (!this.account(bytes)) return;
    const m = this.msg as AmiMessage;
    if (!m.output) m.output = [];
    if (text.endsWith(END_COMMAND)) {
      const before = text.slice(0, -END_COMMAND.length);
      if (before !== '') m.output.push(before);
      this.finish();
      return;
    }
    m.output.push(text);
  }
}

/** Parses a whole buffer at once (tests, replay of small files). */
export function parseAll(
  input: Buffer | string,
  limits?: Partial<FramerLimits>,
): { messages: AmiMessage[]; warnings: string[]; errors: string[]; banners: string[] } {
  const messages: AmiMessage[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const banners: string[] = [];
  const f = new AmiFramer(
    {
      message: (m) => messages.push(m),
      warning: (r) => warnings.push(r),
      error: (r) => errors.push(r),
      banner: (v) => banners.push(v),
    },
    limits,
  );
  f.push(input);
  f.end();
  return { messages, warnings, errors, banners };
}
