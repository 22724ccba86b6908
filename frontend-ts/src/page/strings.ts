import type { Problem } from '../../../bridge/src/protocol/messages';

/**
 * Every UI string of the page client, in English. Magento passes the translations for the
 * admin user's locale in the page config (`i18n`), keyed by these English texts; the module's
 * i18n/en_US.csv and fr_FR.csv carry the same keys (a test checks they agree).
 */
export const STRINGS = [
  'Phone',
  'Connecting…',
  'Connected',
  'Offline',
  'Status',
  'Available',
  'Busy',
  'Away',
  'No current call',
  'Ringing',
  'In call',
  'On hold',
  'Transferring…',
  'Transferred',
  'Parked',
  'Ended',
  'Inbound call from %1',
  'Outbound call to %1',
  'Internal call with %1',
  'Answered by %1',
  'Extension %1',
  'Show phone bar',
  'Hide phone bar',
  'Looking up the caller…',
  'Unknown caller',
  'Caller lookup failed',
  'Several customers have this number:',
  'Create customer',
  'Open customer',
  'Latest order',
  'Create order',
  'Group: %1',
  'Lifetime sales: %1',
  'Open cart: %1 items, %2',
  'Last orders',
  'Hang up',
  'Hold',
  'Resume',
  'Mute',
  'Unmute',
  'Keypad',
  'Transfer to',
  'Transfer',
  'Consult transfer',
  'Number to call',
  'Call',
  'Recent calls',
  'No recent calls',
  'Call back',
  '%1 missed calls',
  'Missed',
  'Answered',
  'Busy line',
  'Failed',
  'Voicemail',
  'Abandoned',
  'Calling %1…',
  'Note',
  'Wrap-up note',
  'Save note',
  'Note saved',
  'The note could not be saved: %1',
  'Campaign',
  'Next call',
  'Call %1',
  'No contact to call now',
  'Attempt %1 of %2',
  'Cart: %1',
  'Last note: %1',
  'Outcome',
  'Reached, ordered',
  'Will order',
  'Not interested',
  'Call back later',
  'No answer',
  'Wrong number',
  'Call back at',
  'Save outcome',
  'Outcome saved',
  'Softphone off',
  'Softphone connecting…',
  'Softphone ready',
  'Softphone unavailable',
  'Pop out phone',
  'Answer',
  'Decline',
  'Calling…',
  'Restoring audio…',
  'Caller on hold until a page is open',
  'Audio in the phone window',
  'Cannot reach the bridge at %1: %2',
  'The bridge refused the agent token (%1).',
  'Cannot get an agent token: %1',
  'Cannot renew the agent token: %1',
  'Cannot get the softphone credentials: %1',
  'Invalid SIP address %1',
  'Lost the SIP connection: %1',
  'Cannot reach the SIP server %1: %2',
  'The SIP server refused the registration (%1 %2).',
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
