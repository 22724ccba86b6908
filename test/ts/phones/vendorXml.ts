/**
 * The vendors' published structures for the directory answers, as checks over a parsed XML
 * tree (fast-xml-parser, order preserved). Written from the vendors' public documentation:
 *
 * - Cisco IP Phone Services SDK, CiscoIPPhoneDirectory: Title (<= 32 chars), Prompt (<= 32),
 *   DirectoryEntry (Name, Telephone; at most 32 entries), SoftKeyItem (Name, URL <= 256 chars,
 *   Position 1..8; at most 8). Grandstream's XML phone book reads this format.
 * - Yealink remote phone book / XML browser, YealinkIPPhoneDirectory: Title, DirectoryEntry
 *   (Name, Telephone), SoftKeyItem (Name, URL, Position).
 * - Snom XML minibrowser, SnomIPPhoneDirectory: Title, Prompt, DirectoryEntry (Name,
 *   Telephone), SoftKeyItem (Name = the key, Label, URL).
 * - Polycom SoundPoint IP local contact directory: directory > item_list > item with ln, fn
 *   (UTF-8, at most 40 bytes each) and ct (digits or SIP URL; never empty, never duplicated).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PhoneVendor } from '../../../bridge/src/phones/config';

type Node = Record<string, unknown>;

interface ElementRule {
  /** Children in this order, each with its bounds; others are errors. */
  children?: Array<{ name: string; min: number; max: number }>;
  /** Text content rule (leaf). */
  text?: { maxChars?: number; maxBytes?: number; nonEmpty?: boolean; pattern?: RegExp };
}

const CISCO_KEYS = { name: 'SoftKeyItem', min: 0, max: 8 };
const leaf = (text: ElementRule['text'] = {}): ElementRule => ({ text });

const SCHEMAS: Record<PhoneVendor, { root: string; rules: Record<string, ElementRule> }> = {
  cisco: {
    root: 'CiscoIPPhoneDirectory',
    rules: {
      CiscoIPPhoneDirectory: { children: [{ name: 'Title', min: 0, max: 1 }, { name: 'Prompt', min: 0, max: 1 }, { name: 'DirectoryEntry', min: 0, max: 32 }, CISCO_KEYS] },
      Title: leaf({ maxChars: 32 }),
      Prompt: leaf({ maxChars: 32 }),
      DirectoryEntry: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'Telephone', min: 1, max: 1 }] },
      Name: leaf({ maxChars: 32, nonEmpty: true }),
      Telephone: leaf({ maxChars: 32, nonEmpty: true, pattern: /^[0-9+*#]+$/ }),
      SoftKeyItem: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'URL', min: 1, max: 1 }, { name: 'Position', min: 1, max: 1 }] },
      URL: leaf({ maxChars: 256, nonEmpty: true, pattern: /^(https?:\/\/\S+|SoftKey:(Dial|EditDial|Exit|Cancel|Submit|Update|Select|Back))$/ }),
      Position: leaf({ pattern: /^[1-8]$/ }),
    },
  },
  yealink: {
    root: 'YealinkIPPhoneDirectory',
    rules: {
      YealinkIPPhoneDirectory: { children: [{ name: 'Title', min: 0, max: 1 }, { name: 'DirectoryEntry', min: 0, max: 100 }, { name: 'SoftKeyItem', min: 0, max: 8 }] },
      Title: leaf({ maxChars: 32 }),
      DirectoryEntry: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'Telephone', min: 1, max: 3 }] },
      Name: leaf({ maxChars: 32, nonEmpty: true }),
      Telephone: leaf({ maxChars: 32, nonEmpty: true, pattern: /^[0-9+*#]+$/ }),
      SoftKeyItem: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'URL', min: 1, max: 1 }, { name: 'Position', min: 1, max: 1 }] },
      URL: leaf({ nonEmpty: true, pattern: /^(https?:\/\/\S+|SoftKey:(Dial|EditDial|Exit))$/ }),
      Position: leaf({ pattern: /^[1-8]$/ }),
    },
  },
  snom: {
    root: 'SnomIPPhoneDirectory',
    rules: {
      SnomIPPhoneDirectory: { children: [{ name: 'Title', min: 0, max: 1 }, { name: 'Prompt', min: 0, max: 1 }, { name: 'DirectoryEntry', min: 0, max: 100 }, { name: 'SoftKeyItem', min: 0, max: 4 }] },
      Title: leaf({ maxChars: 32 }),
      Prompt: leaf({ maxChars: 32 }),
      DirectoryEntry: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'Telephone', min: 1, max: 1 }] },
      Name: leaf({ maxChars: 32, nonEmpty: true }),
      Telephone: leaf({ maxChars: 32, nonEmpty: true, pattern: /^[0-9+*#]+$/ }),
      SoftKeyItem: { children: [{ name: 'Name', min: 1, max: 1 }, { name: 'Label', min: 1, max: 1 }, { name: 'URL', min: 1, max: 1 }] },
      Label: leaf({ maxChars: 32, nonEmpty: true }),
      URL: leaf({ nonEmpty: true, pattern: /^https?:\/\/\S+$/ }),
    },
  },
  polycom: {
    root: 'directory',
    rules: {
      directory: { children: [{ name: 'item_list', min: 1, max: 1 }] },
      item_list: { children: [{ name: 'item', min: 0, max: 100 }] },
      item: { children: [{ name: 'ln', min: 0, max: 1 }, { name: 'fn', min: 0, max: 1 }, { name: 'ct', min: 1, max: 1 }] },
      ln: leaf({ maxBytes: 40 }),
      fn: leaf({ maxBytes: 40 }),
      ct: leaf({ maxBytes: 40, nonEmpty: true, pattern: /^[0-9+*#]+$/ }),
    },
  },
};

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, parseTagValue: false, processEntities: true, ignoreDeclaration: false });

/** Decodes the answer's bytes by its XML declaration (what a phone does) and checks the charset matches the HTTP header. */
export function decodeAnswer(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 100).toString('latin1');
  const declared = /encoding="([^"]+)"/.exec(head)?.[1]?.toUpperCase() ?? 'UTF-8';
  const header = /charset=([^;\s]+)/i.exec(contentType ?? '')?.[1]?.toUpperCase();
  if (header && header !== declared) throw new Error(`charset ${header} in Content-Type, ${declared} in the XML declaration`);
  if (declared === 'UTF-8') {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return text;
  }
  if (declared !== 'ISO-8859-1') throw new Error(`unexpected encoding ${declared}`);
  return body.toString('latin1');
}

