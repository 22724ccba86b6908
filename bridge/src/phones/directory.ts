import type { PhoneVendor } from './config';
import type { PhoneAnswer, PhoneRequestContext } from './context';
import { MAX_QUERY_CHARS, type PhoneBookListing } from './phoneBook';
import { phoneText, xmlDeclaration, xmlEscape, xmlText } from './sanitise';
import type { PhoneTranslate } from './phoneStrings';
import { normalizePhone } from '../phone';

/** Cisco phones show at most 32 DirectoryEntry per object (Cisco IP Phone Services SDK). */
export const CISCO_MAX_ENTRIES = 32;
/** Longest SoftKeyItem URL a Cisco phone takes. */
export const CISCO_MAX_URL = 256;
/** Highest page a phone may ask for (MAX_SEARCH_DEPTH bounds it anyway). */
const MAX_PAGE = 1000;

/** What one directory page holds, vendor-neutral. */
export interface DirectoryPage {
  title: string;
  entries: Array<{ listing: PhoneBookListing; dial: string }>;
  /** URLs of the previous and next pages (with the phone's credentials), when they exist. */
  prev: string | null;
  next: string | null;
  /** The search URL the phone asks again with a new prefix (Cisco/Snom "Search" soft key). */
  search: string;
  /** The page's words in the phone's language. */
  t: PhoneTranslate;
}

/** Entries per page for the vendor (Cisco's limit applies to Grandstream too). */
export function pageSizeFor(vendor: PhoneVendor, configured: number): number {
  return vendor === 'cisco' ? Math.min(configured, CISCO_MAX_ENTRIES) : configured;
}

/**
 * GET /phone/{vendor}/directory.xml?q=PREFIX&page=N (page from 1): the customers (and staff)
 * whose name has a word starting with each word of `q`, in name order, as the vendor's XML.
 */
export function renderDirectory(ctx: PhoneRequestContext): PhoneAnswer {
  const q = (ctx.query.get('q') ?? '').slice(0, MAX_QUERY_CHARS);
  // Yealink substitutes #SEARCH itself; a phone that did not leaves the placeholder: treat as empty.
  const prefix = q === '#SEARCH' ? '' : q;
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1));
  const size = pageSizeFor(ctx.vendor, ctx.config.pageSize);
  const found = ctx.book().search(prefix, (page - 1) * size, size);
  const params = (p: number) => ({ ...(prefix ? { q: prefix } : {}), page: String(p) });
  const view: DirectoryPage = {
    title: prefix ? `${prefix}` : ctx.t('Directory'),
    entries: found.listings.map((listing) => ({ listing, dial: dialString(ctx, listing) })),
    prev: page > 1 ? ctx.url('directory.xml', params(page - 1)) : null,
    next: found.more ? ctx.url('directory.xml', params(page + 1)) : null,
    search: ctx.url('directory.xml'),
    t: ctx.t,
  };
  return { status: 200, body: DIRECTORY_XML[ctx.vendor](view) };
}

/**
 * GET /phone/{vendor}/lookup?number=… — the phones' "remote phonebook name lookup": the entry of
 * the number (E.164 or as the phone shows it, read in the bridge's region), in the directory
 * format, empty when nobody has it.
 */
export function renderLookup(ctx: PhoneRequestContext): PhoneAnswer {
  const raw = (ctx.query.get('number') ?? '').slice(0, 64);
  const book = ctx.book();
  let listing = book.byNumber(raw);
  if (!listing) {
    const n = normalizePhone(raw, ctx.defaultRegion);
    if (n.ok) listing = book.byNumber(n.e164);
  }
  const view: DirectoryPage = { title: ctx.t('Lookup'), entries: listing ? [{ listing, dial: dialString(ctx, listing) }] : [], prev: null, next: null, search: ctx.url('directory.xml'), t: ctx.t };
  return { status: 200, body: DIRECTORY_XML[ctx.vendor](view) };
}

function dialString(ctx: PhoneRequestContext, l: PhoneBookListing): string {
  return l.customerId === null ? l.number : ctx.dial(l.number);
}

/** The name as the vendor shows it; a name with nothing showable (Arabic on a Cisco) becomes its number. */
function shownName(vendor: PhoneVendor, e: { listing: PhoneBookListing; dial: string }): string {
  return xmlEscape(phoneText(vendor, e.listing.name) || e.dial);
}

type Render = (p: DirectoryPage) => string;

