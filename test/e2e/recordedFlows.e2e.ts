import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { demoWithAliceAndBruno, demoWithBrowser } from './helpers/demoSuite';
import { pbx, type FlowInfo } from './helpers/demoPbx';
import { textBecomes } from './helpers/waitFor';
import { enabled, gone, inRecent, row, shows } from './helpers/barReading';
import { shot } from './helpers/screenshots';

/**
 * Real Asterisk 22 call flows (../shared/asterisk/captures) played by the demo's PBX, step by
 * step, and what each agent's bar shows at every step. Alice Martin is 7001, Bruno Petit 7002;
 * where the recording had other phones, the flow plays them as these two (see
 * bridge/src/testpeer/scenarios.ts). The bar's own actions (transfer, consult, hang up) reach
 * the PBX and play the recorded step that Asterisk answered.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/recorded-flows');
const CAMILLE = { from: '+33612345678', name: 'Camille Durand' };

describe('recorded Asterisk flows: what the agents\' bars show', () => {
  const env = demoWithAliceAndBruno();
  beforeAll(async () => {
    const offered = await env.phone.flows();
    if (!offered.available) throw new Error(`the demo offers no recorded flows: ${offered.reason}`);
    mkdirSync(SHOTS, { recursive: true });
  });

  /** The PBX has no channel left and neither bar shows a current call. */
  async function nothingOpen(): Promise<void> {
    for (let i = 0; i < 100 && (await env.phone.channels()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await env.phone.channels()).toEqual([]);
    for (const t of [env.alice.tab, env.bruno.tab]) {
      await t.locator('.bandeau-bar__call').first().waitFor({ state: 'detached', timeout: 10_000 });
      await expect(t.locator('.bandeau-bar__empty').isVisible()).resolves.toBe(true);
    }
    expect([...env.alice.errors, ...env.bruno.errors]).toEqual([]);
  }
  const step = async (f: FlowInfo, name: string) => {
    expect((await env.phone.flows()).flows.find((x) => x.id === f.id)?.next?.name).toBe(name);
    return env.phone.step(f.id);
  };
  async function played(f: FlowInfo, name: string, by: 'step' | 'action'): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const p = (await env.phone.flows()).flows.find((x) => x.id === f.id)?.phases.find((x) => x.name === name);
      if (p?.played) return expect(p.by).toBe(by);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`step ${name} was not played`);
  }
  const playedByTheBar = (f: FlowInfo, name: string) => played(f, name, 'action');

  it('queue call, answered: started from the Demo PBX panel, both members ring with the card, Alice answers, Bruno is told, it ends answered', async () => {
    const panel = env.alice.tab.locator('.demo-pbx');
    await panel.locator('select').selectOption(CAMILLE.from);
    await panel.locator('.demo-pbx__recorded summary').click();
    await panel.locator('button[data-scenario="queue-answered"]').click();
    const flowRow = panel.locator('li[data-scenario="queue-answered"]');
    await flowRow.waitFor();
    const f = (await env.phone.flows()).flows.at(-1)!;
    expect(f).toMatchObject({ scenario: 'queue-answered', caller: { number: CAMILLE.from, name: CAMILLE.name } });
    await expect(flowRow.getAttribute('data-flow-id')).resolves.toBe(f.id);
    const callId = f.callId!;
    for (const a of [env.alice, env.bruno]) {
      const r = await shows(a.tab, callId, 'ringing', 'Ringing');
      // The caller by name once the lookup answered (issue 13: people, not numbers).
      await textBecomes(r.locator('.bandeau-bar__call-label'), 'Inbound call from Camille Durand');
      await r.locator('.bandeau-bar__card[data-customer-id="2"]').waitFor({ timeout: 10_000 });
      await expect(r.locator('.bandeau-bar__card-name').textContent()).resolves.toBe('Camille Durand');
      // Ringing on a desk phone: the bar can decline, nothing else.
      await expect(enabled(r, 'hangup')).resolves.toBe(true);
      for (const c of ['hold', 'keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(r, c)).resolves.toBe(false);
    }
    await shot(env.alice.tab, SHOTS, 'queue-ringing');
    await flowRow.locator('[data-action="flow-step"]').click(); // 7001 answers
    await played(f, 'answer', 'step');
    const mine = await shows(env.alice.tab, callId, 'answered', 'In call');
    for (const c of ['hangup', 'hold', 'keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(mine, c)).resolves.toBe(true);
    await expect(mine.locator('[data-action="hold"]').textContent()).resolves.toBe('Hold');
    const theirs = env.bruno.tab.locator(`.bandeau-bar__call[data-call-id="${callId}"][data-answered-elsewhere="true"]`);
    await theirs.waitFor({ timeout: 10_000 });
    await expect(theirs.locator('.bandeau-bar__call-state').textContent()).resolves.toBe('Answered by Alice Martin');
    await expect(theirs.locator('[data-action="hangup"]').count()).resolves.toBe(0);
    await shot(env.alice.tab, SHOTS, 'queue-answered');
    await flowRow.locator('[data-action="flow-step"]').click(); // customer hangs up
    await played(f, 'hangup', 'step');
    await textBecomes(flowRow, /ended as recorded/);
    for (const a of [env.alice, env.bruno]) {
      await gone(a.tab, callId);
      const item = await inRecent(a.tab, callId, 'Answered');
      await expect(item.textContent()).resolves.toContain('Camille Durand');
    }
    await nothingOpen();
  });

  it('queue call, abandoned: both ring, the caller gives up, it is a missed call with its badge', async () => {
    const f = await env.phone.record('queue-abandoned', CAMILLE);
    for (const a of [env.alice, env.bruno]) await shows(a.tab, f.callId!, 'ringing', 'Ringing');
    await step(f, 'abandon');
    for (const a of [env.alice, env.bruno]) {
      await gone(a.tab, f.callId!);
      const item = await inRecent(a.tab, f.callId!, 'Abandoned');
      await expect(item.getAttribute('class')).resolves.toContain('bandeau-bar__recent-call--missed');
      await textBecomes(a.tab.locator('.bandeau-bar__toggle .bandeau-bar__badge'), /^[1-9]\d*$/);
    }
    await nothingOpen();
  });

  it('ring group: both ring with the card, Alice answers, it stops ringing for Bruno, it ends answered', async () => {
    const f = await env.phone.record('ring-group', { from: '+4930901820', name: 'Jonas Weber' });
    for (const a of [env.alice, env.bruno]) {
      const r = await shows(a.tab, f.callId!, 'ringing', 'Ringing');
      await r.locator('.bandeau-bar__card[data-customer-id="3"]').waitFor({ timeout: 10_000 });
    }
    await step(f, 'answer');
    await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await env.bruno.tab.locator(`.bandeau-bar__call[data-call-id="${f.callId}"][data-answered-elsewhere="true"]`).waitFor({ timeout: 10_000 });
    await expect(row(env.bruno.tab, f.callId!).getAttribute('data-call-state')).resolves.not.toBe('ringing');
    await step(f, 'hangup');
    for (const a of [env.alice, env.bruno]) {
      await gone(a.tab, f.callId!);
      await inRecent(a.tab, f.callId!, 'Answered');
    }
    await nothingOpen();
  });

  it('blind transfer from the bar: Asterisk\'s recorded answer, Alice\'s call goes, Bruno\'s phone rings, he answers and hangs up', async () => {
    const f = await env.phone.record('blind-transfer');
    await shows(env.alice.tab, f.callId!, 'ringing', 'Ringing');
    await step(f, 'answer');
    const mine = await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await expect(mine.locator('.bandeau-bar__call-label').textContent()).resolves.toBe('Internal call with 7005');
    const mark = (await env.phone.actions()).length;
    await mine.locator('.bandeau-bar__transfer input').fill('7002');
    await mine.locator('.bandeau-bar__transfer input').press('Enter');
    await playedByTheBar(f, 'transfer');
    expect((await env.phone.actions()).slice(mark).find((a) => a.Action === 'BlindTransfer')).toMatchObject({ Exten: '7002', Context: 'from-internal' });
    // The transferring agent's call is gone; the target rings.
    await gone(env.alice.tab, f.callId!);
    const target = await shows(env.bruno.tab, f.callId!, 'ringing', 'Ringing');
    await expect(target.locator('.bandeau-bar__call-label').textContent()).resolves.toBe('Internal call with Alice Martin');
    await step(f, 'target-answers');
    const his = await shows(env.bruno.tab, f.callId!, 'answered', 'In call');
    await his.locator('[data-action="hangup"]').click();
    await playedByTheBar(f, 'hangup');
    await gone(env.bruno.tab, f.callId!);
    await inRecent(env.bruno.tab, f.callId!, 'Answered');
    await inRecent(env.alice.tab, f.callId!, 'Answered');
    await nothingOpen();
  });

  it('consult transfer from the bar: Alice is transferring while Bruno rings, her hang-up completes it, Bruno keeps the call', async () => {
    const f = await env.phone.record('attended-transfer');
    await step(f, 'answer');
    const mine = await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await mine.locator('.bandeau-bar__transfer input').fill('7002');
    await mine.locator('[data-action="attended-transfer"]').click();
    await playedByTheBar(f, 'transfer');
    await shows(env.bruno.tab, f.callId!, 'ringing', 'Ringing');
    const consulting = await shows(env.alice.tab, f.callId!, 'transferring', 'Transferring…');
    await shot(env.alice.tab, SHOTS, 'transfer-consulting');
    await shot(env.bruno.tab, SHOTS, 'transfer-target-ringing');
    await step(f, 'target-answers');
    await shows(env.bruno.tab, f.callId!, 'answered', 'In call');
    await shows(env.alice.tab, f.callId!, 'transferring', 'Transferring…');
    // During the consultation: hanging up completes the transfer; holding or transferring again cannot.
    await expect(enabled(consulting, 'hangup')).resolves.toBe(true);
    for (const c of ['hold', 'keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(consulting, c)).resolves.toBe(false);
    await consulting.locator('[data-action="hangup"]').click();
    await playedByTheBar(f, 'complete');
    await gone(env.alice.tab, f.callId!);
    await inRecent(env.alice.tab, f.callId!, 'Answered');
    await shows(env.bruno.tab, f.callId!, 'answered', 'In call');
    await step(f, 'hangup');
    await gone(env.bruno.tab, f.callId!);
    await inRecent(env.bruno.tab, f.callId!, 'Answered');
    await nothingOpen();
  });

  it('hold from the phone: both bars say on hold, Hold becomes Resume, then back in call; Alice hangs up from the bar', async () => {
    const f = await env.phone.record('hold');
    await shows(env.bruno.tab, f.callId!, 'ringing', 'Ringing');
    await step(f, 'answer');
    await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await step(f, 'hold');
    const mine = await shows(env.alice.tab, f.callId!, 'held', 'On hold');
    await shows(env.bruno.tab, f.callId!, 'held', 'On hold');
    await expect(mine.locator('[data-action="hold"]').textContent()).resolves.toBe('Resume');
    await expect(enabled(mine, 'hold')).resolves.toBe(true);
    for (const c of ['keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(mine, c)).resolves.toBe(false);
    await shot(env.alice.tab, SHOTS, 'on-hold');
    await step(f, 'resume');
    await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await expect(mine.locator('[data-action="hold"]').textContent()).resolves.toBe('Hold');
    await mine.locator('[data-action="hangup"]').click();
    await playedByTheBar(f, 'hangup');
    for (const a of [env.alice, env.bruno]) {
      await gone(a.tab, f.callId!);
      await inRecent(a.tab, f.callId!, 'Answered');
    }
    await nothingOpen();
  });

  it('park: Alice parks the customer (Parked, no controls), Bruno picks up from 71, the call is his', async () => {
    const f = await env.phone.record('park', { from: '+12122293326', name: 'Veronica Costello' });
    const ringing = await shows(env.alice.tab, f.callId!, 'ringing', 'Ringing');
    await ringing.locator('.bandeau-bar__card[data-customer-id="1"]').waitFor({ timeout: 10_000 });
    await step(f, 'answer');
    await shows(env.alice.tab, f.callId!, 'answered', 'In call');
    await step(f, 'park');
    const parked = await shows(env.alice.tab, f.callId!, 'parked', 'Parked');
    for (const c of ['hangup', 'hold', 'keypad', 'blind-transfer', 'attended-transfer']) await expect(enabled(parked, c)).resolves.toBe(false);
    await step(f, 'pickup');
    const his = await shows(env.bruno.tab, f.callId!, 'answered', 'In call');
    await his.locator('.bandeau-bar__card[data-customer-id="1"]').waitFor({ timeout: 10_000 });
    await gone(env.alice.tab, f.callId!);
    await step(f, 'hangup');
    await gone(env.bruno.tab, f.callId!);
    await inRecent(env.bruno.tab, f.callId!, 'Answered');
    await nothingOpen();
  });

  it('voicemail: Bruno calls Alice, nobody answers, the caller leaves a message; both record it as voicemail', async () => {
    const f = await env.phone.record('voicemail');
    const ringing = await shows(env.alice.tab, f.callId!, 'ringing', 'Ringing');
    await expect(ringing.locator('.bandeau-bar__call-label').textContent()).resolves.toBe('Internal call with Bruno Petit');
    await step(f, 'voicemail');
    await step(f, 'hangup');
    for (const a of [env.alice, env.bruno]) {
      await gone(a.tab, f.callId!);
      await inRecent(a.tab, f.callId!, 'Voicemail');
    }
    await nothingOpen();
  });
});

describe('recorded Asterisk flows without the captures', () => {
  const missing = path.join(SHOTS, 'no-such-captures');
  const env = demoWithBrowser(() => ['--captures', missing]);

  it('the demo says why, hides them from the panel and refuses to start one, naming the directory', async () => {
    const out = env.demo.output();
    expect(out).toContain(`Recorded flows   : hidden, ${missing} does not exist (set BANDEAU_ASTERISK_CAPTURES`);
    expect(out).toContain('recorded Asterisk call flows hidden from the Demo PBX panel');
    const offered = await pbx(env.demo.siteUrl).flows();
    expect(offered).toMatchObject({ available: false, flows: [] });
    expect(offered.reason).toContain(missing);
    const res = await fetch(`${env.demo.siteUrl}/demo/pbx/recorded/start`, { method: 'POST', body: new URLSearchParams({ scenario: 'queue-answered' }) });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/recorded Asterisk streams unavailable: .*does not exist/);
    const context = await env.browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${env.demo.siteUrl}/admin/dashboard/`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    await tab.locator('.demo-pbx button', { hasText: 'Ring 7001' }).waitFor();
    await expect(tab.locator('.demo-pbx__recorded').count()).resolves.toBe(0);
    await context.close();
  });
});
