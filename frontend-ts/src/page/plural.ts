import type { StringKey, Translate } from './strings';

/**
 * Plurals by the admin user's language rules (Intl.PluralRules): French says "1 appel manqué"
 * and "0 appel manqué", English "0 missed calls". Each counted string has a `one` and an `other`
 * form in strings.ts (and in the module's CSVs); CLDR's other categories (`few`, `many`…) read as
 * `other`, which is right for the languages the module ships.
 */
export type Plural = (n: number, one: StringKey, other: StringKey, ...args: Array<string | number>) => string;

/** A BCP 47 tag from a Magento locale (`fr_FR` -> `fr-FR`); undefined for the browser's own. */
export function languageTag(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** `tn(n, '%1 missed call', '%1 missed calls')`: the form for n, with n as %1 (then the other values). */
export function makePlural(t: Translate, locale: string | undefined): Plural {
  let rules: Intl.PluralRules;
  try {
    rules = new Intl.PluralRules(languageTag(locale) ?? 'en');
  } catch {
    rules = new Intl.PluralRules('en');
  }
  return (n, one, other, ...args) => t(rules.select(n) === 'one' ? one : other, n, ...args);
}
