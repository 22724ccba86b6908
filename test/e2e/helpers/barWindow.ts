import type { BandeauDebug } from '../../../frontend-ts/src/page/pageDebug';

/**
 * The page's window as the tests read it in page.evaluate: window.bandeau is what the page
 * exposes (frontend-ts/src/page/pageDebug.ts), there once the bundle has run; its state is null
 * before the session's first.
 */
export interface BarWindow {
  bandeau?: BandeauDebug;
}
