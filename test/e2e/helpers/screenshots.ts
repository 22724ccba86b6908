import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * The page as an agent sees it at the two sizes the project checks, 1440×900 and 1024×700, as
 * `<dir>/<name>-1440x900.png` and `-1024x700.png`; the tab is left at 1440×900.
 */
export async function shot(tab: Page, dir: string, name: string): Promise<void> {
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.screenshot({ path: path.join(dir, `${name}-1440x900.png`) });
  await tab.setViewportSize({ width: 1024, height: 700 });
  await tab.screenshot({ path: path.join(dir, `${name}-1024x700.png`) });
  await tab.setViewportSize({ width: 1440, height: 900 });
}
