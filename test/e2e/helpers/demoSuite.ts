import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startDemo, type DemoProcess } from './demoProcess';

export interface DemoSuite {
  demo: DemoProcess;
  browser: Browser;
}

/**
 * The usual frame of an end-to-end suite: the demo (bridge + pages + AMI test peer) as a child
 * process and one Chromium, started before the suite's tests and stopped after them.
 */
export function demoWithBrowser(args: () => string[] = () => []): DemoSuite {
  const suite = {} as DemoSuite;
  beforeAll(async () => {
    suite.demo = await startDemo(args());
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.demo?.stop();
  });
  return suite;
}

export interface AgentTab {
  context: BrowserContext;
  tab: Page;
  /** Page errors seen in the tab, for the test to assert none. */
  errors: string[];
}

/** A demo agent (1 = Alice 7001, 2 = Bruno 7002) in a browser context of its own, bar connected. */
export async function openAgentTab(suite: DemoSuite, as: 1 | 2, viewport?: { width: number; height: number }, lang?: string): Promise<AgentTab> {
  const context = await suite.browser.newContext(viewport ? { viewport } : {});
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${suite.demo.siteUrl}/admin/dashboard/?as=${as}${lang ? `&lang=${lang}` : ''}`);
  await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 15_000 });
  return { context, tab, errors };
}
