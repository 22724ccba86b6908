import type { PhoneVendor } from './config';
import { phoneText, xmlDeclaration, xmlEscape, xmlText } from './sanitise';
import type { PhoneTranslate } from './phoneStrings';

/**
 * A text screen with soft keys, written in each vendor's XML from its public documentation. The
 * caller page and every soft key's answer are such screens.
 *
 * - Yealink XML browser, YealinkIPPhoneFormattedTextScreen: a header Line (at most 2), a Scroll
 *   of Lines, a footer Line, then SoftKey index="1.." with Label and URI.
 * - Cisco IP Phone Services SDK, CiscoIPPhoneText: Title (<= 32), Prompt (<= 32), Text (<= 4000
 *   bytes, ISO-8859-1, line feeds allowed), SoftKeyItem (Name, URL <= 256, Position 1..8).
 * - Snom XML minibrowser, SnomIPPhoneText: Title, Prompt, Text, SoftKeyItem (Name = F1..F4, Label, URL).
 * - Polycom microbrowser (SoundPoint IP / VVX Web Application Developer's Guide): XHTML whose
 *   `<softkey index label action>` tags (index 1..8) run `SoftKey:Fetch;URL` or `SoftKey:Exit`.
 */
export interface PhoneScreen {
  title: string;
  /** The main line: the caller's name, or what happened. */
  headline: string;
  lines: string[];
  /** A short line at the bottom (the caller's number). */
  footer?: string;
  keys: Array<{ label: string; url: string }>;
  /** The page's language, for the words the renderer adds itself (the Exit key). */
  t: PhoneTranslate;
}

/** Soft keys each vendor shows on one screen (Snom's first layer F1..F4; Yealink's four keys). */
export const MAX_KEYS: Record<PhoneVendor, number> = { yealink: 4, cisco: 8, snom: 4, polycom: 8 };
/** Cisco phones take a soft key URL of at most 256 characters. */
const CISCO_MAX_URL = 256;
/** Cisco's Title and Prompt are at most 32 characters; Text 4000 bytes. */
const SHORT = 32;
const CISCO_MAX_TEXT = 4000;
/** A text line: long enough for "Last order: #000000104, Processing, €1,234.56". */
const LINE = 64;

