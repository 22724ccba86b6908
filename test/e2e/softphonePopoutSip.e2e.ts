/**
 * Softphone mode where the worker does not survive navigation (Firefox, Safari): the pop-out
 * phone window runs sip.js itself while it is open, and the bars of the other pages show its
 * state and drive it over a BroadcastChannel. Chromium is forced into that path with
 * softphoneSipIn = 'popout'. Also: the registration is released when no page is left.
 */
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { problemText } from '../../frontend-ts/src/page/strings';
import { shot } from './helpers/screenshots';
import { agentStats, pageIdOf, rtpFlowing, softCall, softView, waitRegistered } from './helpers/sipAgent';
import { softphoneSuite } from './helpers/sipRig';
import { SIP_DOMAIN, until } from './helpers/sipServices';

const PAGES = ['/admin/dashboard/', '/admin/sales/order/', '/admin/customer/index/'];
const AGENT = '7001';
const FAR = '9002';

describe('softphone: the pop-out window owns SIP where the worker does not survive navigation', () => {
  const suite = softphoneSuite({ name: 'popout-sip', wsPort: 25380, udpPort: 25360, farUser: FAR, env: { BANDEAU_DEMO_SIP_IN: 'popout', BANDEAU_DEMO_SIP_RELEASE_S: '3' } });
  const goto = (page: Page, path: string) => suite.rig.goto(page, path);

  it('hands SIP to the pop-out, whose calls the main tab shows and drives across navigations, and takes it back', async () => {
    await goto(suite.tab, PAGES[0]!);
    await waitRegistered(suite.tab);
    expect((await softView(suite.tab))?.sipIn).toBe('worker');
    await until(() => suite.rig.kamailio.registerCount(AGENT), (n) => n === 1, 'the worker registration');

    const [popout] = await Promise.all([suite.rig.agent.waitForEvent('page'), suite.tab.click('[data-action="sp-popout"]')]);
    await until(() => softView(suite.tab), (v) => v?.sipIn === 'popout' && v.registration === 'registered', 'the pop-out owning SIP', 20_000);
    await until(() => suite.rig.kamailio.registerCount(AGENT), (n) => n === 2, 'the pop-out registration');
    const popoutId = await pageIdOf(popout);

    await suite.rig.far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
    await popout.waitForSelector('[data-bandeau-bar][data-bandeau-ringing="true"]');
    const ringing = await softCall(suite.tab, (c) => c.state === 'ringing', 'ringing, seen from the main tab');
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`);
    await softCall(suite.tab, (c) => c.state === 'connected' && c.hostPageId === popoutId, 'connected, audio in the pop-out');
    let rtp = await rtpFlowing(() => agentStats(popout, ringing.id), 'pop-out');
    await rtpFlowing(() => suite.rig.far.stats(), 'far end');

    for (let i = 1; i <= 3; i++) {
      await goto(suite.tab, PAGES[i % PAGES.length]!);
      const c = await softCall(suite.tab, (x) => x.state === 'connected', 'the call, after a navigation');
      expect(c.hostPageId).toBe(popoutId);
      const now = (await agentStats(popout, ringing.id))!;
      expect(now.packetsReceived).toBeGreaterThan(rtp.packetsReceived);
      rtp = now;
    }
    // Mute and hang up from the main tab: relayed to the pop-out's user agent.
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-mute"]`);
    await softCall(suite.tab, (c) => c.muted, 'muted');
    const hangups = (await suite.rig.far.events()).filter((e) => e === 'hangup').length;
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-hangup"]`);
    await until(() => suite.rig.far.events(), (e) => e.filter((x) => x === 'hangup').length === hangups + 1, 'the far end hung up');

    await popout.close();
    await until(() => softView(suite.tab), (v) => v?.sipIn === 'worker' && v.registration === 'registered', 'SIP back in the worker', 20_000);
    await until(() => suite.rig.kamailio.registerCount(AGENT), (n) => n === 3, 'the worker registered again');
  });

  it('releases the registration when no page has been open for the configured time', async () => {
    // A pop-out a failed first test left open would keep SIP registered: this test then fails on its own account only.
    for (const p of suite.rig.agent.pages()) if (p !== suite.tab) await p.close();
    const before = await suite.rig.kamailio.unregisterCount(AGENT);
    await suite.tab.close();
    // The closing tab's goodbye may not reach the worker (the port goes with the tab under load); then
    // the worker drops the page after a missed heartbeat (up to 15 s + 5 s between checks) and releases
    // 3 s later: wait for that worst case, not only for the goodbye path.
    await until(() => suite.rig.kamailio.unregisterCount(AGENT), (n) => n === before + 1, 'the un-REGISTER', 45_000, 200);
    suite.tab = await suite.rig.agent.newPage();
    await goto(suite.tab, PAGES[0]!);
    await waitRegistered(suite.tab);
    expect(await suite.rig.kamailio.registerCount(AGENT)).toBe(4);
  });

  /** Opens the pop-out, waits until it owns SIP (one REGISTER more), closes it and waits for SIP back in the worker. */
  async function popOutAndBack(owning: string): Promise<void> {
    const registers = await suite.rig.kamailio.registerCount(AGENT);
    const [popout] = await Promise.all([suite.rig.agent.waitForEvent('page'), suite.tab.click('[data-action="sp-popout"]')]);
    await until(() => softView(suite.tab), (v) => v?.sipIn === 'popout' && v.registration === 'registered', owning, 20_000);
    await until(() => suite.rig.kamailio.registerCount(AGENT), (n) => n === registers + 1, 'the pop-out registration');
    await popout.close();
    await until(() => softView(suite.tab), (v) => v?.sipIn === 'worker' && v.registration === 'registered', 'SIP back in the worker', 20_000);
  }

  it('owns SIP when the pop-out\'s softphone chunk arrives after knockout (it then starts in that script\'s microtasks)', async () => {
    // Which of the two loads first varies with the machine's load (a CI run lost this race). Here the chunk is held
    // back until the pop-out has knockout: the page then installs the softphone while the chunk's own script is
    // document.currentScript, and the pop-out must still find the worker bundle that carries sip.js.
    const CHUNK = /\/bandeau-page-softphone(\.min)?\.js(\?|$)/;
    const hasKnockout = (page: Page) => page.evaluate(() => !!(window as unknown as { require?: { defined?: (id: string) => boolean } }).require?.defined?.('knockoutjs/knockout')).catch(() => false);
    await suite.rig.agent.route(CHUNK, async (route) => {
      const page = route.request().frame().page();
      if (page !== suite.tab) await until(() => hasKnockout(page), (v) => v, 'knockout in the pop-out', 15_000, 20);
      await route.continue();
    });
    try {
      await popOutAndBack('the pop-out owning SIP');
    } finally {
      await suite.rig.agent.unroute(CHUNK);
    }
  });

  it('asks for the credentials again when the pop-out\'s first request fails (it holds SIP by then)', async () => {
    const CREDENTIALS = /\/admin\/bandeau\/softphone\/credentials\//;
    let refused = 0;
    await suite.rig.agent.route(CREDENTIALS, async (route) => {
      // Only the pop-out's first request (a worker's request has no frame: let it through too).
      const fromPopout = () => {
        try {
          return route.request().frame().page() !== suite.tab;
        } catch {
          return false;
        }
      };
      if (refused > 0 || !fromPopout()) return route.continue();
      refused++;
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { message: 'Service Unavailable' } }) });
    });
    try {
      await popOutAndBack('the pop-out owning SIP after a retry');
      expect(refused).toBe(1);
    } finally {
      await suite.rig.agent.unroute(CREDENTIALS);
    }
  });

  /**
   * The ways the pop-out's softphone can fail to start, each forced on the worker bundle as the pop-out loads it to
   * run sip.js (a broken deploy, a proxy's error page, a browser without what sip.js needs). The SharedWorker's own
   * request has no frame: it gets the real bundle, and the worker keeps SIP.
   */
  const BROKEN: Array<{ what: string; shots: string; answer: (route: Route) => Promise<void>; expected: Record<'en_US' | 'fr_FR', string> }> = [
    {
      what: 'loads but does not start',
      shots: 'softphone-popout-failed',
      answer: (route) => route.fulfill({ status: 200, contentType: 'application/javascript', body: '/* this bundle defines no BandeauPopoutSip */' }),
      expected: {
        en_US: 'The phone window loaded the softphone but it did not start: calls may not reach you. Close it and open it again.',
        fr_FR: "La fenêtre du téléphone a chargé le softphone mais il n'a pas démarré : les appels risquent de ne pas vous parvenir. Fermez-la et rouvrez-la.",
      },
    },
    {
      what: 'cannot be loaded',
      shots: 'softphone-popout-not-loaded',
      answer: (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }),
      expected: {
        en_US: 'The phone window could not load the softphone: calls may not reach you. Close it and open it again.',
        fr_FR: "La fenêtre du téléphone n'a pas pu charger le softphone : les appels risquent de ne pas vous parvenir. Fermez-la et rouvrez-la.",
      },
    },
    {
      what: 'throws as it starts',
      shots: 'softphone-popout-start-error',
      answer: (route) =>
        route.fulfill({ status: 200, contentType: 'application/javascript', body: 'window.BandeauPopoutSip = { start() { throw new Error("no <b>WebRTC</b> here"); } };' }),
      expected: {
        en_US: 'The phone window could not start the softphone (no <b>WebRTC</b> here): calls may not reach you. Close it and open it again.',
        fr_FR: "La fenêtre du téléphone n'a pas pu démarrer le softphone (no <b>WebRTC</b> here) : les appels risquent de ne pas vous parvenir. Fermez-la et rouvrez-la.",
      },
    },
  ];

  for (const broken of BROKEN) {
    it(`says so in the pop-out and in the bar of the admin pages when the pop-out's softphone bundle ${broken.what}`, async () => {
      const WORKER_BUNDLE = /\/bandeau-worker(\.min)?\.js(\?|$)/;
      const pageOf = (route: Route) => {
        try {
          return route.request().frame().page();
        } catch {
          return null;
        }
      };
      await suite.rig.agent.route(WORKER_BUNDLE, (route) => {
        const page = pageOf(route);
        if (!page || page === suite.tab) return route.continue();
        return broken.answer(route);
      });
      const ARTIFACTS = path.resolve(__dirname, '../.artifacts');
      const problemIn = (page: Page) => page.locator('[data-bandeau-softphone] .bandeau-bar__problem').textContent();
      try {
        for (const lang of ['en_US', 'fr_FR'] as const) {
          await goto(suite.tab, `${PAGES[0]!}?lang=${lang}`);
          await waitRegistered(suite.tab);
          const [popout] = await Promise.all([suite.rig.agent.waitForEvent('page'), suite.tab.click('[data-action="sp-popout"]')]);
          const view = await until(() => softView(suite.tab), (v) => !!v?.popoutProblem, 'the bar told the pop-out has no softphone', 20_000);
          // The relayed problem is the UI string and its arguments (each bar words it in its own language).
          expect(view?.popoutProblem && problemText(view.popoutProblem)).toBe(broken.expected.en_US);
          // As text (the error's words are escaped, never markup).
          await until(() => problemIn(suite.tab), (t) => t === broken.expected[lang], `the notice in the bar (${lang})`);
          await until(() => problemIn(popout), (t) => t === broken.expected[lang], `the notice in the pop-out (${lang})`);
          for (const page of [suite.tab, popout]) {
            expect(await page.locator('[data-bandeau-softphone] .bandeau-bar__problem b').count()).toBe(0);
            expect(await page.locator('[data-bandeau-softphone] .bandeau-soft__reg').getAttribute('data-registration')).toBe('failed');
          }
          await shot(suite.tab, ARTIFACTS, `${broken.shots}-bar-${lang}`);
          await popout.setViewportSize({ width: 380, height: 600 });
          await popout.screenshot({ path: path.join(ARTIFACTS, `${broken.shots}-window-${lang}-380x600.png`) });
          await popout.close();
          await until(() => softView(suite.tab), (v) => !v?.popoutProblem && v?.registration === 'registered', 'the notice gone with the window', 20_000);
        }
      } finally {
        await suite.rig.agent.unroute(WORKER_BUNDLE);
        await goto(suite.tab, `${PAGES[0]!}?lang=en_US`);
      }
    });
  }
});
