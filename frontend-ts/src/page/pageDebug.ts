import type { ViewState } from '../../../bridge/src/protocol/messages';
import type { FirstPaintInfo } from './firstPaint';
import type { MediaHost } from './media/mediaHost';
import type { SessionLink } from './sessionLink';

/**
 * What the page puts on window.bandeau for diagnostics and end-to-end tests (the tests read it
 * through this type, test/e2e/helpers/barWindow.ts): the last state this page rendered.
 */
export interface BandeauDebug {
  state: ViewState | null;
  link: SessionLink | null;
  /** Softphone mode: this page's media (getStats counters for diagnostics and tests). */
  media?: MediaHost;
  /** How this page's first paint was restored (firstPaint.ts). */
  firstPaint?: FirstPaintInfo;
}
