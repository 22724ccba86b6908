import type { PhoneVendor } from './config';

/**
 * Text as each desk phone can show it. Names come from Magento as customers typed them: they may
 * hold markup, control characters, emoji, any script, any length. Each vendor gets what its
 * firmware displays:
 *
 * - Yealink, Snom, Polycom read UTF-8 XML and ship fonts for Latin, Cyrillic, Greek, Arabic,
 *   Hebrew and CJK: every script is kept;
 * - Cisco's XML services (79xx firmware, and Grandstream reading the Cisco format) take
 *   ISO-8859-1: accents are kept, other letters lose their marks (ł -> l), and what has no Latin-1
 *   form (Arabic, Chinese) is dropped; a name left empty is shown as its number by the caller.
 *
 * No phone font has emoji: pictographs, their modifiers and joiners are dropped everywhere, as
 * are control characters (XML 1.0 forbids most of them), bidi overrides (they would reorder
 * the rest of the screen line), zero-width and private-use characters.
 */
export interface VendorCharset {
  /** The XML declaration's and the HTTP answer's charset. */
  encoding: 'UTF-8' | 'ISO-8859-1';
  /** Longest name shown, in characters (graphemes), or in UTF-8 bytes when `nameMaxBytes`. */
  nameMax: number;
  /** Polycom's fn/ln are "UTF-8 encoded string of up to 40 bytes". */
  nameMaxBytes?: boolean;
}

export const VENDOR_CHARSETS: Record<PhoneVendor, VendorCharset> = {
  yealink: { encoding: 'UTF-8', nameMax: 32 },
  cisco: { encoding: 'ISO-8859-1', nameMax: 32 },
  snom: { encoding: 'UTF-8', nameMax: 32 },
  polycom: { encoding: 'UTF-8', nameMax: 40, nameMaxBytes: true },
};

// C0 and C1 controls and DEL become spaces (a tab or newline in a name separates words).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Emoji and what builds them (skin tones, variation selectors, zero-width joiner, keycap, tags),
// bidi embeddings/overrides/isolates, zero-width and BOM, private use, noncharacters, lone surrogates.
const DROPPED =
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{fe00}-\u{fe0f}\u{e0000}-\u{e007f}\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u20e3\p{Co}\ufdd0-\ufdef\ufffe\uffff]|\p{Cs}/gu;
const SPACES = /[\s\u00a0\u2000-\u200a\u2028\u2029\u3000]+/gu;
const MARKS = /\p{M}/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A name (or any label) cleaned for the vendor's character set and cut to its length; may be ''. */
export function phoneText(vendor: PhoneVendor, text: string, max?: number): string {
  const charset = VENDOR_CHARSETS[vendor];
  let s = text.replace(CONTROLS, ' ').replace(DROPPED, '');
  if (charset.encoding === 'ISO-8859-1') s = toLatin1(s);
  s = s.replace(SPACES, ' ').trim();
  return cut(s, max ?? charset.nameMax, charset.nameMaxBytes === true && max === undefined);
}

/** Latin-1 characters as they are; others by their decomposition's Latin-1 part (ł -> l, ő -> o), else dropped. */
function toLatin1(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u00ff]*$/.test(s)) return s;
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (ch.codePointAt(0)! <= 0xff) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFKD').replace(MARKS, '');
    out += STROKED[ch] ?? (/^[\u0020-\u007e\u00a0-\u00ff]+$/.test(base) ? base : '');
  }
  return out;
}

/** Letters whose stroke is not a combining mark, so NFKD keeps them whole. */
// Typographic quotes and dashes (a translation's l’appel, « – ») have no decomposition either: their ASCII forms.
const STROKED: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i', ŀ: 'l', Ŀ: 'L', ŧ: 't', Ŧ: 'T', œ: 'oe', Œ: 'OE', ſ: 's', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-' };

/** Cuts on grapheme boundaries (an accent never loses its letter, a syllable is never split). */
function cut(s: string, max: number, bytes: boolean): string {
  if (!bytes && s.length <= max) return s;
  if (bytes && Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let size = 0;
  for (const { segment } of graphemes.segment(s)) {
    const add = bytes ? Buffer.byteLength(segment, 'utf8') : 1;
    if (size + add > max) break;
    out += segment;
    size += add;
  }
  return out.trimEnd();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML element or a quoted attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Cleaned and escaped: what goes between tags. */
export function xmlText(vendor: PhoneVendor, text: string, max?: number): string {
  return xmlEscape(phoneText(vendor, text, max));
}

/** The XML declaration for the vendor's charset. */
export function xmlDeclaration(vendor: PhoneVendor): string {
  return `<?xml version="1.0" encoding="${VENDOR_CHARSETS[vendor].encoding}"?>\n`;
}

/** The answer's bytes and Content-Type in the vendor's charset (Latin-1 text was made Latin-1-only by phoneText). */
export function encodeXml(vendor: PhoneVendor, xml: string): { body: Buffer; contentType: string } {
  const { encoding } = VENDOR_CHARSETS[vendor];
  return {
    body: Buffer.from(xml, encoding === 'UTF-8' ? 'utf8' : 'latin1'),
    contentType: `text/xml; charset=${encoding}`,
  };
}
