/**
 * Every UI string of the page client, in English. Magento passes the translations for the
 * admin user's locale in the page config (`i18n`), keyed by these English texts; the module's
 * i18n/*.csv files carry the same keys.
 */
export const STRINGS = [
  'Phone',
  'Connecting…',
  'Connected',
  'Offline',
  'Available',
  'Busy',
  'Away',
  'No current call',
  'Ringing',
  'In call',
  'On hold',
  'Transferred',
  'Ended',
  'Inbound call from %1',
  'Outbound call to %1',
  'Internal call with %1',
  'Extension %1',
  'Show phone bar',
  'Hide phone bar',
  'Calling %1…',
  'Hang up',
] as const;

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
