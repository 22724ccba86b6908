/**
 * Who is who in a replayed recording: the trunk caller's number and name, and the extensions
 * of the phones, swapped for the ones a demo or a test needs (e.g. the recorded caller
 * 0612345678 becomes a demo customer, extension 7003 becomes the demo agent 7002). Ids and
 * clocks are never touched; `PlaybackRewriter` renews those afterwards.
 */
import { AmiMessage } from '../ami/message';
import { isIdOrClockKey } from './rewrite';

export interface Substitution {
  /** Recorded text -> played text wherever it appears (the caller's number, names). */
  text?: Record<string, string>;
  /**
   * Recorded extension -> played extension, as a whole token (`7001` in `PJSIP/7001-…`,
   * `Local/7001@…`, `7001@default`, `Exten: 7001`), all at once, so 7001 <-> 7002 swaps.
   */
  extensions?: Record<string, string>;
}

const EXTENSION = /^\d{2,6}$/;
// eslint-disable-next-line no-control-regex
const PLAIN = /^[^\u0000-\u001f\u007f]{1,80}$/;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Keys that carry protocol words, not party data. */
const STRUCTURAL = /^(event|response|action|actionid|privilege|eventlist)$/i;

export class Substituter {
  private readonly ext: RegExp | null;
  private readonly text: RegExp | null;

  constructor(private readonly s: Substitution = {}) {
    const exts = Object.entries(s.extensions ?? {}).filter(([a, b]) => a !== b);
    for (const [from, to] of exts) {
      if (!EXTENSION.test(from) || !EXTENSION.test(to)) throw new Error(`extension substitution ${from} -> ${to}: both must be 2 to 6 digits`);
    }
    const played = exts.map(([, to]) => to);
    if (new Set(played).size !== played.length) throw new Error(`extension substitution plays two recorded extensions as one: ${played.join(', ')}`);
    const texts = Object.entries(s.text ?? {}).filter(([a, b]) => a !== b);
    for (const [from, to] of texts) {
      if (!PLAIN.test(from) || !PLAIN.test(to)) throw new Error(`text substitution ${JSON.stringify(from)} -> ${JSON.stringify(to)}: 1 to 80 characters, no control characters`);
    }
    this.ext = exts.length ? new RegExp(`(?<![0-9A-Za-z.])(${exts.map(([a]) => escape(a)).join('|')})(?![0-9A-Za-z])`, 'g') : null;
    // Longest first, so "Client Dupont" wins over a shorter key inside it.
    const keys = texts.map(([a]) => a).sort((a, b) => b.length - a.length);
    this.text = keys.length ? new RegExp(keys.map(escape).join('|'), 'g') : null;
  }

  get empty(): boolean {
    return this.ext === null && this.text === null;
  }

  message(m: AmiMessage): AmiMessage {
    if (this.empty) return m;
    const out = new AmiMessage();
    for (const [k, v] of m.headers) out.add(k, this.value(k, v));
    return out;
  }

  value(k: string, v: string): string {
    if (v === '' || STRUCTURAL.test(k) || isIdOrClockKey(k)) return v;
    let out = v;
    const ext = this.s.extensions ?? {};
    const text = this.s.text ?? {};
    // Extensions first: a played number or name is never rewritten again.
    if (this.ext) out = out.replace(this.ext, (e) => ext[e] ?? e);
    if (this.text) out = out.replace(this.text, (t) => text[t] ?? t);
    return out;
  }
}
