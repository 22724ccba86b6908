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

/**
 * The box of a visible element. The bar re-renders a call's node when its view changes (a lookup
 * answering, a state change), so a single boundingBox() can land between two renders and see none.
 */
export async function visibleBox(locator: Locator, timeoutMs = 10_000): Promise<{ x: number; y: number; width: number; height: number }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const box = await locator.boundingBox({ timeout: timeoutMs }).catch(() => null);
    if (box) return box;
    if (Date.now() > end) throw new Error(`${String(locator)} stayed invisible for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
