import type { WorkerToPage } from '../../../bridge/src/protocol/messages';
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

/**
 * The worker's `open` for this page: go there, or (another origin, not a URL) have the bar tell
 * the agent that their desk phone's "Open" did nothing, rather than only a console line.
 */
export function followOpen(raw: string, notice: (n: Extract<WorkerToPage, { type: 'notice' }>) => void, at?: PageLocation): void {
  if (!openAdminUrl(raw, at)) notice({ type: 'notice', level: 'error', code: 'open_failed', message: 'not an admin URL of this origin' });
}
