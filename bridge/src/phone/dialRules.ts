/**
 * What an agent may dial besides outside numbers: internal extensions and PBX feature codes
 * (`*97` voicemail…), each allowed by a configured pattern. The patterns come from Magento's
 * configuration in the signed agent token, or from the bridge's own config; the bridge checks
 * every dial and transfer against them, the page only uses them to say early what it will do.
 *
 * Whatever a pattern allows, an internal dial string is digits, `*` and `#` only, at most
 * INTERNAL_MAX long: nothing else can ever reach the dialplan's Exten.
 */
import { formatForDial, normalizePhone, type DialFormat, type PhoneRefusal } from './normalize';

export const INTERNAL_MAX = 16;
const INTERNAL_CHARS = new RegExp(`^[0-9*#]{1,${INTERNAL_MAX}}$`);
const MAX_PATTERN = 256;

/** Regular expression sources (JavaScript syntax); '' allows nothing of that kind. */
export interface DialRules {
  extensionPattern: string;
  featureCodePattern: string;
}

export interface CompiledDialRules {
  rules: DialRules;
  extension: RegExp | null;
  featureCode: RegExp | null;
  /** Patterns that did not compile (they then allow nothing), for the log. */
  broken: string[];
}

const compiled = new Map<string, CompiledDialRules>();

/**
 * Compiles a pair of patterns, anchored whole (`7002` must be all of the entry, whatever the
 * pattern says about `^`/`$`). A pattern that does not compile allows nothing.
 */
export function compileDialRules(rules: DialRules): CompiledDialRules {
  const key = `${rules.extensionPattern}\u0000${rules.featureCodePattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const broken: string[] = [];
  const one = (src: string): RegExp | null => {
    if (src === '') return null;
    try {
      if (src.length > MAX_PATTERN) throw new Error('too long');
      return new RegExp(`^(?:${src})$`);
    } catch {
      broken.push(src.slice(0, 64));
      return null;
    }
  };
  const c = { rules, extension: one(rules.extensionPattern), featureCode: one(rules.featureCodePattern), broken };
  if (compiled.size > 64) compiled.clear();
  compiled.set(key, c);
  return c;
}

export type InternalKind = 'extension' | 'feature';

/** The entry as an internal dial string (an extension or a feature code), or null. */
export function internalDial(input: unknown, rules: CompiledDialRules): { kind: InternalKind; exten: string } | null {
  if (typeof input !== 'string') return null;
  // Spaces around are the agent's typing; a line break is never (normalizePhone refuses it too).
  const s = input.replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');
  if (!INTERNAL_CHARS.test(s)) return null;
  if (rules.extension?.test(s)) return { kind: 'extension', exten: s };
  if (rules.featureCode?.test(s)) return { kind: 'feature', exten: s };
  return null;
}

/** Why an entry cannot be dialled: a phone number's reason, or one about internal dialling. */
export type DialRefusal = PhoneRefusal | 'not_extension' | 'feature_code';

export type DialTarget =
  | { ok: true; kind: InternalKind; exten: string }
  | { ok: true; kind: 'number'; e164: string; exten: string; extension?: string }
  | { ok: false; code: DialRefusal; reason: string };

/**
 * What a typed entry dials: an allowed extension or feature code as typed, or an outside number
 * in the dial format the dialplan expects (with the extension to play as DTMF, if any).
 */
export function resolveDial(input: unknown, rules: CompiledDialRules, region: string, format: DialFormat): DialTarget {
  const internal = internalDial(input, rules);
  if (internal) return { ok: true, ...internal };
  const n = normalizePhone(input, region);
  if (n.ok) {
    const exten = formatForDial(n.e164, format, region);
    return n.extension === undefined ? { ok: true, kind: 'number', e164: n.e164, exten } : { ok: true, kind: 'number', e164: n.e164, exten, extension: n.extension };
  }
  const s = typeof input === 'string' ? input.trim() : '';
  // A short run of digits or a star code the patterns refused says more than "not a phone number".
  if (/^[*#][0-9*#]*$/.test(s) && s.length <= INTERNAL_MAX) return { ok: false, code: 'feature_code', reason: 'this feature code is not allowed' };
  if (/^[0-9]{1,8}$/.test(s) && (n.code === 'not_a_number' || n.code === 'invalid')) {
    return { ok: false, code: 'not_extension', reason: 'this is neither a phone number nor an extension you may dial' };
  }
  return { ok: false, code: n.code, reason: n.reason };
}
