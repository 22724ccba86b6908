import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { STRINGS } from '../../../frontend-ts/src/page/strings';

const I18N = path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n');

function dictionary(locale: string): Map<string, string> {
  const rows = parse(readFileSync(path.join(I18N, `${locale}.csv`), 'utf8'), { relax_column_count: true }) as string[][];
  return new Map(rows.map((r) => [r[0] as string, r[1] as string]));
}

describe('phone bar strings are translatable', () => {
  it.each(['en_US', 'fr_FR'])('every UI string of the bar is in %s.csv', (locale) => {
    const dict = dictionary(locale);
    const missing = STRINGS.filter((s) => !dict.has(s));
    expect(missing).toEqual([]);
  });

  it('French translations keep the placeholders and are not left in English', () => {
    const fr = dictionary('fr_FR');
    const untranslated: string[] = [];
    for (const s of STRINGS) {
      const t = fr.get(s) ?? '';
      expect([...t.matchAll(/%\d/g)].map((m) => m[0]).sort()).toEqual([...s.matchAll(/%\d/g)].map((m) => m[0]).sort());
      if (t === s && !/^%\d( %\d)*$/.test(s)) untranslated.push(s);
    }
    // A few words are the same in both languages (e.g. "Note").
    expect(untranslated.filter((s) => !['Note', 'Transfer'].includes(s))).toEqual([]);
  });

  it('the module passes every bar string to the page (PHP list = TypeScript list)', () => {
    const php = readFileSync(path.resolve(I18N, '../Model/PhoneBar/UiStrings.php'), 'utf8');
    const missing = STRINGS.filter((s) => !php.includes(`'${s.replace(/'/g, "\\'")}'`));
    expect(missing).toEqual([]);
  });
});
