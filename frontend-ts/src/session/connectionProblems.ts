import type { Problem } from '../../../bridge/src/protocol/messages';
import { problem } from '../page/strings';
import { errorKey } from '../page/errorSentences';
import { TokenMintError } from './tokenSource';

/**
 * Why the session is not connected, as a sentence of the bar's strings (each page translates it):
 * never a code, never a browser's or a library's English.
 */

/** Magento gave no token. */
export function mintProblem(err: unknown): Problem {
  if (err instanceof TokenMintError && err.kind === 'session') return problem('Your Magento admin session has ended: reload the page to sign in again.');
  if (err instanceof TokenMintError && err.kind === 'refused') return problem('Magento did not issue an agent token: %1', err.detail ?? err.message);
  return problem('Cannot reach Magento to get an agent token. Trying again…');
}

/** The bridge refused the connection (a `token_*` code, or one it may add later). */
export function refusalProblem(code: string): Problem {
  return problem(errorKey(code));
}

/** The bridge cannot be reached at all (down, restarting, wrong URL). */
export function unreachableProblem(bridgeUrl: string): Problem {
  return problem('Cannot reach the phone bridge at %1. Trying again…', bridgeUrl);
}

/** Seconds before the next attempt after `failures` refusals in a row: 1, 2, 4… up to 30, with a little jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(Math.max(failures - 1, 0), 5));
  return Math.round(base * (0.8 + 0.4 * random()));
}
