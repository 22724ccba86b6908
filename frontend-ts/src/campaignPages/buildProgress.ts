import type { AdminReply } from './adminReply';
import { phrase } from './phrase';

export interface ProgressTexts {
  /** "%1 of %2 carts scanned, %3 contacts." */
  progress: string;
}

export interface ProgressView {
  percent: number;
  text: string;
  /** The build ended (done or failed): the server renders the outcome. */
  finished: boolean;
  /** Stop polling for good (the campaign is gone). */
  gone: boolean;
  /** What the reply said, to tell progress from a repeated answer. */
  key: string;
}

export const MAX_DELAY_MS = 15_000;

/**
 * What the page shows for a Progress controller reply
 * ({"status","total","processed","contacts","percent","message"}); null when it says nothing usable.
 */
export function progressView(reply: AdminReply, texts: ProgressTexts): ProgressView | null {
  if (reply.kind === 'error') {
    return reply.status === 404 ? { percent: 0, text: reply.message ?? '', finished: false, gone: true, key: 'gone' } : null;
  }
  if (reply.kind !== 'ok') return null;
  const n = (name: string): number => {
    const value = Number(reply.data[name]);
    return Number.isFinite(value) ? value : 0;
  };
  const status = String(reply.data.status ?? '');
  return {
    percent: Math.max(0, Math.min(100, Math.floor(n('percent')))),
    text: phrase(texts.progress, n('processed'), n('total'), n('contacts')),
    finished: status === 'done' || status === 'failed',
    gone: false,
    key: `${status}/${n('processed')}/${n('total')}/${n('contacts')}`,
  };
}

/** The next poll waits longer while the build shows no change, and starts over when it moves. */
export function nextDelay(current: number, first: number, changed: boolean): number {
  return changed ? first : Math.min(MAX_DELAY_MS, Math.round(current * 1.5));
}
