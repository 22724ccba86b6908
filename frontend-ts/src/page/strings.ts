import type { Problem } from '../../../bridge/src/protocol/messages';

/**
 * Every UI string of the page client and worker, in English. The one list is the module's
 * app/code/Bandeau/Cti/etc/ui_strings.xml: add a string there, then `npm run strings`
 * regenerates ./uiStrings.generated.ts (never edit that file). Magento passes the translations
 * for the admin user's locale in the page config (`i18n`), keyed by these English texts, from
 * the module's i18n/en_US.csv and fr_FR.csv (tests check every string is in both).
 */
import { STRINGS } from './uiStrings.generated';

export { STRINGS };

export type StringKey = (typeof STRINGS)[number];

export type Translate = (key: StringKey, ...args: Array<string | number>) => string;

export function makeTranslator(dict: Record<string, string> | undefined): Translate {
  return (key, ...args) => {
    const text = dict?.[key] ?? key;
    return text.replace(/%(\d+)/g, (m, n: string) => {
      const v = args[Number(n) - 1];
      return v === undefined ? m : String(v);
    });
  };
}

/** A problem the worker reports (messages.ts `Problem`): one of these strings and its values. */
export function problem(text: StringKey, ...args: Array<string | number>): Problem {
  // Values are bounded as the schema bounds them: an over-long error text must not void the whole view.
  return { text, args: args.map((a) => String(a).slice(0, 1024)) };
}

/** A problem in the page's language; in English without a translator (for logs). */
export function problemText(p: Problem, t: Translate = makeTranslator(undefined)): string {
  // The text comes from the worker of this same bundle; an unknown one falls back to itself.
  return t(p.text as StringKey, ...p.args);
}
