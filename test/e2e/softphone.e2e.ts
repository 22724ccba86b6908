/**
 * Softphone mode end to end, with real SIP on loopback: a private Kamailio (registrar + proxy,
 * SIP over WebSocket), the agent in Chromium on the demo pages (sip.js in the SharedWorker, media
 * in the page or the pop-out window, fake microphone), and a far end that is a second WebRTC
 * agent running stock sip.js in another browser context.
 */
import type { Page } from 'playwright-core';
import { agentStats, pageIdOf, rtpFlowing, softCall, softView, waitRegistered } from './helpers/sipAgent';
import { softphoneSuite } from './helpers/sipRig';
import { SIP_DOMAIN, until } from './helpers/sipServices';

const PAGES = ['/admin/dashboard/', '/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/'];
const AGENT = '7001';
const FAR = '9001';

describe('softphone: sip.js in the worker, media in the page, real SIP through Kamailio', () => {
  const suite = softphoneSuite({ name: 'softphone', wsPort: 25180, udpPort: 25160, farUser: FAR });
  const goto = (page: Page, path: string) => suite.rig.goto(page, path);

  it('registers once per browser and keeps the registration across 20 navigations', async () => {
    await goto(suite.tab, PAGES[0]!);
    await waitRegistered(suite.tab);
    await until(() => suite.rig.kamailio.registerCount(AGENT), (n) => n === 1, 'the first REGISTER at Kamailio');
    for (let i = 1; i <= 20; i++) {
      await goto(suite.tab, PAGES[i % PAGES.length]!);
      await waitRegistered(suite.tab);
    }
    const view = await softView(suite.tab);
    expect(view?.sipIn).toBe('worker');
    expect(view?.registers).toBe(1);
    expect(await suite.rig.kamailio.registerCount(AGENT)).toBe(1);
  });

  it('rings in one place, is answered from another tab, carries audio both ways, and the far end hangs up', async () => {
    const tab2 = await suite.rig.agent.newPage();
    await goto(tab2, PAGES[2]!);
    await waitRegistered(tab2);
    await suite.rig.far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
    const ringing = await softCall(suite.tab, (c) => c.state === 'ringing', 'the inbound call ringing');
    expect(ringing.direction).toBe('inbound');
    expect(ringing.remote).toBe(FAR);
    // One ringing page: the newest one (tab2).
    await tab2.waitForSelector('[data-bandeau-bar][data-bandeau-ringing="true"]');
    expect(await suite.tab.getAttribute('[data-bandeau-bar]', 'data-bandeau-ringing')).toBe('false');

    // Answered from the other tab: the answering tab hosts the audio.
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`);
    const live = await softCall(suite.tab, (c) => c.state === 'connected' && c.media === 'page', 'the call connected');
    expect(live.hostPageId).toBe(await pageIdOf(suite.tab));
    await tab2.waitForSelector('[data-bandeau-bar][data-bandeau-ringing="false"]');
    await rtpFlowing(() => agentStats(suite.tab, live.id), 'agent');
    await rtpFlowing(() => suite.rig.far.stats(), 'far end');

    await suite.rig.far.hangup();
    await until(() => softView(suite.tab), (v) => !!v && v.calls.length === 0, 'the call gone from the bar');
    await until(() => agentStats(suite.tab), (s) => s === null, 'the agent connection closed');
    await tab2.close();
  });

  it('dials out from the bar, connects, holds and resumes, and the agent hangs up', async () => {
    const before = (await suite.rig.far.events()).filter((e) => e === 'hangup').length;
    await suite.tab.fill('.bandeau-bar__dial input', FAR);
    await suite.tab.click('[data-action="dial"]');
    const dialing = await softCall(suite.tab, (c) => c.direction === 'outbound', 'the outbound call');
    expect(dialing.remote).toBe(FAR);
    await until(() => suite.rig.far.events(), (e) => e.includes('received'), 'the far end ringing');
    await suite.rig.far.answer();
    const live = await softCall(suite.tab, (c) => c.state === 'connected' && c.media === 'page', 'the outbound call connected');
    await rtpFlowing(() => agentStats(suite.tab, live.id), 'agent');
    await rtpFlowing(() => suite.rig.far.stats(), 'far end');
    // Hold and resume: a re-INVITE from the page's own connection, sendonly then sendrecv.
    await suite.tab.click(`[data-softcall-id="${live.id}"] [data-action="sp-hold"]`);
    await softCall(suite.tab, (c) => c.state === 'held', 'the call on hold');
    await until(() => suite.rig.far.direction(), (d) => d === 'recvonly', 'the far end on hold');
    await suite.tab.click(`[data-softcall-id="${live.id}"] [data-action="sp-hold"]`);
    await softCall(suite.tab, (c) => c.state === 'connected', 'the call resumed');
    await until(() => suite.rig.far.direction(), (d) => d === 'sendrecv', 'the far end resumed');
    await suite.tab.click(`[data-softcall-id="${live.id}"] [data-action="sp-hangup"]`);
    await until(() => suite.rig.far.events(), (e) => e.filter((x) => x === 'hangup').length === before + 1, 'the far end hung up');
    await until(() => softView(suite.tab), (v) => !!v && v.calls.length === 0, 'the call gone from the bar');
  });

  it('gets the audio of a call back after each navigation (re-INVITE from a new connection)', async () => {
    await suite.rig.far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
    const ringing = await softCall(suite.tab, (c) => c.state === 'ringing', 'the inbound call ringing');
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`);
    await softCall(suite.tab, (c) => c.state === 'connected' && c.media === 'page', 'the call connected');
    await rtpFlowing(() => agentStats(suite.tab, ringing.id), 'agent before navigating');
    for (let i = 0; i < 3; i++) {
      await goto(suite.tab, PAGES[(i + 1) % PAGES.length]!);
      const me = await pageIdOf(suite.tab);
      const c = await softCall(suite.tab, (x) => x.state === 'connected' && x.hostPageId === me && x.media === 'page', `the call hosted by the new page (${i + 1})`);
      expect(c.id).toBe(ringing.id);
      // A brand-new connection in the new page, RTP flowing again in both directions at both ends.
      await rtpFlowing(() => agentStats(suite.tab, c.id), `agent after navigation ${i + 1}`);
      await rtpFlowing(() => suite.rig.far.stats(), `far end after navigation ${i + 1}`);
    }
    expect(await suite.rig.kamailio.registerCount(AGENT)).toBe(1);
  });

  it('parks the far end on hold while no page is open, and resumes on the next page', async () => {
    const [call] = (await softView(suite.tab))!.calls;
    expect(call?.state).toBe('connected');
    await suite.tab.close();
    await until(() => suite.rig.far.direction(), (d) => d === 'recvonly', 'the far end parked (we send only)');
    suite.tab = await suite.rig.agent.newPage();
    await goto(suite.tab, PAGES[0]!);
    const me = await pageIdOf(suite.tab);
    await softCall(suite.tab, (x) => x.state === 'connected' && x.hostPageId === me && x.media === 'page', 'the call resumed in the new page');
    await until(() => suite.rig.far.direction(), (d) => d === 'sendrecv', 'the far end sending again');
    await rtpFlowing(() => agentStats(suite.tab, call!.id), 'agent after the resume');
    await rtpFlowing(() => suite.rig.far.stats(), 'far end after the resume');
    await suite.rig.far.hangup();
    await until(() => softView(suite.tab), (v) => !!v && v.calls.length === 0, 'the call gone from the bar');
  });

  it('keeps the audio in the pop-out phone window while the main tab navigates', async () => {
    const [popout] = await Promise.all([suite.rig.agent.waitForEvent('page'), suite.tab.click('[data-action="sp-popout"]')]);
    await popout.waitForSelector('[data-bandeau-bar][data-bandeau-registration="registered"]', { timeout: 20_000 });
    const popoutId = await pageIdOf(popout);
    await until(() => softView(suite.tab), (v) => v?.popout === true && v.mediaHost === popoutId, 'the pop-out as the media host');

    await suite.rig.far.call(`sip:${AGENT}@${SIP_DOMAIN}`);
    // It rings in the pop-out, and is answered from the main tab.
    await popout.waitForSelector('[data-bandeau-bar][data-bandeau-ringing="true"]');
    const ringing = await softCall(suite.tab, (c) => c.state === 'ringing', 'the inbound call ringing');
    await suite.tab.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-answer"]`);
    await softCall(suite.tab, (c) => c.state === 'connected' && c.media === 'popout' && c.hostPageId === popoutId, 'the call in the pop-out');
    let agentRtp = await rtpFlowing(() => agentStats(popout, ringing.id), 'pop-out');
    let farRtp = await rtpFlowing(() => suite.rig.far.stats(), 'far end');

    for (let i = 0; i < 5; i++) {
      await goto(suite.tab, PAGES[i % PAGES.length]!);
      const c = await softCall(suite.tab, (x) => x.state === 'connected', 'the call still up');
      // Same host, same connection: its counters only grow, and no re-INVITE was needed.
      expect(c.hostPageId).toBe(popoutId);
      expect(c.media).toBe('popout');
      const a = (await agentStats(popout, ringing.id))!;
      const f = (await suite.rig.far.stats())!;
      expect(a.packetsReceived).toBeGreaterThan(agentRtp.packetsReceived);
      expect(f.packetsReceived).toBeGreaterThan(farRtp.packetsReceived);
      agentRtp = a;
      farRtp = f;
    }
    await popout.click(`[data-softcall-id="${ringing.id}"] [data-action="sp-hangup"]`);
    await until(() => softView(suite.tab), (v) => !!v && v.calls.length === 0, 'the call gone from the bar');
    await popout.close();
    expect(await suite.rig.kamailio.registerCount(AGENT)).toBe(1);
  });
});
