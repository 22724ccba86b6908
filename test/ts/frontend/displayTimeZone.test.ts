import { displayTimeZone, inDisplayZone, when } from '../../../frontend-ts/src/page/bar/when';

/**
 * The bar's times (Recent calls, My day, a customer's last calls) in the store's time zone, as the
 * Calls grid shows them, whatever the browser's zone (issue: 9:43 in a UTC browser, 10:43 in Paris).
 */
describe('times in the store\'s time zone', () => {
  afterEach(() => displayTimeZone(undefined));

  it('formats a call in the zone the page config gives, not the browser\'s', () => {
    const now = Date.parse('2026-11-30T16:00:00Z');
    displayTimeZone('Europe/Paris');
    expect(when('2026-11-30T09:43:00Z', now, 'fr_FR').short).toBe('10:43');
    expect(when('2026-11-30T09:43:00Z', now, 'en_US').short).toBe('10:43 AM');
    expect(when('2026-11-30T09:43:00Z', now, 'fr_FR').full).toBe('lundi 30 novembre 2026 à 10:43');
    displayTimeZone('America/New_York');
    expect(when('2026-11-30T09:43:00Z', now, 'en_US').short).toBe('4:43 AM');
    displayTimeZone('UTC');
    expect(when('2026-11-30T09:43:00Z', now, 'en_US').short).toBe('9:43 AM');
  });

  it('counts "yesterday" by the calendar of that zone', () => {
    // 23:50 on the 30th in Paris; now is 00:30 on 1 December there (still the 30th in UTC).
    const now = Date.parse('2026-11-30T23:30:00Z');
    displayTimeZone('Europe/Paris');
    expect(when('2026-11-30T22:50:00Z', now, 'en_US').short).toBe('Yesterday 11:50 PM');
    expect(when('2026-11-30T23:10:00Z', now, 'en_US').short).toBe('12:10 AM');
    displayTimeZone('UTC');
    expect(when('2026-11-30T22:50:00Z', now, 'en_US').short).toBe('10:50 PM');
    displayTimeZone('Asia/Tokyo');
    expect(when('2026-11-24T22:50:00Z', now, 'en_US').short).toBe('Wed 7:50 AM');
  });

  it('keeps the browser\'s zone without one, or with one Intl does not know', () => {
    const browser = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(Date.parse('2026-11-30T09:43:00Z'));
    const now = Date.parse('2026-11-30T12:00:00Z');
    displayTimeZone('Mars/Olympus_Mons');
    expect(inDisplayZone({ timeStyle: 'short' })).toEqual({ timeStyle: 'short' });
    expect(when('2026-11-30T09:43:00Z', now, 'en_US').short).toBe(browser);
    displayTimeZone('Europe/Paris');
    expect(inDisplayZone({ timeStyle: 'short' })).toEqual({ timeStyle: 'short', timeZone: 'Europe/Paris' });
  });
});
