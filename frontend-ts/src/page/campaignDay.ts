import type { CampaignOutcome, CampaignToday } from '../../../bridge/src/protocol/messages';
import type { Plural } from './plural';
import type { StringKey, Translate } from './strings';

/** The outcomes an agent records after a campaign call, in the order the panel offers them. */
export const CAMPAIGN_OUTCOMES: Array<[CampaignOutcome, StringKey]> = [
  ['reached_ordered', 'Reached, ordered'],
  ['will_order', 'Will order'],
  ['not_interested', 'Not interested'],
  ['callback', 'Call back later'],
  ['no_answer', 'No answer'],
  ['wrong_number', 'Wrong number'],
];

/** The agent's day in words: what the panel's counters say. */
export interface DayView {
  left: string;
  calls: string;
  results: string[];
}

export function presentDay(d: CampaignToday, t: Translate, tn: Plural): DayView {
  const label = (o: string) => {
    const known = CAMPAIGN_OUTCOMES.find(([v]) => v === o);
    return known ? t(known[1]) : o;
  };
  const calls = [tn(d.calls, '%1 call today', '%1 calls today')];
  if (d.skipped) calls.push(t('Skipped: %1', d.skipped));
  if (d.snoozed) calls.push(t('Snoozed: %1', d.snoozed));
  return {
    left: `${tn(d.contactsLeft, '%1 contact left', '%1 contacts left')} · ${t('Due now: %1', d.dueNow)}`,
    calls: calls.join(' · '),
    results: d.results.map((r) => `${label(r.outcome)}: ${r.count}`),
  };
}

/** The browser's midnight today (the start of the agent's day for Magento's counters). */
export function dayStart(now: number = Date.now()): string {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
}

export type SnoozeChoice = '1h' | '3h' | 'tomorrow';

/** When a snoozed contact comes back: in 1 or 3 hours, or tomorrow at 9:00 (the agent's time). */
export function snoozeUntil(choice: SnoozeChoice, now: number = Date.now()): Date {
  if (choice === '1h') return new Date(now + 3_600_000);
  if (choice === '3h') return new Date(now + 3 * 3_600_000);
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 9, 0, 0);
}

/** A date-time input's value ("2026-11-20T14:30", the agent's time) as an instant; null when unreadable. */
export function localDateTime(value: string): Date | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-20T14:30" for a date-time input, in the agent's time. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
