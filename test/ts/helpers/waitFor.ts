/**
 * The one way tests wait for something: poll, never a fixed sleep, and fail naming what was awaited.
 */

/** Polls `check` every `everyMs` until it gives a value (not undefined or false); fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** waitFor for a condition, in the argument order of the tests that poll one. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition', everyMs = 5): Promise<void> {
  await waitFor(what, cond, timeoutMs, everyMs);
}
