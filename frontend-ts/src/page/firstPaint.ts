import type { ViewState } from '../../../bridge/src/protocol/messages';
import { farNumber } from '../../../bridge/src/protocol/pageSide';
import { checkScope, savePicture, showPicture, shownPicture } from './picture';

/**
 * First paint of a new admin page without a "Connecting… / No current call" frame.
 *
 * On pagehide the bar's rendered DOM is written to sessionStorage as a picture (picture.ts). The
 * next page of the tab shows that picture before its first paint: the small early script in the
 * page's head (firstPaintEarly.ts) shows it before the body is parsed, or this bundle does when it
 * runs, if no early script did. The real bar mounts
 * out of sight and takes the picture's place in the same task once it renders a settled state: at
 * once when the SharedWorker is alive (Chromium), after the bridge's snapshot when the worker
 * started again (Firefox ends it on every load). Why a picture and not the last ViewState
 * rendered by the bar: the picture is shown before this deferred bundle runs and before knockout
 * (loaded through RequireJS) is there, which is most of the wait.
 */

/** The real bar is shown after this long even if the session has not settled. */
const HOLD_WITH_PICTURE_MS = 5_000;
const HOLD_WITHOUT_PICTURE_MS = 1_000;

/**
 * A state worth replacing the picture with: the bridge's snapshot (connected) with every live
 * call's caller lookup answered, or an offline session (the truth, whatever it is).
 */
export function settled(state: ViewState): boolean {
  if (state.connection === 'offline') return true;
  if (state.connection !== 'connected') return false;
  return state.calls.every((c) => {
    const n = farNumber(c);
    return !n || (state.lookups[n] !== undefined && state.lookups[n]?.status !== 'pending');
  });
}

export interface FirstPaintInfo {
  /** 'picture': this page first showed the last picture; 'none': there was none; 'off': restore disabled. */
  restored: 'picture' | 'none' | 'off';
  /** Milliseconds from the bundle's start to the real bar being shown (null while held). */
  shownAfterMs: number | null;
  /** Why the real bar was shown: its state settled, the first state (no picture), or the hold timed out. */
  shownBecause: 'settled' | 'first-state' | 'timeout' | 'not-held' | null;
}

/**
 * Holds the real bar out of sight behind the picture until it has a state to show, then swaps
 * them in one task (no frame shows neither or both).
 */
export class FirstPaintRestore {
  private readonly picture: HTMLElement | null;
  private held: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly startedAt = performance.now();
  /** Parts of the bar still loading (lazy chunks the bar shows at once): the picture stays meanwhile. */
  private loading = 0;
  private settledSeen = false;
  readonly info: FirstPaintInfo;

  constructor(
    private readonly host: HTMLElement,
    private readonly scope: string,
    private readonly enabled: boolean,
  ) {
    if (enabled && !shownPicture()) showPicture();
    this.picture = enabled ? checkScope(scope) : null;
    this.info = { restored: !enabled ? 'off' : this.picture ? 'picture' : 'none', shownAfterMs: null, shownBecause: null };
    if (enabled) {
      // Only a bar that was shown is written: a page left while still restoring keeps the picture it had.
      addEventListener('pagehide', () => {
        if (!this.held && this.host.shadowRoot) savePicture(this.host.shadowRoot, this.scope);
      });
    }
  }

  /** The real bar is mounted: keep it hidden until it renders a state worth showing. */
  hold(bar: HTMLElement): void {
    if (!this.enabled) {
      this.info.shownBecause = 'not-held';
      this.info.shownAfterMs = performance.now() - this.startedAt;
      return;
    }
    this.held = bar;
    bar.style.setProperty('display', 'none');
    this.timer = setTimeout(() => this.release('timeout'), this.picture ? HOLD_WITH_PICTURE_MS : HOLD_WITHOUT_PICTURE_MS);
  }

  /** The bar has just rendered `state`. */
  rendered(state: ViewState): void {
    if (!this.held) return;
    if (!this.picture) this.release('first-state');
    else if (settled(state)) {
      this.settledSeen = true;
      if (this.loading === 0) this.release('settled');
    }
  }

  /**
   * A part of the bar the picture shows is loading (a lazy chunk: the campaign panel, the
   * softphone strip): the real bar replaces the picture once it is there too (or at the timeout).
   */
  waitFor(part: Promise<unknown>): void {
    this.loading++;
    const done = () => {
      this.loading--;
      if (this.loading === 0 && this.settledSeen) this.release('settled');
    };
    part.then(done, done);
  }

  private release(why: NonNullable<FirstPaintInfo['shownBecause']>): void {
    const bar = this.held;
    if (!bar) return;
    this.held = null;
    clearTimeout(this.timer);
    bar.style.removeProperty('display');
    this.picture?.remove();
    this.info.shownBecause = why;
    this.info.shownAfterMs = performance.now() - this.startedAt;
  }
}