/** Cisco-style soft keys: Dial, EditDial, Exit and the paging keys (Name/URL/Position). */
function ciscoSoftKeys(vendor: PhoneVendor, p: DirectoryPage): string {
  const { t } = p;
  const keys: Array<[string, string]> = [
    [t('Dial'), 'SoftKey:Dial'],
    [t('EditDial'), 'SoftKey:EditDial'],
  ];
  if (p.prev) keys.push([t('Prev'), p.prev]);
  if (p.next) keys.push([t('Next'), p.next]);
  keys.push([t('Exit'), 'SoftKey:Exit']);
  // Cisco's URL is at most 256 characters: a page key whose URL (a long non-Latin query) is longer is left out.
  return keys
    .filter(([, url]) => url.length <= CISCO_MAX_URL)
    .map(([name, url], i) => `<SoftKeyItem><Name>${xmlText(vendor, name)}</Name><URL>${xmlEscape(url)}</URL><Position>${i + 1}</Position></SoftKeyItem>`).join('\n');
}

const entry = (vendor: PhoneVendor, e: DirectoryPage['entries'][number]) =>
  `<DirectoryEntry><Name>${shownName(vendor, e)}</Name><Telephone>${xmlText(vendor, e.dial, 32)}</Telephone></DirectoryEntry>`;

export const DIRECTORY_XML: Record<PhoneVendor, Render> = {
  // Yealink's remote phone book: the Cisco-like directory object under Yealink's root name.
  yealink: (p) =>
    `${xmlDeclaration('yealink')}<YealinkIPPhoneDirectory>\n<Title>${xmlText('yealink', p.title)}</Title>\n${p.entries.map((e) => entry('yealink', e)).join('\n')}\n${ciscoSoftKeys('yealink', p)}\n</YealinkIPPhoneDirectory>\n`,
  // CiscoIPPhoneDirectory (also what Grandstream's XML phonebook reads): Title, Prompt, at most 32 entries.
  cisco: (p) =>
    `${xmlDeclaration('cisco')}<CiscoIPPhoneDirectory>\n<Title>${xmlText('cisco', p.title)}</Title>\n<Prompt>${xmlText('cisco', p.next ? p.t('Next: more names') : p.t('Select a name'))}</Prompt>\n${p.entries.map((e) => entry('cisco', e)).join('\n')}\n${ciscoSoftKeys('cisco', p)}\n</CiscoIPPhoneDirectory>\n`,
  // Snom's XML minibrowser directory: soft keys name a function key (F1..F4) and carry a Label.
  snom: (p) => {
    const keys: string[] = [];
    if (p.prev) keys.push(snomKey('F1', p.t('Prev'), p.prev));
    if (p.next) keys.push(snomKey('F4', p.t('Next'), p.next));
    return `${xmlDeclaration('snom')}<SnomIPPhoneDirectory>\n<Title>${xmlText('snom', p.title)}</Title>\n<Prompt>${xmlText('snom', p.t('Dial'))}</Prompt>\n${p.entries.map((e) => entry('snom', e)).join('\n')}\n${keys.join('\n')}\n</SnomIPPhoneDirectory>\n`;
  },
  // Polycom's contact directory file: last name / first name / contact (ct unique and never empty).
  polycom: (p) => {
    const seen = new Set<string>();
    const items = p.entries
      .filter((e) => !seen.has(e.dial) && seen.add(e.dial))
      .map((e) => {
        const { fn, ln } = splitName(e.listing.name);
        const first = phoneText('polycom', fn);
        const last = phoneText('polycom', ln);
        // A name with nothing showable still needs a label: the number, as the other vendors do.
        const shown = first || last ? { fn: first, ln: last } : { fn: '', ln: phoneText('polycom', e.dial) };
        return `<item><ln>${xmlEscape(shown.ln)}</ln><fn>${xmlEscape(shown.fn)}</fn><ct>${xmlText('polycom', e.dial, 40)}</ct></item>`;
      });
    return `${xmlDeclaration('polycom')}<directory>\n<item_list>\n${items.join('\n')}\n</item_list>\n</directory>\n`;
  },
};

function snomKey(key: string, label: string, url: string): string {
  return `<SoftKeyItem><Name>${key}</Name><Label>${xmlText('snom', label)}</Label><URL>${xmlEscape(url)}</URL></SoftKeyItem>`;
}

/** Magento stores "Firstname Lastname"; the last word is the last name (Polycom sorts on it). */
function splitName(name: string): { fn: string; ln: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { fn: '', ln: name.trim() };
  return { fn: words.slice(0, -1).join(' '), ln: words[words.length - 1]! };
}
