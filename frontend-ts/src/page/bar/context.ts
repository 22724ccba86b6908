import type { Ko } from '../knockout';
import type { PageCommand } from '../sessionLink';
import type { Translate } from '../strings';
import type { UiState } from './uiState';

export interface BarOptions {
  t: Translate;
  softphone: boolean;
  send(command: PageCommand): void;
  /** Softphone mode: the Mute button mutes the browser's microphone on the call. */
  onMute?: (muted: boolean) => void;
  /** Saves a wrap-up note in Magento; absent when the page has no note URL. */
  saveNote?: (callId: string, note: string) => Promise<void>;
  /** The bar's UI state kept across page loads and tabs (uiState.ts); in memory when absent. */
  ui?: UiState;
}

/** What every section of the bar gets: knockout, the options, and the few things they share. */
export interface BarContext {
  ko: Ko;
  t: Translate;
  o: BarOptions;
  /** Ticks every second: timers read it. */
  now: { (): number };
  /** Shows a short message under the head (cleared after a while). */
  showNotice(text: string | null): void;
  /** Collapsed, open sections, chooser choices, dial box text: kept across page loads (uiState.ts). */
  ui: UiState;
}
