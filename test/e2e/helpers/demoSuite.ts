import type { Browser } from 'playwright-core';
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
