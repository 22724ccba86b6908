import { log } from '../shared/log';

/**
 * A desk phone's "Open" (the worker got Magento's URL for the customer): this page goes there.
 * Only to this admin's own origin, whatever the worker was given.
 */
export interface PageLocation {
  readonly href: string;
  readonly origin: string;
  assign(url: string): void;
}

export function openAdminUrl(raw: string, at: PageLocation = (globalThis as unknown as { location: PageLocation }).location): boolean {
  let url: URL;
  try {
    url = new URL(raw, at.href);
  } catch {
    return false;
  }
  if (url.origin !== at.origin) {
    log.warn('not opening a URL of another origin:', url.origin);
    return false;
  }
  at.assign(url.href);
  return true;
}
