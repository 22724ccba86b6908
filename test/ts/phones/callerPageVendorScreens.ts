/**
 * The vendors' published structures for text screens with soft keys (the caller page and the
 * soft keys' answers), checked over fast-xml-parser's ordered tree. From the public docs:
 *
 * - Yealink XML Browser Developer's Guide, FormattedTextScreen: root attributes Beep/Timeout/
 *   LockIn/doneAction; header Line (at most 2), Scroll of Lines, footer Line (1), then SoftKey
 *   (index attribute, Label, URI). Line attributes Size normal/small/double/large, Align
 *   left/center/right.
 * - Cisco Unified IP Phone Services Application Development Notes, CiscoIPPhoneText: Title (<= 32),
 *   Prompt (<= 32), Text (<= 4000, ISO-8859-1; no control characters but CR, LF, tab), SoftKeyItem
 *   (Name, URL <= 256, Position 1..8; at most 8).
 * - Snom XML minibrowser, SnomIPPhoneText: Title, Prompt, Text, SoftKeyItem (Name F1..F4, Label, URL).
 * - Polycom Web Application Developer's Guide: well-formed XHTML (html > head > title, body);
 *   `softkey` tags with index 1..8, a label and an action (SoftKey:Fetch;URL, SoftKey:Exit…).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PhoneVendor } from '../../../bridge/src/phones/config';

type Node = Record<string, unknown>;
const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, trimValues: false, parseAttributeValue: false });

const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node) => ((n[nameOf(n)] as Node[]) ?? []).filter((c) => !('#text' in c));
const textOf = (n: Node): string => ((n[nameOf(n)] as Node[]) ?? []).map((c) => ('#text' in c ? String(c['#text']) : textOf(c))).join('');
const attrs = (n: Node) => (n[':@'] ?? {}) as Record<string, string>;

/** Children names must follow `seq`, a list of [name, min, max] in order. */
function sequence(path: string, nodes: Node[], seq: Array<[string, number, number]>, problems: string[]): void {
  let at = 0;
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const name = nameOf(n);
    const pos = seq.findIndex(([s]) => s === name);
    if (pos < 0) problems.push(`${path}/${name}: not allowed here`);
    else if (pos < at) problems.push(`${path}/${name}: out of order`);
    else at = pos;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, min, max] of seq) {
    const c = counts.get(name) ?? 0;
    if (c < min || c > max) problems.push(`${path}: ${c} ${name}, expected ${min}..${max}`);
  }
}

