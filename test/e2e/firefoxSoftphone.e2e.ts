import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser as PwBrowser } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { startDemo, type DemoProcess } from './helpers/demoProcess';
import { inBar, launchFirefox, waitInBar } from './helpers/firefox';
import { agentStats, launchSoftphoneChromium, pageIdOf, rtpFlowing, softCall, softView } from './helpers/sipAgent';
import { openFarEnd, startFarEndServer, type FarEnd, type RtpCounters } from './helpers/sipFarEnd';
import { SIP_DOMAIN, SIP_PASSWORD, startKamailio, until, type Kamailio } from './helpers/sipServices';

/**
 * Issue 13, point 9: the softphone from the pop-out window in Firefox (firefox-esr over WebDriver
 * BiDi, fake microphone through prefs). In Firefox the pop-out owns sip.js (sipOwner.ts: 'auto'
 * picks it where the worker is not known to survive navigation): it registers, hosts the call's
 * audio, and the admin tab's bar drives it across page loads. The far end is stock sip.js in
 * Chromium, through a private Kamailio on loopback.
 */
const PAGES = ['/admin/dashboard/', '/admin/sales/order/', '/admin/customer/index/'];
const AGENT = '7001';
const FAR = '9003';
const ART = path.resolve(__dirname, '../.artifacts');

describe('Firefox (WebDriver BiDi): the softphone from the pop-out window (issue 13)', () => {
  const stops: Array<() => Promise<unknown>> = [];
  let kamailio: Kamailio;
  let demo: DemoProcess;
  let chromium: PwBrowser;
  let far: FarEnd;
  let firefox: Browser;
  beforeAll(async () => {
    kamailio = await startKamailio('firefox', 25580, 25560);
    stops.push(() => kamailio.stop());
    const farServer = await startFarEndServer();
    stops.push(() => farServer.close());
    demo = await startDemo([], { BANDEAU_DEMO_SIP_WS: kamailio.wsUrl, BANDEAU_DEMO_SIP_DOMAIN: SIP_DOMAIN, BANDEAU_DEMO_SIP_PASSWORD: SIP_PASSWORD });
    stops.push(() => demo.stop());
    chromium = await launchSoftphoneChromium();
    stops.push(() => chromium.close());
    far = await openFarEnd(chromium, farServer.url, { wsUrl: kamailio.wsUrl, uri: `sip:${FAR}@${SIP_DOMAIN}`, username: FAR, password: SIP_PASSWORD });
    firefox = await launchFirefox();
    stops.push(() => firefox.close());
  }, 300_000);
  afterAll(async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  });

  it('registers from the pop-out, rings there, is answered and hung up from the admin tab, audio both ways across page loads', async () => {
    const context: BrowserContext = await firefox.createBrowserContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String((e as Error).message ?? e)));
    const goto = async (path: string) => {
      await tab.goto(demo.siteUrl + path);
      await waitInBar(tab, '[data-bandeau-bar][data-bandeau-state="connected"]');
    };
    await goto(`${PAGES[0]}?as=1`);
    await waitInBar(tab, '[data-bandeau-bar][data-bandeau-registration="registered"]', 30_000);

    const popupOpened = new Promise<Page>((resolve) => context.once('targetcreated', (t) => void t.page().then((p) => p && resolve(p))));
    await tab.locator(inBar('[data-action="sp-popout"]')).click();
    const popout = await popupOpened;
    popout.on('pageerror', (e) => errors.push(`pop-out: ${String((e as Error).message ?? e)}`));
    await until(() => softView(tab), (v) => v?.sipIn === 'popout' && v.registration === 'registered', 'the pop-out owning SIP, registered', 40_000);
    await until(() => pageIdOf(popout), (id) => id !== null, 'the pop-out session');
    const popoutId = await pageIdOf(popout);

    await far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
    await waitInBar(popout, '[data-bandeau-bar][data-bandeau-ringing="true"]', 30_000);
    const ringing = await softCall(tab, (c) => c.state === 'ringing', 'ringing, seen from the admin tab', 30_000);
    await tab.locator(inBar(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`)).click();
    const live = await softCall(tab, (c) => c.state === 'connected' && c.hostPageId === popoutId, 'connected, audio in the pop-out', 30_000);
    let rtp = await rtpFlowing(() => agentStats(popout, live.id), 'pop-out', 30_000);
    await rtpFlowing(() => far.stats(), 'far end', 30_000);

    // The admin tab moves on; the call and its audio stay in the pop-out.
    for (let i = 1; i <= 3; i++) {
      await goto(PAGES[i % PAGES.length]!);
      const c = await softCall(tab, (x) => x.state === 'connected', 'the call, after a page load', 30_000);
      expect(c.hostPageId).toBe(popoutId);
      rtp = await until(() => agentStats(popout, live.id), (s) => !!s && s.packetsReceived > rtp.packetsReceived && s.packetsSent > rtp.packetsSent, 'audio still flowing in the pop-out', 30_000) as RtpCounters;
    }
    mkdirSync(ART, { recursive: true });
    for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
      await tab.setViewport({ width, height });
      await tab.screenshot({ path: path.join(ART, `firefox-softphone-popout-call-${width}x${height}.png`) as `${string}.png` });
    }
    await popout.screenshot({ path: path.join(ART, 'firefox-softphone-popout-window.png') as `${string}.png` });
    const hangups = (await far.events()).filter((e) => e === 'hangup').length;
    await tab.locator(inBar(`[data-softcall-id="${live.id}"] [data-action="sp-hangup"]`)).click();
    await until(() => far.events(), (e) => e.filter((x) => x === 'hangup').length === hangups + 1, 'the far end hung up', 30_000);
    await until(() => softView(tab), (v) => !!v && v.calls.length === 0, 'the call gone from the bar');

    await popout.close();
    await until(() => softView(tab), (v) => v?.sipIn === 'worker' && v.registration === 'registered', 'SIP back in the worker', 40_000);
    expect(errors).toEqual([]);
    await context.close();
  });
});