/** The screen in the vendor's XML (Polycom: XHTML), text cleaned for its character set. */
export function renderScreen(vendor: PhoneVendor, s: PhoneScreen): string {
  // Only http(s) URLs go on keys: nothing else could be fetched (an internal URI is written by each renderer).
  const keys = s.keys.filter((k) => /^https?:\/\//.test(k.url)).slice(0, MAX_KEYS[vendor]);
  return RENDER[vendor]({ ...s, keys });
}

const clean = (vendor: PhoneVendor, lines: Array<string | undefined>, max = LINE) =>
  lines.map((l) => (l === undefined ? '' : phoneText(vendor, l, max))).filter((l) => l !== '');

/** The headline as the phone can show it; a name with nothing showable (Arabic on a Cisco) gives way to the footer (the number). */
const headline = (vendor: PhoneVendor, s: PhoneScreen) => phoneText(vendor, s.headline, LINE) || phoneText(vendor, s.footer ?? '', LINE) || '-';

const RENDER: Record<PhoneVendor, (s: PhoneScreen) => string> = {
  yealink: (s) => {
    const v = 'yealink';
    const keys = s.keys.map((k, i) => `<SoftKey index="${i + 1}"><Label>${xmlText(v, k.label, 12)}</Label><URI>${xmlEscape(k.url)}</URI></SoftKey>`);
    return (
      `${xmlDeclaration(v)}<YealinkIPPhoneFormattedTextScreen Beep="no" Timeout="45" LockIn="no">\n` +
      `<Line Size="large" Align="center">${xmlEscape(headline(v, s))}</Line>\n` +
      `<Scroll>\n${clean(v, s.lines).map((l) => `<Line Align="left">${xmlEscape(l)}</Line>`).join('\n')}\n</Scroll>\n` +
      (s.footer ? `<Line Align="center">${xmlText(v, s.footer, SHORT)}</Line>\n` : '') +
      `${keys.join('\n')}\n</YealinkIPPhoneFormattedTextScreen>\n`
    );
  },
  cisco: (s) => {
    const v = 'cisco';
    // Latin-1 has no euro sign: amounts say EUR rather than lose their currency.
    const text = cutBytes([headline(v, s), ...clean(v, s.lines.map((l) => l.replace(/\s*€\s*/g, ' EUR ')))].join('\n'), CISCO_MAX_TEXT);
    // An over-long URL would be refused by the phone: the key is left out (Exit stays).
    const keys = [...s.keys.filter((k) => k.url.length <= CISCO_MAX_URL), { label: s.t('Exit'), url: 'SoftKey:Exit' }].slice(0, MAX_KEYS.cisco);
    return (
      `${xmlDeclaration(v)}<CiscoIPPhoneText>\n<Title>${xmlText(v, s.title, SHORT)}</Title>\n` +
      (s.footer ? `<Prompt>${xmlText(v, s.footer, SHORT)}</Prompt>\n` : '') +
      `<Text>${xmlEscape(text)}</Text>\n` +
      keys.map((k, i) => `<SoftKeyItem><Name>${xmlText(v, k.label, SHORT)}</Name><URL>${xmlEscape(k.url)}</URL><Position>${i + 1}</Position></SoftKeyItem>`).join('\n') +
      `\n</CiscoIPPhoneText>\n`
    );
  },
  snom: (s) => {
    const v = 'snom';
    const text = [headline(v, s), ...clean(v, s.lines)].join('\n');
    return (
      `${xmlDeclaration(v)}<SnomIPPhoneText>\n<Title>${xmlText(v, s.title, SHORT)}</Title>\n` +
      (s.footer ? `<Prompt>${xmlText(v, s.footer, SHORT)}</Prompt>\n` : '') +
      `<Text>${xmlEscape(text)}</Text>\n` +
      s.keys.map((k, i) => `<SoftKeyItem><Name>F${i + 1}</Name><Label>${xmlText(v, k.label, SHORT)}</Label><URL>${xmlEscape(k.url)}</URL></SoftKeyItem>`).join('\n') +
      `\n</SnomIPPhoneText>\n`
    );
  },
  polycom: (s) => {
    const v = 'polycom';
    const rest = clean(v, [...s.lines, s.footer]);
    const keys = [...s.keys.map((k) => ({ label: k.label, action: `SoftKey:Fetch;${k.url}` })), { label: s.t('Exit'), action: 'SoftKey:Exit' }].slice(0, MAX_KEYS.polycom);
    return (
      `${xmlDeclaration(v)}<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>${xmlText(v, s.title, SHORT)}</title></head>\n<body>\n` +
      `<p><b>${xmlEscape(headline(v, s))}</b></p>\n` +
      rest.map((l) => `<p>${xmlEscape(l)}</p>`).join('\n') +
      `\n${keys.map((k, i) => `<softkey index="${i + 1}" label="${xmlText(v, k.label, 12)}" action="${xmlEscape(k.action)}"/>`).join('\n')}\n</body>\n</html>\n`
    );
  },
};

/** Cuts Latin-1 text to a byte budget (one byte a character there) on a line boundary when it can. */
function cutBytes(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const nl = cut.lastIndexOf('\n');
  return nl > 0 ? cut.slice(0, nl) : cut;
}

/** Polycom's microbrowser reads XHTML: served as HTML in UTF-8; the others are XML in their charset (router). */
export function screenAnswer(vendor: PhoneVendor, s: PhoneScreen, status = 200): { status: number; body: string; contentType?: string } {
  const body = renderScreen(vendor, s);
  return vendor === 'polycom' ? { status, body, contentType: 'text/html; charset=UTF-8' } : { status, body };
}
