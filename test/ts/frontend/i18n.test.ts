import { readFileSync } from 'node:fs';
import path from 'node:path';
import { barTranslations, parseUiStringsXml, readTranslationCsv, readUiStrings, UI_STRINGS_XML, UiStringsError } from '../../../bridge/src/demo/moduleStrings';
import { GENERATED, renderGenerated } from '../../../frontend-ts/tools/generateStrings';
import { STRINGS } from '../../../frontend-ts/src/page/strings';

const I18N = path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n');
const dictionary = (locale: string) => readTranslationCsv(path.join(I18N, `${locale}.csv`));

/** Issue 13, point 11: the bar's strings are listed once, in the module's etc/ui_strings.xml. */
describe('phone bar strings: one list, translated', () => {
  const source = readUiStrings();

  it.each(['en_US', 'fr_FR'])('every UI string of the list is in %s.csv', (locale) => {
    const dict = dictionary(locale);
    expect(source.filter((s) => !dict.has(s))).toEqual([]);
  });

  it('French translations keep the placeholders and are not left in English', () => {
    const fr = dictionary('fr_FR');
    const untranslated: string[] = [];
    for (const s of source) {
      const t = fr.get(s) ?? '';
      expect([...t.matchAll(/%\d/g)].map((m) => m[0]).sort()).toEqual([...s.matchAll(/%\d/g)].map((m) => m[0]).sort());
      if (t === s && !/^%\d( %\d)*$/.test(s)) untranslated.push(s);
    }
    // A few words are the same in both languages (e.g. "Note", "conversion"), and "reason → route" has no word.
    expect(untranslated.filter((s) => !['Note', 'Transfer', '%1 → %2', '%1 conversion', '%1 conversions'].includes(s))).toEqual([]);
  });

  it('the bundle\'s keys are generated from that list and up to date (else: npm run strings)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderGenerated(source));
    expect([...STRINGS]).toEqual(source);
  });

  it('the generated list quotes strings so TypeScript reads them back exactly', () => {
    expect(renderGenerated(["Export this customer's calls", 'back\\slash'])).toContain("  'Export this customer\\'s calls',\n  'back\\\\slash',\n");
  });

  it('the demo hands the bar the translations Magento would (French from fr_FR.csv)', () => {
    const fr = barTranslations('fr_FR');
    expect(Object.keys(fr)).toEqual(source);
    expect(fr['Hang up']).toBe('Raccrocher');
    expect(barTranslations('en_US')['Hang up']).toBe('Hang up');
  });
});

describe('ui_strings.xml reader', () => {
  const wrap = (body: string) => `<?xml version="1.0"?>\n<!-- list -->\n<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:x">\n${body}\n</config>\n`;

  it('reads entities, comments and the file as Magento ships it', () => {
    expect(parseUiStringsXml(wrap('  <string translate="true">Fish &amp; chips &lt;3 &#233;</string>\n  <!-- a\n comment -->\n  <string translate="true">Two</string>'))).toEqual(['Fish & chips <3 é', 'Two']);
    expect(readFileSync(UI_STRINGS_XML, 'utf8')).toContain('translate="true"');
  });

  it.each([
    ['a repeated string', '<string translate="true">A</string>\n<string translate="true">A</string>', /:5: "A" is already on line 4/],
    ['an empty string', '<string translate="true"></string>', /may not be empty/],
    ['a padded string', '<string translate="true"> A</string>', /spaces/],
    ['another element', '<label translate="true">A</label>', /:4: expected <string/],
    ['a string Magento would not collect', '<string>A</string>', /expected <string translate="true">/],
    ['CDATA', '<string translate="true"><![CDATA[A]]></string>', /expected/],
    ['a lone ampersand', '<string translate="true">A & B</string>', /lone "&"/],
    ['an unknown entity', '<string translate="true">A&nbsp;B</string>', /unknown entity &nbsp;/],
  ])('refuses %s, naming the line', (_what, body, message) => {
    expect(() => parseUiStringsXml(wrap(body))).toThrow(UiStringsError);
    expect(() => parseUiStringsXml(wrap(body))).toThrow(message);
  });

  it('refuses an empty list and text after the root', () => {
    expect(() => parseUiStringsXml(wrap(''))).toThrow(/no <string>/);
    expect(() => parseUiStringsXml(`${wrap('<string translate="true">A</string>')}<x/>`)).toThrow(/nothing may follow/);
  });
});
