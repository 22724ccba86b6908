import type { Locator } from 'playwright-core';

/**
 * Waits until an element's text matches: for text that changes after an asynchronous answer
 * (a notice, a saved outcome). Resolves with the text; rejects with the last text seen.
 */
export async function textBecomes(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = (await locator.textContent({ timeout: timeoutMs }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    if (Date.now() > end) throw new Error(`text did not become ${String(expected)}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
