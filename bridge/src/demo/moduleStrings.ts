import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The phone bar's UI strings as the Magento module holds them: the one list in
 * etc/ui_strings.xml (read by Model/PhoneBar/UiStrings.php at run time, by Magento's
 * `i18n:collect-phrases` through its `translate="true"` attributes, and by the generator of
 * frontend-ts/src/page/uiStrings.generated.ts) and their translations in i18n/<locale>.csv.
 * The demo reads them here to hand the bar the translations Magento would.
 */

/** The module's folder, from bridge/dist/demo (compiled) or bridge/src/demo (ts-jest, tsx). */
export const MODULE_DIR = path.resolve(__dirname, '../../../app/code/Bandeau/Cti');
export const UI_STRINGS_XML = path.join(MODULE_DIR, 'etc/ui_strings.xml');
/** The desk-phone pages' strings (same format), compiled into bridge/src/phones/phoneStrings.generated.ts. */
export const PHONE_STRINGS_XML = path.join(MODULE_DIR, 'etc/phone_strings.xml');

export class UiStringsError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: () => string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new UiStringsError(`${where()}: a lone "&" (write &amp;)`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const c = ENTITIES[name];
    if (c === undefined) throw new UiStringsError(`${where()}: unknown entity ${m}`);
    return c;
  });
}

/**
 * The strings of ui_strings.xml, in file order. Deliberately strict (the file is a flat list):
 * an XML declaration, comments, one <config> root holding only
 * `<string translate="true">text</string>` elements. Anything else (CDATA, other elements or
 * attributes, an empty, padded or repeated string) is an error naming the line, so this reader
 * can never see a different list than the PHP side's DOM parser and the schema allow.
 */
export function parseUiStringsXml(xml: string, file = 'ui_strings.xml'): string[] {
  const lineAt = (i: number) => xml.slice(0, i).split('\n').length;
  const strings: string[] = [];
  const seen = new Map<string, number>();
  let i = 0;
  const skip = () => {
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0];
      i += ws.length;
      if (!xml.startsWith('<!--', i)) return;
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) throw new UiStringsError(`${file}:${lineAt(i)}: unterminated comment`);
      i = end + 3;
    }
  };
  const expect = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(xml.slice(i));
    if (!m) throw new UiStringsError(`${file}:${lineAt(i)}: expected ${what}, found ${JSON.stringify(xml.slice(i, i + 40))}`);
    i += m[0].length;
    return m;
  };
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  if (xml.startsWith('<?xml', i)) expect(/^<\?xml[^?]*\?>/, 'an XML declaration');
  skip();
  expect(/^<config(\s+[\w:]+="[^"<&]*")*\s*>/, '<config>');
  for (;;) {
    skip();
    if (xml.startsWith('</config', i)) break;
    const line = lineAt(i);
    const m = expect(/^<string translate="true">([^<]*)<\/string>/, '<string translate="true">…</string> or </config>');
    const text = decode(m[1]!, () => `${file}:${line}`);
    if (text === '' || text.trim() !== text) throw new UiStringsError(`${file}:${line}: a string may not be empty or start or end with spaces`);
    const first = seen.get(text);
    if (first !== undefined) throw new UiStringsError(`${file}:${line}: "${text}" is already on line ${first}`);
    seen.set(text, line);
    strings.push(text);
  }
  expect(/^<\/config\s*>/, '</config>');
  skip();
  if (i < xml.length) throw new UiStringsError(`${file}:${lineAt(i)}: nothing may follow </config>`);
  if (strings.length === 0) throw new UiStringsError(`${file}: no <string> in it`);
  return strings;
}

/** The module's UI strings (etc/ui_strings.xml). */
export function readUiStrings(file = UI_STRINGS_XML): string[] {
  return parseUiStringsXml(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
}

/** A Magento translation CSV (source, translation per row), as Magento's dictionary reads it. */
export function readTranslationCsv(file: string): Map<string, string> {
  const rows = parse(readFileSync(file, 'utf8'), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return new Map(rows.filter((r) => r[0] !== undefined && r[1] !== undefined).map((r) => [r[0] as string, r[1] as string]));
}

/** Locales the module translates the bar into (i18n/<locale>.csv). */
export const LOCALES = ['en_US', 'fr_FR'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * What UiStrings::translations() gives the page config (`i18n`) for an admin user of this
 * locale: every UI string => its translation, the English text where a row is missing.
 */
export function barTranslations(locale: Locale, moduleDir = MODULE_DIR): Record<string, string> {
  return listTranslations(locale, path.join(moduleDir, 'etc/ui_strings.xml'), moduleDir);
}

/** Every string of a list (ui_strings.xml format) => its translation in the locale's CSV, the English text where a row is missing (as Magento). */
export function listTranslations(locale: Locale, listFile: string, moduleDir = MODULE_DIR): Record<string, string> {
  const csv = readTranslationCsv(path.join(moduleDir, 'i18n', `${locale}.csv`));
  return Object.fromEntries(readUiStrings(listFile).map((s) => [s, csv.get(s) ?? s]));
}
