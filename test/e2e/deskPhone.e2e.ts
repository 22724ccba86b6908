import { demoWithBrowser, openAgentTab } from './helpers/demoSuite';
import { pbx } from './helpers/demoPbx';
import { screenKeys, screenProblems, screenText } from '../ts/phones/callerPageVendorScreens';
import type { PhoneVendor } from '../../bridge/src/phones/config';

/**
 * Issue 17, points 2 and 3, on the demo: an extension rings through the AMI test peer replaying
 * a real recorded Asterisk stream; the desk phone fetches its caller page as its action URL
 * does (`caller.xml?ext=`) and the page names the caller; the "Open" soft key's URL, fetched as
 * the phone would, makes the agent's admin page (logged in on that extension) go to the customer.
 * The demo serves /phone/ without device credentials (demo only).
 */

/** What a phone gets for a URL: status, content type, the body decoded by its declared charset. */
async function asPhone(url: string): Promise<{ status: number; type: string; xml: string }> {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, xml: /ISO-8859-1/i.test(type) ? bytes.toString('latin1') : bytes.toString('utf8') };
}

describe('desk phone: caller page and soft keys (issue 17)', () => {
  const env = demoWithBrowser();
  let phone: ReturnType<typeof pbx>;
  beforeAll(() => {
    phone = pbx(env.demo.siteUrl);
  });
  afterEach(async () => {
    await phone.hangup();
  });

  it('the ringing phone\'s caller page names the caller; its Open key opens the customer in the agent\'s admin', async () => {
    const { context, tab, errors } = await openAgentTab(env, 1);
    const flows = await phone.flows();
    expect(flows.available).toBe(true);
    // The ring group as a real Asterisk 22 recorded it, Camille Durand (demo customer 2) calling.
    const flow = await phone.record('ring-group', { from: '+33612345678', name: 'Camille Durand', agents: { answerer: '7001', other: '7002' } });
    await tab.locator(`[data-call-id="${flow.callId!}"][data-call-state="ringing"]`).waitFor({ timeout: 10_000 });

    let openUrl = '';
    for (const vendor of ['yealink', 'cisco', 'snom', 'polycom'] as PhoneVendor[]) {
      const page = await asPhone(`${env.demo.bridgeUrl}/phone/${vendor}/caller.xml?ext=7001`);
      expect(page.status).toBe(200);
      expect(screenProblems(vendor, page.xml)).toEqual([]);
      const text = screenText(page.xml);
      expect(text).toContain('Camille Durand');
      expect(text).toContain('06 12 34 56 78');
      const open = screenKeys(vendor, page.xml).find(([label]) => label === 'Open');
      expect(open).toBeDefined();
      if (vendor === 'yealink') openUrl = open![1];
    }
    // The other extension rings too; its page names the same caller.
    expect(screenText((await asPhone(`${env.demo.bridgeUrl}/phone/snom/caller.xml?ext=7002`)).xml)).toContain('Camille Durand');

    // The Open soft key, pressed on 7001's phone: Alice's admin page goes to the customer.
    expect(new URL(openUrl).searchParams.get('ext')).toBe('7001');
    const answer = await asPhone(openUrl);
    expect(answer.status).toBe(200);
    expect(screenText(answer.xml)).toContain('Sent to your browser.');
    await tab.waitForURL(/\/admin\/customer\/index\/edit\/id\/2\//, { timeout: 10_000 });
    // The bar is back on the new page, the call still ringing there.
    await tab.locator(`[data-call-id="${flow.callId!}"]`).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a phone whose extension nobody is logged in on is told so, and no page moves', async () => {
    const { context, tab } = await openAgentTab(env, 1);
    const url = `${env.demo.bridgeUrl}/phone/cisco/action/open?ext=7009&customer=2&number=%2B33612345678`;
    const answer = await asPhone(url);
    expect(screenText(answer.xml)).toContain('Nobody is logged in to the admin on this phone.');
    await new Promise((r) => setTimeout(r, 500));
    expect(tab.url()).toContain('/admin/dashboard/');
    // A web page cannot press a phone's soft key: a request with a foreign Origin is refused.
    const forged = await fetch(`${env.demo.bridgeUrl}/phone/cisco/action/open?ext=7001&customer=2&number=%2B33612345678`, { headers: { origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    await new Promise((r) => setTimeout(r, 500));
    expect(tab.url()).toContain('/admin/dashboard/');
    await context.close();
  });

  it('Call back originates from the phone\'s own extension to the last caller its agent missed', async () => {
    const { context, tab } = await openAgentTab(env, 1);
    const callId = await phone.ring('+33612345678', '7001');
    await tab.locator(`[data-call-id="${callId}"][data-call-state="ringing"]`).waitFor({ timeout: 10_000 });
    await phone.hangup(callId);
    // Missed: in the bar's recent calls (the bridge's session for Alice has it too).
    await tab.locator(`.bandeau-bar__recent-call--missed[data-call-id="${callId}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    const before = (await phone.actions()).length;
    // Another extension or number in the URL changes nothing: the phone is 7001.
    const answer = await asPhone(`${env.demo.bridgeUrl}/phone/snom/action/callback?ext=7001&number=%2B33700000000`);
    expect(answer.status).toBe(200);
    expect(screenText(answer.xml)).toContain('Calling back');
    const originates = (await phone.actions()).slice(before).filter((a) => a.Action === 'Originate');
    expect(originates).toHaveLength(1);
    expect(originates[0]).toMatchObject({ Channel: 'PJSIP/7001', Exten: '+33612345678' });
    await context.close();
  });

  it('an unknown number gets a clear "unknown caller" page', async () => {
    const page = await asPhone(`${env.demo.bridgeUrl}/phone/polycom/caller.xml?number=%2B33987654321`);
    expect(page.status).toBe(200);
    expect(screenProblems('polycom', page.xml)).toEqual([]);
    expect(screenText(page.xml)).toContain('Unknown caller');
  });
});
