/**
 * Numbers as agents read them: in the national format of the PBX's country
 * (`06 12 34 56 78` in France), international for other countries (`+1 212-229-3326`).
 * Done in the bridge, which has libphonenumber's metadata anyway: the page bundle only gets the
 * display strings (libphonenumber would weigh more than the whole page bundle).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isRegion } from './normalize';

const CACHE_MAX = 10_000;
const cache = new Map<string, string | null>();

/** The number for display, or null when it is not a valid phone number (an extension, `anonymous`). */
export function displayNumber(raw: string, region: string): string | null {
  if (typeof raw !== 'string' || !/^\+?[0-9]{6,20}$/.test(raw)) return null;
  const key = `${region}:${raw}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const r = region.toUpperCase();
  const parsed = isRegion(r) ? parsePhoneNumberFromString(raw, r as CountryCode) : parsePhoneNumberFromString(raw);
  const shown = parsed?.isValid() ? (parsed.country === r ? parsed.formatNational() : parsed.formatInternational()) : null;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, shown);
  return shown;
}
