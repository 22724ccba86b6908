import type { Ko } from '../knockout';
import type { PageCommand } from '../sessionLink';
import type { Translate } from '../strings';
import type { Plural } from '../plural';
import type { DirectoryResponse, SoftphoneCommand } from '../../../../bridge/src/protocol/messages';
import type { UiState } from './uiState';
import type { WrapUpChoice, WrapUpInput } from './wrapUp';

export interface BarOptions {
  t: Translate;
  softphone: boolean;
  send(command: PageCommand): void;
  /** Sends a command and resolves when the bridge accepted it; rejects with its `code` (errorSentences.ts). */
  request?: (command: PageCommand) => Promise<unknown>;
  /** Softphone mode: a command for the browser's own SIP calls (answer, decline, hang up). */
  softphoneCommand?: (command: SoftphoneCommand) => void;
  /** Softphone mode: the Mute button mutes the browser's microphone on the call. */
  onMute?: (muted: boolean) => void;
  /**
   * Places a call from the dial box and resolves once the bridge accepted it; rejects with the
   * bridge's `code` and `reason` (a refused number's) so the box can say why. Absent: send only.
   */
  placeCall?: (number: string) => Promise<unknown>;
  /** Searches Magento's directory for a name, an e-mail or an order number; absent without a URL. */
  searchDirectory?: (q: string) => Promise<DirectoryResponse>;
  /** The admin user's locale (`fr_FR`): plurals, dates. */
  locale?: string;
  /** Saves a call's wrap-up in Magento (wrapUp.ts); absent when the page has no note URL. */
  saveWrapUp?: (input: WrapUpInput) => Promise<unknown>;
  /** The outcomes and tags Magento's configuration offers in the wrap-up. */
  wrapUpChoices?: { outcomes: WrapUpChoice[]; tags: WrapUpChoice[] };
  /** Calls the campaign panel records an outcome for: they get no wrap-up of their own. */
  isCampaignCall?: (callId: string) => boolean;
  /** The admin session's storage scope (storageScope.ts): pending wrap-ups are kept under it. */
  storageScope?: string;
  /** The bar's UI state kept across page loads and tabs (uiState.ts); in memory when absent. */
  ui?: UiState;
  /** A part of the bar loading as a lazy chunk (the wrap-up panel): the first paint waits for it (firstPaint.ts). */
  lazyPart?: (part: Promise<unknown>) => void;
}

/** What every section of the bar gets: knockout, the options, and the few things they share. */
export interface BarContext {
  ko: Ko;
  t: Translate;
  o: BarOptions;
  /** Counted strings by the language's plural rules: `tn(n, '%1 missed call', '%1 missed calls')`. */
  tn: Plural;
  /** Ticks every second: timers read it. */
  now: { (): number };
  /** Shows a short message under the head (cleared after a while). */
  showNotice(text: string | null): void;
  /** Collapsed, open sections, chooser choices, dial box text: kept across page loads (uiState.ts). */
  ui: UiState;
}