function leafText(path: string, n: Node, maxChars: number, problems: string[], pattern?: RegExp): string {
  if (kids(n).length > 0) problems.push(`${path}: holds elements`);
  const t = textOf(n);
  if ([...t].length > maxChars) problems.push(`${path}: ${[...t].length} characters, at most ${maxChars}`);
  if (pattern && !pattern.test(t)) problems.push(`${path}: "${t}" does not match ${pattern}`);
  return t;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/** Every problem found; [] when the screen follows the vendor's structure. */
export function screenProblems(vendor: PhoneVendor, xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed: ${valid.err.msg} (line ${valid.err.line})`];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) return ['a character XML 1.0 forbids'];
  const top = (ordered.parse(xml) as Node[]).filter((n) => !('?xml' in n) && !('#text' in n));
  if (top.length !== 1) return ['one root element expected'];
  const root = top[0]!;
  const problems: string[] = [];
  const children = kids(root);
  const each = (name: string, f: (n: Node, i: number) => void) => children.filter((c) => nameOf(c) === name).forEach(f);
  switch (vendor) {
    case 'yealink': {
      if (nameOf(root) !== 'YealinkIPPhoneFormattedTextScreen') return [`root ${nameOf(root)}`];
      const a = attrs(root);
      for (const k of Object.keys(a)) if (!['Beep', 'Timeout', 'LockIn', 'doneAction'].includes(k)) problems.push(`root attribute ${k}`);
      // Header Lines, one Scroll, footer Line, SoftKeys: Line may appear before and after Scroll.
      const names = children.map(nameOf);
      const scroll = names.indexOf('Scroll');
      if (scroll < 0 || names.lastIndexOf('Scroll') !== scroll) problems.push('exactly one Scroll expected');
      const header = names.slice(0, scroll);
      const after = names.slice(scroll + 1);
      if (header.length < 1 || header.length > 2 || header.some((n) => n !== 'Line')) problems.push(`header: ${header.join(',')}`);
      const footer = after.filter((n) => n === 'Line');
      const firstKey = after.indexOf('SoftKey');
      if (footer.length > 1 || (firstKey >= 0 && firstKey < after.lastIndexOf('Line'))) problems.push(`after Scroll: ${after.join(',')}`);
      for (const n of [...children, ...children.filter((c) => nameOf(c) === 'Scroll').flatMap(kids)]) {
        if (nameOf(n) !== 'Line') continue;
        const la = attrs(n);
        if (la.Size && !['normal', 'small', 'double', 'large'].includes(la.Size)) problems.push(`Line Size ${la.Size}`);
        if (la.Align && !['left', 'center', 'right'].includes(la.Align)) problems.push(`Line Align ${la.Align}`);
        leafText('Line', n, 200, problems);
      }
      each('Scroll', (s) => kids(s).forEach((l) => nameOf(l) !== 'Line' && problems.push(`Scroll/${nameOf(l)}`)));
      each('SoftKey', (k, i) => {
        if (attrs(k).index !== String(i + 1)) problems.push(`SoftKey index ${attrs(k).index}`);
        sequence('SoftKey', kids(k), [['Label', 1, 1], ['URI', 1, 1]], problems);
        for (const c of kids(k)) leafText(`SoftKey/${nameOf(c)}`, c, nameOf(c) === 'URI' ? 1024 : 32, problems, nameOf(c) === 'URI' ? HTTP_URL : /\S/);
      });
      if (children.filter((c) => nameOf(c) === 'SoftKey').length > 6) problems.push('more than 6 SoftKey');
      break;
    }
    case 'cisco':
    case 'snom': {
      const rootName = vendor === 'cisco' ? 'CiscoIPPhoneText' : 'SnomIPPhoneText';
      if (nameOf(root) !== rootName) return [`root ${nameOf(root)}`];
      sequence(rootName, children, [['Title', 0, 1], ['Prompt', 0, 1], ['Text', 1, 1], ['SoftKeyItem', 0, vendor === 'cisco' ? 8 : 4]], problems);
      each('Title', (n) => leafText('Title', n, 32, problems));
      each('Prompt', (n) => leafText('Prompt', n, 32, problems));
      each('Text', (n) => {
        const t = leafText('Text', n, 4000, problems, /\S/);
        if (vendor === 'cisco' && Buffer.byteLength(t, 'latin1') > 4000) problems.push('Text over 4000 bytes');
      });
      each('SoftKeyItem', (k, i) => {
        if (vendor === 'cisco') {
          sequence('SoftKeyItem', kids(k), [['Name', 1, 1], ['URL', 1, 1], ['Position', 1, 1]], problems);
          for (const c of kids(k)) {
            const n = nameOf(c);
            if (n === 'Name') leafText('Name', c, 32, problems, /\S/);
            if (n === 'URL') leafText('URL', c, 256, problems, /^(https?:\/\/\S+|SoftKey:(Exit|Back|Cancel|Update))$/);
            if (n === 'Position') leafText('Position', c, 1, problems, new RegExp(`^${i + 1}$`));
          }
        } else {
          sequence('SoftKeyItem', kids(k), [['Name', 1, 1], ['Label', 1, 1], ['URL', 1, 1]], problems);
          for (const c of kids(k)) {
            const n = nameOf(c);
            if (n === 'Name') leafText('Name', c, 2, problems, new RegExp(`^F${i + 1}$`));
            if (n === 'Label') leafText('Label', c, 32, problems, /\S/);
            if (n === 'URL') leafText('URL', c, 1024, problems, HTTP_URL);
          }
        }
      });
      break;
    }
    case 'polycom': {
      if (nameOf(root) !== 'html') return [`root ${nameOf(root)}`];
      sequence('html', children, [['head', 1, 1], ['body', 1, 1]], problems);
      each('head', (h) => sequence('head', kids(h), [['title', 1, 1]], problems));
      each('body', (b) => {
        const inside = kids(b);
        const allowed = ['p', 'br', 'b', 'softkey'];
        for (const n of inside) if (!allowed.includes(nameOf(n))) problems.push(`body/${nameOf(n)}`);
        const keys = inside.filter((n) => nameOf(n) === 'softkey');
        if (keys.length > 8) problems.push('more than 8 softkey');
        keys.forEach((k) => {
          const a = attrs(k);
          if (!/^[1-8]$/.test(a.index ?? '')) problems.push(`softkey index ${a.index}`);
          if (!a.label?.trim()) problems.push('softkey without label');
          if (!/^(SoftKey:Fetch;https?:\/\/\S+|SoftKey:(Exit|Back|Home|Refresh))$/.test(a.action ?? '')) problems.push(`softkey action ${a.action}`);
          if (kids(k).length > 0 || textOf(k) !== '') problems.push('softkey not empty');
        });
      });
      break;
    }
  }
  return problems;
}

/** What the phone shows as text (all lines), entities decoded. */
export function screenText(xml: string): string {
  const top = (ordered.parse(xml) as Node[]).filter((n) => !('?xml' in n) && !('#text' in n));
  const skip = new Set(['SoftKey', 'SoftKeyItem', 'softkey', 'head']);
  const walk = (n: Node): string => (skip.has(nameOf(n)) ? '' : ((n[nameOf(n)] as Node[]) ?? []).map((c) => ('#text' in c ? String(c['#text']) : `${walk(c)}\n`)).join(''));
  return top.map(walk).join('');
}

/** The soft keys as [label, url] (Polycom: the URL of SoftKey:Fetch, or the internal action). */
export function screenKeys(vendor: PhoneVendor, xml: string): Array<[string, string]> {
  const top = (ordered.parse(xml) as Node[]).filter((n) => !('?xml' in n) && !('#text' in n));
  const root = top[0]!;
  if (vendor === 'polycom') {
    const body = kids(root).find((n) => nameOf(n) === 'body');
    return (body ? kids(body) : []).filter((n) => nameOf(n) === 'softkey').map((k) => [attrs(k).label!, attrs(k).action!.replace(/^SoftKey:Fetch;/, '')]);
  }
  const keyName = vendor === 'yealink' ? 'SoftKey' : 'SoftKeyItem';
  return kids(root)
    .filter((n) => nameOf(n) === keyName)
    .map((k) => {
      const field = (f: string) => textOf(kids(k).find((c) => nameOf(c) === f) ?? { [f]: [] });
      return [vendor === 'yealink' || vendor === 'snom' ? field('Label') : field('Name'), vendor === 'yealink' ? field('URI') : field('URL')];
    });
}
