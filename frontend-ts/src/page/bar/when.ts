import { languageTag } from '../plural';

/**
 * When a recent call was and how long it lasted, in the admin user's language (Intl): the time
 * alone today, "yesterday 17:25", the weekday within the week, else the date. Times are in the
 * store's time zone once the page config gives it (displayTimeZone), as the Calls grid shows them;
 * an agent whose browser is elsewhere sees the same 10:43.
 */
export interface When {
  /** Short, for the list: "14:05", "Yesterday 09:12", "Mon 14:05", "12 Nov 14:05". */
  short: string;
  /** Full date and time, for the tooltip and screen readers. */
  full: string;
}

/** The IANA zone times are shown in; undefined: the browser's. */
let zone: string | undefined;

/** Shows times in `timeZone` (the page config's, Magento's general/locale/timezone); an unknown zone keeps the browser's. */
export function displayTimeZone(timeZone: string | undefined): void {
  zone = typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : undefined;
}

/** Whether Intl knows the zone (it throws a RangeError on one it does not). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone option for an Intl.DateTimeFormat of the bar: the store's zone when known. */
export function inDisplayZone<T extends Intl.DateTimeFormatOptions>(options: T): T {
  return zone ? { ...options, timeZone: zone } : options;
}

const formats = new Map<string, { time: Intl.DateTimeFormat; weekday: Intl.DateTimeFormat; date: Intl.DateTimeFormat; full: Intl.DateTimeFormat; relative: Intl.RelativeTimeFormat; day: Intl.DateTimeFormat }>();

function formatsFor(locale: string | undefined) {
  const tag = languageTag(locale) ?? 'en';
  const key = `${tag}|${zone ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(tag, inDisplayZone({ timeStyle: 'short' })),
      weekday: new Intl.DateTimeFormat(tag, inDisplayZone({ weekday: 'short' })),
      date: new Intl.DateTimeFormat(tag, inDisplayZone({ day: 'numeric', month: 'short' })),
      full: new Intl.DateTimeFormat(tag, inDisplayZone({ dateStyle: 'full', timeStyle: 'short' })),
      relative: new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
      // The calendar day in the zone shown, to count days back ("yesterday").
      day: new Intl.DateTimeFormat('en-US', inDisplayZone({ year: 'numeric', month: 'numeric', day: 'numeric' })),
    };
    formats.set(key, f);
  }
  return f;
}

/** The calendar day of `d` in the zone shown, as a day number (whole days since 1970-01-01). */
function dayNumber(d: Date, day: Intl.DateTimeFormat): number {
  const part = (type: string) => Number(day.formatToParts(d).find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

export function when(iso: string, now: number, locale: string | undefined): When {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { short: '', full: '' };
  const f = formatsFor(locale);
  const time = f.time.format(at);
  const days = dayNumber(new Date(now), f.day) - dayNumber(at, f.day);
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
