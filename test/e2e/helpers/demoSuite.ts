import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { pbx } from './demoPbx';
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

export interface TwoAgentDemo extends DemoSuite {
  /** The demo's PBX (helpers/demoPbx.ts). */
  phone: ReturnType<typeof pbx>;
  /** Alice Martin (7001) and Bruno Petit (7002), each in a tab of their own at 1440×900. */
  alice: AgentTab;
  bruno: AgentTab;
  /** Another tab of a demo agent at 1440×900, in this language (the test closes its context). */
  agentTab(as: 1 | 2, lang?: string): Promise<AgentTab>;
}

/**
 * demoWithBrowser with Alice's and Bruno's bars open before the suite's tests and closed after
 * them, and every call on the PBX hung up after each test.
 */
export function demoWithAliceAndBruno(): TwoAgentDemo {
  const suite = demoWithBrowser() as TwoAgentDemo;
  suite.agentTab = (as, lang) => openAgentTab(suite, as, { width: 1440, height: 900 }, lang);
  beforeAll(async () => {
    suite.phone = pbx(suite.demo.siteUrl);
    suite.alice = await suite.agentTab(1);
    suite.bruno = await suite.agentTab(2);
  });
  afterEach(async () => {
    await suite.phone.hangup();
  });
  afterAll(async () => {
    await suite.alice?.context.close();
    await suite.bruno?.context.close();
  });
  return suite;
}
