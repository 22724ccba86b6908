/** Console logging with one prefix, so agents' browser consoles stay readable. */
export const log = {
  info: (...a: unknown[]) => console.info('[bandeau]', ...a),
  warn: (...a: unknown[]) => console.warn('[bandeau]', ...a),
  error: (...a: unknown[]) => console.error('[bandeau]', ...a),
};