/** Every problem found, by path; [] when the answer follows the vendor's structure. */
export function structureProblems(vendor: PhoneVendor, xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed: ${valid.err.msg} (line ${valid.err.line})`];
  // XML 1.0 characters only (the validator lets some through).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) return ['a character XML 1.0 forbids'];
  const schema = SCHEMAS[vendor];
  const top = (parser.parse(xml) as Node[]).filter((n) => !('?xml' in n));
  const problems: string[] = [];
  if (top.length !== 1 || !(schema.root in top[0]!)) return [`the root must be ${schema.root}, found ${top.map((n) => Object.keys(n)[0]).join(', ')}`];
  check(schema.rules, schema.root, top[0]![schema.root] as Node[], schema.root, problems);
  return problems;
}

function check(rules: Record<string, ElementRule>, name: string, content: Node[], path: string, problems: string[]): void {
  const rule = rules[name];
  if (!rule) {
    problems.push(`${path}: unknown element`);
    return;
  }
  const elements = content.filter((n) => !('#text' in n));
  const text = content.filter((n) => '#text' in n).map((n) => String(n['#text'])).join('');
  if (rule.text) {
    if (elements.length > 0) problems.push(`${path}: a text element holds elements`);
    const t = rule.text;
    if (t.nonEmpty && text.trim() === '') problems.push(`${path}: empty`);
    if (t.maxChars !== undefined && [...text].length > t.maxChars) problems.push(`${path}: ${[...text].length} characters, at most ${t.maxChars}`);
    if (t.maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > t.maxBytes) problems.push(`${path}: ${Buffer.byteLength(text, 'utf8')} bytes, at most ${t.maxBytes}`);
    if (t.pattern && text !== '' && !t.pattern.test(text)) problems.push(`${path}: "${text}" does not match ${t.pattern}`);
    return;
  }
  if (text.trim() !== '') problems.push(`${path}: text outside elements`);
  const order = rule.children ?? [];
  let at = 0;
  const counts = new Map<string, number>();
  for (const el of elements) {
    const child = Object.keys(el).find((k) => k !== ':@')!;
    const pos = order.findIndex((c) => c.name === child);
    if (pos < 0) {
      problems.push(`${path}/${child}: not allowed here`);
      continue;
    }
    if (pos < at) problems.push(`${path}/${child}: out of order`);
    at = pos;
    counts.set(child, (counts.get(child) ?? 0) + 1);
    check(rules, child, el[child] as Node[], `${path}/${child}`, problems);
  }
  for (const c of order) {
    const n = counts.get(c.name) ?? 0;
    if (n < c.min || n > c.max) problems.push(`${path}: ${n} ${c.name}, expected ${c.min}..${c.max}`);
  }
}

/** The directory's entries as a phone would list them: [name, number]. */
export function entriesOf(vendor: PhoneVendor, xml: string): Array<[string, string]> {
  const p = new XMLParser({ isArray: (n) => ['DirectoryEntry', 'item', 'SoftKeyItem'].includes(n), parseTagValue: false, trimValues: false });
  const doc = p.parse(xml) as Record<string, Record<string, unknown>>;
  if (vendor === 'polycom') {
    const items = ((doc.directory?.item_list as Record<string, unknown> | undefined)?.item ?? []) as Array<{ fn?: string; ln?: string; ct: string }>;
    return items.map((i) => [[i.fn ?? '', i.ln ?? ''].filter(Boolean).join(' '), String(i.ct)]);
  }
  const root = doc[SCHEMAS[vendor].root] ?? {};
  return ((root.DirectoryEntry ?? []) as Array<{ Name: string; Telephone: string }>).map((e) => [String(e.Name), String(e.Telephone)]);
}

/** The soft keys' names (Cisco, Yealink) or labels (Snom) with their URL. */
export function softKeysOf(vendor: PhoneVendor, xml: string): Array<[string, string]> {
  if (vendor === 'polycom') return [];
  const p = new XMLParser({ isArray: (n) => n === 'SoftKeyItem', parseTagValue: false });
  const root = (p.parse(xml) as Record<string, Record<string, unknown>>)[SCHEMAS[vendor].root] ?? {};
  return ((root.SoftKeyItem ?? []) as Array<{ Name: string; Label?: string; URL: string }>).map((k) => [String(k.Label ?? k.Name), String(k.URL)]);
}
