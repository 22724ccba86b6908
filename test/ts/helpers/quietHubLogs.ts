/**
 * The session hub logs to the browser console (info, warn): keeps test output readable.
 * Call inside a `describe`.
 */
export function quietHubLogs(): void {
  beforeAll(() => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
}
