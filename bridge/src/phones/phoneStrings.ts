import { PHONE_LOCALES, PHONE_TRANSLATIONS, type PhoneString } from './phoneStrings.generated';

/**
 * The desk-phone pages' words in the phone's language. The one list is the module's
 * etc/phone_strings.xml and the translations its i18n/<locale>.csv, where translators work for
 * the whole module; `npm run strings` compiles both into ./phoneStrings.generated.ts (never edit
 * that file), since the bridge renders these pages without Magento. Placeholders are Magento's
 * (%1, %2). Text is translated first, then cleaned for the vendor's character set (sanitise.ts).
 */
export { PHONE_LOCALES, type PhoneString };
export type PhoneLocale = (typeof PHONE_LOCALES)[number];
export type PhoneTranslate = (key: PhoneString, ...args: Array<string | number>) => string;

export function phoneTranslator(locale: PhoneLocale): PhoneTranslate {
  const dict = PHONE_TRANSLATIONS[locale];
  return (key, ...args) => fillPlaceholders(dict[key] ?? key, args);
}

/** Magento's %1, %2… replaced by the values, a placeholder without one left as it is. */
export function fillPlaceholders(text: string, args: readonly unknown[]): string {
  return text.replace(/%(\d+)/g, (m, n: string) => {
    const v = args[Number(n) - 1];
    return v === undefined ? m : String(v);
  });
}

/** English, for what is said outside a phone's request (defaults, logs). */
export const ENGLISH: PhoneTranslate = phoneTranslator('en_US');

/**
 * The language a request asks for with `lang=` (Magento's locale code, fr_FR; fr-FR and
 * lower case read too), else the configured one: a locale the module does not ship falls back
 * as Magento falls back to the source text.
 */
export function phoneLocale(lang: string | null, fallback: PhoneLocale): PhoneLocale {
  if (lang === null) return fallback;
  // language[_Script]_REGION: zh_Hans_CN as Magento spells it, zh-hans-cn as a phone may.
  const m = /^([a-z]{2,3})(?:[_-]([a-z]{4}))?[_-]([a-z]{2})$/i.exec(lang.trim());
  const script = m?.[2] ? `_${m[2].charAt(0).toUpperCase()}${m[2].slice(1).toLowerCase()}` : '';
  const code = m ? `${m[1]!.toLowerCase()}${script}_${m[3]!.toUpperCase()}` : '';
  return (PHONE_LOCALES as readonly string[]).includes(code) ? (code as PhoneLocale) : fallback;
}
