import { languageTag } from '../plural';

/**
 * When a recent call was and how long it lasted, in the admin user's language (Intl): the time
 * alone today, "yesterday 17:25", the weekday within the week, else the date.
 */
export interface When {
  /** Short, for the list: "14:05", "Yesterday 09:12", "Mon 14:05", "12 Nov 14:05". */
  short: string;
  /** Full date and time, for the tooltip and screen readers. */
  full: string;
}

const formats = new Map<string, { time: Intl.DateTimeFormat; weekday: Intl.DateTimeFormat; date: Intl.DateTimeFormat; full: Intl.DateTimeFormat; relative: Intl.RelativeTimeFormat }>();

function formatsFor(locale: string | undefined) {
  const tag = languageTag(locale) ?? 'en';
  let f = formats.get(tag);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(tag, { timeStyle: 'short' }),
      weekday: new Intl.DateTimeFormat(tag, { weekday: 'short' }),
      date: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }),
      full: new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short' }),
      relative: new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
    };
    formats.set(tag, f);
  }
  return f;
}

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

export function when(iso: string, now: number, locale: string | undefined): When {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { short: '', full: '' };
  const f = formatsFor(locale);
  const time = f.time.format(at);
  const days = Math.round((dayStart(new Date(now)) - dayStart(at)) / 86_400_000);
  let day = '';
  if (days === 1) {
    const y = f.relative.format(-1, 'day');
    day = y.charAt(0).toLocaleUpperCase(languageTag(locale)) + y.slice(1);
  } else if (days > 1 && days < 7) day = f.weekday.format(at);
  else if (days !== 0) day = f.date.format(at);
  return { short: day ? `${day} ${time}` : time, full: f.full.format(at) };
}

/** Talk time of an answered call, "0:42", "12:05", "1:02:09"; '' when nobody answered. */
export function duration(answeredAt: string | null, endedAt: string | null): string {
  if (!answeredAt || !endedAt) return '';
  const ms = Date.parse(endedAt) - Date.parse(answeredAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  return clockTime(Math.round(ms / 1000));
}

/** Seconds as a clock reads them: "0:42", "12:05", "1:02:09" (talk times). */
export function clockTime(s: number): string {
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}
