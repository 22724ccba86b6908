import type { Locator, Page } from 'playwright-core';
import { textBecomes } from './waitFor';

/**
 * Reading a call off the phone bar, as the agent sees it: its row, the state it shows, its
 * controls, and its entry in the recent calls.
 */

/** The bar's row of this call (whatever its state). */
export const row = (tab: Page, callId: string): Locator => tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`);

/** Waits until the call's row is in this state (data-call-state); resolves with the row. */
export async function inState(tab: Page, callId: string, state: string, timeoutMs = 15_000): Promise<Locator> {
  await tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-call-state="${state}"]`).waitFor({ timeout: timeoutMs });
  return row(tab, callId);
}

/** inState, and the row says so in words (its state label). */
export async function shows(tab: Page, callId: string, state: string, label: string | RegExp): Promise<Locator> {
  const r = await inState(tab, callId, state, 10_000);
  await textBecomes(r.locator('.bandeau-bar__call-state'), label);
  return r;
}

/** Waits until the call has left the bar's current calls. */
export const gone = (tab: Page, callId: string): Promise<void> => row(tab, callId).waitFor({ state: 'detached', timeout: 10_000 });

/** Waits until the call is in the recent calls with this outcome (a word of its text, e.g. Answered). */
export async function inRecent(tab: Page, callId: string, outcome: string): Promise<Locator> {
  const item = tab.locator(`.bandeau-bar__recent-call[data-call-id="${callId}"]`);
  await item.waitFor({ state: 'attached', timeout: 10_000 });
  await textBecomes(item, new RegExp(outcome));
  return item;
}

/** Whether the row's control for this action (data-action; the first, where a consultation shows two legs) can be clicked. */
export const enabled = (r: Locator, action: string): Promise<boolean> => r.locator(`[data-action="${action}"]`).first().isEnabled();
