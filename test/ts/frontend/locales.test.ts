import ko from 'knockout';
import { PageConfig } from '../../../bridge/src/protocol/messages';
import { LOCALE_PATTERN } from '../../../bridge/src/protocol/pageSide';
import { readPageConfig } from '../../../frontend-ts/src/page/workerMessages';
import { createMyDay } from '../../../frontend-ts/src/page/bar/myDay';
import { UiState } from '../../../frontend-ts/src/page/bar/uiState';
import { languageTag, makePlural } from '../../../frontend-ts/src/page/plural';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';

/**
 * Magento's locale codes with a script (language_Script_REGION: Chinese, Serbian, Uzbek…) are
 * locales like fr_FR: the page config keeps them, Intl gets their BCP 47 tag; junk stays refused.
 */
const THREE_PARTS = ['zh_Hans_CN', 'zh_Hant_HK', 'zh_Hant_TW', 'sr_Cyrl_RS', 'sr_Latn_RS', 'uz_Latn_UZ', 'az_Latn_AZ', 'bs_Latn_BA', 'mn_Cyrl_MN'];
const JUNK = ['', 'fr_FR<script>', '"><script>', 'fr_FR\n', 'zh_Hans_CN_X', 'zh__CN', 'zh_Hans-CN', 'fr_FR_FR_FR', 'x', 'zh_Han_CN', '../en_US'];
const base = { bridgeUrl: 'https://bridge.shop.test', tokenUrl: '/t', workerUrl: '/w' };

describe('Magento locale codes in three parts', () => {
  it.each([...THREE_PARTS, 'fr_FR', 'en_US', 'fr'])('%s is a locale: the page config keeps it', (locale) => {
    expect(LOCALE_PATTERN.test(locale)).toBe(true);
    expect(PageConfig.safeParse({ ...base, locale }).success).toBe(true);
    const r = readPageConfig({ ...base, locale });
    expect(r.ok && r.value.locale).toBe(locale);
  });

  it.each(JUNK)('%j is refused', (locale) => {
    expect(LOCALE_PATTERN.test(locale)).toBe(false);
    expect(PageConfig.safeParse({ ...base, locale }).success).toBe(false);
    const r = readPageConfig({ ...base, locale });
    expect(r.ok && r.value.locale).toBeUndefined();
  });

  it.each(THREE_PARTS)('%s is a BCP 47 tag Intl takes', (locale) => {
    const tag = languageTag(locale);
    expect(tag).toBe(locale.replace(/_/g, '-'));
    expect(() => new Intl.NumberFormat(tag).format(1.5)).not.toThrow();
  });

  it('Chinese plurals and times: "My day" starts for a zh_Hans_CN admin user (Intl threw on zh-Hans_CN)', () => {
    const t = makeTranslator({});
    expect(makePlural(t, 'zh_Hans_CN')(1, '%1 missed call', '%1 missed calls')).toBe('1 missed calls');
    expect(() => createMyDay(ko, { t, locale: 'zh_Hans_CN', url: '/myday', formKey: 'FK', dial: () => undefined, ui: new UiState(null) })).not.toThrow();
  });
});
