import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemo, type DemoProcess } from './demoProcess';
import { launchSoftphoneChromium } from './sipAgent';
import { openFarEnd, startFarEndServer, type FarEnd } from './sipFarEnd';
import { SIP_DOMAIN, SIP_PASSWORD, startKamailio, type Kamailio } from './sipServices';

/** Everything a softphone test or benchmark runs against, started in order and stopped in reverse. */
export interface SoftphoneRig {
  kamailio: Kamailio;
  demo: DemoProcess;
  browser: Browser;
  far: FarEnd;
  /** The agent's browser context (demo user 1, extension 7001). */
  agent: BrowserContext;
  /** Loads a demo page and waits for the bar to be connected. */
  goto(page: Page, path: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Kamailio on the given ports, the demo in softphone mode against it (extra demo
 * environment in `env`), Chromium with fake audio, and the far end registered as `farUser`.
 */
export async function startSoftphoneRig(o: { name: string; wsPort: number; udpPort: number; farUser: string; env?: Record<string, string> }): Promise<SoftphoneRig> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const kamailio = await startKamailio(o.name, o.wsPort, o.udpPort);
    stops.push(() => kamailio.stop());
    const farServer = await startFarEndServer();
    stops.push(() => farServer.close());
    const demo = await startDemo([], { BANDEAU_DEMO_SIP_WS: kamailio.wsUrl, BANDEAU_DEMO_SIP_DOMAIN: SIP_DOMAIN, BANDEAU_DEMO_SIP_PASSWORD: SIP_PASSWORD, ...o.env });
    stops.push(() => demo.stop());
    const browser = await launchSoftphoneChromium();
    stops.push(() => browser.close());
    const far = await openFarEnd(browser, farServer.url, { wsUrl: kamailio.wsUrl, uri: `sip:${o.farUser}@${SIP_DOMAIN}`, username: o.farUser, password: SIP_PASSWORD });
    const agent = await browser.newContext();
    return {
      kamailio,
      demo,
      browser,
      far,
      agent,
      async goto(page, path) {
        if (demo.child.exitCode !== null) throw new Error(`the demo exited (${demo.child.exitCode}):\n${demo.output().slice(-4000)}`);
        await page.goto(demo.siteUrl + path);
        await page.waitForSelector('[data-bandeau-bar][data-bandeau-state="connected"]', { timeout: 15_000 });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * For a jest suite: starts the rig in beforeAll and stops it in afterAll; `tab` is the agent's
 * first page, and may be replaced by the tests.
 */
export function softphoneSuite(o: Parameters<typeof startSoftphoneRig>[0]): { rig: SoftphoneRig; tab: Page } {
  const suite = {} as { rig: SoftphoneRig; tab: Page };
  beforeAll(async () => {
    suite.rig = await startSoftphoneRig(o);
    suite.tab = await suite.rig.agent.newPage();
  }, 300_000);
  afterAll(() => suite.rig?.stop());
  return suite;
}
