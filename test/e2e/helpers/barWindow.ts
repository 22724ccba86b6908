import type { BandeauDebug } from '../../../frontend-ts/src/page/pageDebug';

/**
 * The page's window as the tests read it in page.evaluate: window.bandeau is what the page
 * exposes (frontend-ts/src/page/pageDebug.ts), there once the bundle has run; its state is null
 * before the session's first.
 */
export interface BarWindow {
  bandeau?: BandeauDebug;
}

/** A Playwright or a Puppeteer page, as far as reading window.bandeau needs. */
interface Evaluates {
  evaluate<R>(fn: () => R): Promise<R>;
}

/** The bar's state in this page (the session has had its first). */
export const stateOf = (page: Evaluates) => page.evaluate(() => (globalThis as unknown as BarWindow).bandeau!.state!);

/** How the bar's first paint on this page went (what it restored, why it showed). */
export const firstPaintOf = (page: Evaluates) => page.evaluate(() => (globalThis as unknown as BarWindow).bandeau!.firstPaint);
