/**
 * Issue 7 benchmark: the audio gap a navigation causes in softphone mode, for the in-page path
 * (the next page resumes the call with a re-INVITE from a brand-new RTCPeerConnection) and the
 * pop-out path (the pop-out window hosts the media and never navigates), in the same run, with
 * real SIP through a private Kamailio and a stock sip.js far end in Chromium.
 *
 * The gap is measured at the far end (what the customer hears): the longest time without a new
 * inbound audio packet around each navigation, from getStats() polled every 10 ms in the far-end
 * page. For the in-page path it also prints the time from the start of the navigation to the
 * first audio packet received by the new page (what the agent hears, an upper bound).
 */
import type { Page } from 'playwright-core';
import { agentStats, pageIdOf, softCall, softView, waitRegistered } from '../e2e/helpers/sipAgent';
import { startSoftphoneRig } from '../e2e/helpers/sipRig';
import { SIP_DOMAIN, until } from '../e2e/helpers/sipServices';
import { summarize, table } from './stats';

const PAGES = ['/admin/dashboard/', '/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/'];
const NAVIGATIONS = 8;
const AGENT = '7001';
const FAR = '9001';

/** Longest interval between consecutive new-packet times within [from, to]. */
function longestGap(times: number[], from: number, to: number): number {
  const w = times.filter((t) => t >= from && t <= to);
  let gap = 0;
  for (let i = 1; i < w.length; i++) gap = Math.max(gap, w[i]! - w[i - 1]!);
  return gap;
}

export async function run(): Promise<void> {
  const rig = await startSoftphoneRig({ name: 'bench', wsPort: 25280, udpPort: 25260, farUser: FAR });
  const { kamailio, browser, far, agent } = rig;
  try {
    const tab = await agent.newPage();
    const goto = (path: string) => rig.goto(tab, path);
    await goto(PAGES[0]!);
    await waitRegistered(tab);

    /** One call, answered in the tab; returns its id once audio flows at the far end. */
    const answerCall = async () => {
      await far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
      const ringing = await softCall(tab, (c) => c.state === 'ringing', 'ringing');
      await tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`);
      await softCall(tab, (c) => c.state === 'connected' && c.media !== 'resuming', 'connected');
      const s0 = (await until(() => far.stats(), (s) => s !== null, 'far-end pc'))!;
      await until(() => far.stats(), (s) => !!s && s.packetsReceived > s0.packetsReceived + 10, 'audio at the far end');
      return ringing.id;
    };
    const hangUp = async () => {
      await far.hangup();
      await until(async () => (await softView(tab))?.calls.length ?? 0, (n) => n === 0, 'hung up');
    };

    const measure = async (label: string, host: () => Page, expectResume: boolean) => {
      const farGaps: number[] = [];
      const agentGaps: number[] = [];
      const callId = await answerCall();
      for (let i = 0; i < NAVIGATIONS; i++) {
        const before = (await far.stats())!.packetsReceived;
        await far.startSampling();
        const t0 = Date.now();
        await goto(PAGES[(i + 1) % PAGES.length]!);
        if (expectResume) {
          const me = await pageIdOf(tab);
          await softCall(tab, (c) => c.hostPageId === me && c.media === 'page', 'resumed', 30_000);
          await until(() => agentStats(host(), callId), (s) => !!s && s.packetsReceived > 0, 'audio in the new page', 30_000, 5);
          agentGaps.push(Date.now() - t0);
        }
        // Audio back at the far end, then a little more so the gap window closes on steady audio.
        await until(() => far.stats(), (s) => !!s && s.packetsReceived > before + 25, 'audio back at the far end', 30_000, 10);
        const tEnd = Date.now();
        const times = await far.stopSampling();
        farGaps.push(longestGap(times, t0 - 200, tEnd));
      }
      await hangUp();
      return { label, farGaps, agentGaps };
    };

    const inPage = await measure('in-page (re-INVITE from a new RTCPeerConnection)', () => tab, true);

    const [popout] = await Promise.all([agent.waitForEvent('page'), tab.click('[data-action="sp-popout"]')]);
    await popout.waitForSelector('[data-bandeau-bar][data-bandeau-registration="registered"]', { timeout: 20_000 });
    const popoutId = await pageIdOf(popout);
    await until(async () => (await softView(tab))?.mediaHost ?? null, (h) => h === popoutId, 'pop-out hosting');
    const viaPopout = await measure('pop-out window', () => popout, false);

    console.log(`\n# Softphone audio gap per navigation of the agent's tab (Chromium ${browser.version()}, Kamailio, stock sip.js far end, ${NAVIGATIONS} navigations each)`);
    const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
    console.log(
      table(
        ['path', 'far-end gap p50 (ms)', 'p95 (ms)', 'max (ms)', 'agent: navigation → audio in new page p50 (ms)', 'p95 (ms)'],
        [inPage, viaPopout].map((r) => {
          const f = summarize(r.farGaps);
          const a = summarize(r.agentGaps);
          return [r.label, fmt(f.p50), fmt(f.p95), fmt(f.max), r.agentGaps.length ? fmt(a.p50) : 'no gap (same connection)', r.agentGaps.length ? fmt(a.p95) : '-'];
        }),
      ),
    );
    console.log('(audio packets come every 20 ms; the far-end gap is the longest time without a new packet, polled every 10 ms; Chromium refreshes getStats about every 50 ms, so ~60 ms means no gap)');
    console.log(`REGISTERs seen at Kamailio for the agent during the whole run: ${await kamailio.registerCount(AGENT)} (1 expected)`);
  } finally {
    await rig.stop();
  }
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
