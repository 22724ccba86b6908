import type { BrowserContext, Page } from 'playwright-core';
import { demoWithBrowser } from './helpers/demoSuite';
import { textBecomes } from './helpers/waitFor';
import { pbx } from './helpers/demoPbx';
import type { BarWindow } from './helpers/barWindow';

/**
 * Issue 13, point 1: an incoming call cannot be missed whatever the bar's state. The collapsed
 * bar's strip, Decline (recorded as declined, not counted as missed), the tab title, the live
 * region, the ring tone of desk-phone mode and browser notifications, on the demo.
 */

/** Records notifications, permission requests and audio contexts the page makes (real ones underneath). */
const INSTRUMENT = () => {
  const rec = { notes: [] as Array<Notification & { closed?: boolean }>, askedWithGesture: [] as boolean[], audio: [] as AudioContext[], oscillators: 0 };
  (window as unknown as { __rec: typeof rec }).__rec = rec;
  const RealN = window.Notification;
  if (RealN) {
    class N extends RealN {
      constructor(title: string, o?: NotificationOptions) {
        super(title, o);
        rec.notes.push(this);
      }
      override close(): void {
        (this as { closed?: boolean }).closed = true;
        super.close();
      }
    }
    Object.defineProperty(N, 'permission', { get: () => RealN.permission });
    Object.defineProperty(N, 'requestPermission', {
      value: () => {
        rec.askedWithGesture.push(navigator.userActivation.isActive);
        return RealN.requestPermission();
      },
    });
    window.Notification = N;
  }
  const RealAC = window.AudioContext;
  window.AudioContext = class extends RealAC {
    constructor(o?: AudioContextOptions) {
      super(o);
      rec.audio.push(this);
    }
    override createOscillator(): OscillatorNode {
      rec.oscillators++;
      return super.createOscillator();
    }
  };
};

/**
 * Headless Chromium plays audio without any gesture (it does not apply the autoplay policy, even
 * with --autoplay-policy=user-gesture-required), so the page gets the policy as a desktop browser
 * applies it: a context made before the page's first user gesture is suspended, and resume()
 * does nothing until there was one.
 */
const AUTOPLAY_POLICY = (): void => {
  const RealAC = window.AudioContext;
  // Not navigator.userActivation: Playwright's evaluate() counts as a gesture. A real click or key does.
  let gesture = false;
  for (const type of ['pointerdown', 'keydown']) addEventListener(type, (e) => (gesture ||= e.isTrusted), true);
  const allowed = () => gesture;
  window.AudioContext = class extends RealAC {
    constructor(o?: AudioContextOptions) {
      super(o);
      if (!allowed()) void super.suspend();
    }
    override resume(): Promise<void> {
      return allowed() ? super.resume() : new Promise<void>(() => undefined);
    }
  };
};

interface Rec {
  notes: Array<{ title: string; tag: string; closed?: boolean }>;
  askedWithGesture: boolean[];
  audio: Array<{ state: string }>;
  oscillators: number;
}

describe('phone bar: never miss a ring (issue 13, point 1)', () => {
  const env = demoWithBrowser();
  let phone: ReturnType<typeof pbx>;
  beforeAll(() => {
    phone = pbx(env.demo.siteUrl);
  });
  // A test that failed half-way leaves no call ringing into the next one.
  beforeEach(async () => {
    await phone.hangup();
  });

  async function agentTab(o: { grant?: boolean; autoplayPolicy?: boolean } = {}): Promise<{ context: BrowserContext; tab: Page; errors: string[] }> {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    if (o.grant) await context.grantPermissions(['notifications'], { origin: env.demo.siteUrl });
    if (o.autoplayPolicy) await context.addInitScript(AUTOPLAY_POLICY);
    await context.addInitScript(INSTRUMENT);
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${env.demo.siteUrl}/admin/customer/index/?as=1`);
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    return { context, tab, errors };
  }

  const rec = (tab: Page) => tab.evaluate(() => {
    const r = (window as unknown as { __rec: { notes: Array<Notification & { closed?: boolean }>; askedWithGesture: boolean[]; audio: AudioContext[]; oscillators: number } }).__rec;
    return { notes: r.notes.map((n) => ({ title: n.title, tag: n.tag, closed: n.closed })), askedWithGesture: r.askedWithGesture, audio: r.audio.map((a) => ({ state: a.state })), oscillators: r.oscillators };
  }) as Promise<Rec>;

  async function collapse(tab: Page): Promise<void> {
    await tab.locator('.bandeau-bar__toggle').click();
    await tab.locator('.bandeau-bar__body').waitFor({ state: 'hidden' });
  }

  it('the collapsed bar shows the ringing call with Decline, the title names the caller, the live region announces it; all gone after', async () => {
    const { context, tab, errors } = await agentTab();
    await collapse(tab);
    const title = await tab.title();
    const callId = await phone.ring('+12122293326', '7001');
    const row = tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-ringing')).resolves.toBe('true');
    // The caller's name once the lookup answered (Veronica Costello has this number in the demo).
    await textBecomes(row.locator('.bandeau-strip__caller'), 'Veronica Costello');
    await expect(row.locator('.bandeau-strip__state').textContent()).resolves.toBe('Ringing');
    await expect(row.locator('.bandeau-strip__timer').textContent()).resolves.toMatch(/^\d+:\d\d$/);
    // Desk-phone mode: the desk phone answers; the bar declines, it does not "hang up" a ringing call.
    await expect(row.locator('[data-action="decline"]').isVisible()).resolves.toBe(true);
    await expect(row.locator('[data-action="answer"]').count()).resolves.toBe(0);
    await expect(row.locator('[data-action="hangup"]').count()).resolves.toBe(0);
    await expect(tab.locator('.bandeau-bar__body').isVisible()).resolves.toBe(false);

    for (let i = 0; i < 100 && !(await tab.title()).includes('Veronica Costello'); i++) await tab.waitForTimeout(50);
    expect(await tab.title()).toBe(`Call from Veronica Costello – ${title}`);
    const announcer = tab.locator('[data-bandeau-announce]');
    await expect(announcer.getAttribute('aria-live')).resolves.toBe('assertive');
    await expect(announcer.textContent()).resolves.toMatch(/^Incoming call from /);
    // The announcer is rendered (a display:none live region is never read), only visually hidden.
    await expect(announcer.evaluate((el) => getComputedStyle(el).display)).resolves.not.toBe('none');

    // Answered: the strip says so and offers Hang up; the title is the page's again.
    await phone.answer(callId, '7001');
    await tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"][data-ringing="false"]`).waitFor();
    await expect(row.locator('.bandeau-strip__state').textContent()).resolves.toBe('In call');
    await expect(row.locator('[data-action="hangup"]').isVisible()).resolves.toBe(true);
    expect(await tab.title()).toBe(title);
    await phone.hangup(callId);
    await row.waitFor({ state: 'detached' });
    await expect(tab.locator('.bandeau-strip').isVisible()).resolves.toBe(false);
    expect(await tab.title()).toBe(title);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Decline hangs up the agent\'s phone with "call rejected", and the declined call is not a missed call for them', async () => {
    const { context, tab } = await agentTab();
    // First a call the agent misses (the caller gives up): the badge counts it.
    const missed = await phone.ring('+33612345678', '7001');
    await tab.locator(`.bandeau-bar__call[data-call-id="${missed}"]`).waitFor();
    await phone.hangup(missed);
    const badge = tab.locator('.bandeau-bar__toggle .bandeau-bar__badge');
    await textBecomes(badge, '1');

    await collapse(tab);
    const mark = (await phone.actions()).length;
    const callId = await phone.ring('+4930901820', '7001');
    const row = tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"]`);
    await row.locator('[data-action="decline"]').click();
    let hangup: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !hangup; i++) {
      hangup = (await phone.actions()).slice(mark).find((a) => a.Action === 'Hangup');
      if (!hangup) await tab.waitForTimeout(50);
    }
    expect(hangup).toMatchObject({ Cause: '21' });
    expect(hangup!.Channel).toMatch(/^PJSIP\/7001-/);
    await row.waitFor({ state: 'detached' });

    // In the recent calls: "Declined", not red, and the badge still counts only the missed one.
    await tab.locator('.bandeau-bar__toggle').click();
    const item = tab.locator(`.bandeau-bar__recent-call[data-call-id="${callId}"]`);
    await item.waitFor({ state: 'attached' });
    await expect(item.textContent()).resolves.toContain('Declined');
    await expect(item.getAttribute('class')).resolves.not.toContain('--missed');
    await expect(badge.textContent()).resolves.toBe('1');
    // The bridge keeps who declined with the call: the next page (a new snapshot) says the same.
    await tab.reload();
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    await textBecomes(tab.locator('.bandeau-bar__toggle .bandeau-bar__badge'), '1');
    const state = await tab.evaluate((id) => (window as unknown as BarWindow).bandeau!.state!.recent.find((c) => c.id === id), callId);
    expect(state).toMatchObject({ disposition: 'missed', declinedBy: ['7001'] });
    await context.close();
  });

  it('a ringing call in the expanded bar offers Decline, not Hang up', async () => {
    const { context, tab } = await agentTab();
    const callId = await phone.ring('+33612345678', '7001');
    const call = tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`);
    await call.locator('[data-action="decline"]').waitFor();
    await expect(call.locator('[data-action="hangup"]').isVisible()).resolves.toBe(false);
    await expect(call.locator('[data-action="decline"]').textContent()).resolves.toBe('Decline');
    await phone.answer(callId, '7001');
    await call.locator('[data-action="hangup"]').waitFor();
    await expect(call.locator('[data-action="decline"]').count()).resolves.toBe(0);
    await phone.hangup(callId);
    await context.close();
  });

  it('desk-phone mode rings in the browser after a user gesture (autoplay policy) and stops when the call is answered', async () => {
    const { context, tab } = await agentTab({ autoplayPolicy: true });
    try {
      const bar = tab.locator('[data-bandeau-bar]');
      const first = await phone.ring('+33612345678', '7001');
      await tab.locator(`[data-bandeau-bar][data-bandeau-ring-tone="on"]`).waitFor({ state: 'attached' });
      let r = await rec(tab);
      expect(r.oscillators).toBe(2);
      // No gesture yet on this page: the tone waits, silent.
      expect(r.audio.at(-1)!.state).toBe('suspended');
      await tab.mouse.click(600, 400);
      for (let i = 0; i < 100 && (await rec(tab)).audio.at(-1)!.state !== 'running'; i++) await tab.waitForTimeout(50);
      expect((await rec(tab)).audio.at(-1)!.state).toBe('running');
      await phone.answer(first, '7001');
      await tab.locator(`[data-bandeau-bar][data-bandeau-ring-tone="off"]`).waitFor({ state: 'attached' });
      r = await rec(tab);
      expect(r.audio.at(-1)!.state).toBe('closed');
      await phone.hangup(first);

      // After that gesture, the next call rings at once; it stops when the caller gives up.
      const second = await phone.ring('+4930901820', '7001');
      await tab.locator(`[data-bandeau-bar][data-bandeau-ring-tone="on"]`).waitFor({ state: 'attached' });
      for (let i = 0; i < 100 && (await rec(tab)).audio.at(-1)!.state !== 'running'; i++) await tab.waitForTimeout(50);
      expect((await rec(tab)).audio.at(-1)!.state).toBe('running');
      await phone.hangup(second);
      await tab.locator(`[data-bandeau-bar][data-bandeau-ring-tone="off"]`).waitFor({ state: 'attached' });

      // Turned off in the settings: no tone.
      await bar.locator('[data-action="settings"]').click();
      await bar.locator('[data-action="ring-sound"]').uncheck();
      const before = (await rec(tab)).oscillators;
      const third = await phone.ring('+33612345678', '7001');
      await tab.locator(`.bandeau-bar__call[data-call-id="${third}"]`).waitFor();
      await tab.waitForTimeout(500);
      await expect(bar.getAttribute('data-bandeau-ring-tone')).resolves.toBe('off');
      expect((await rec(tab)).oscillators).toBe(before);
      await phone.hangup(third);
    } finally {
      await context.close();
    }
  });

  it('one tab rings, not every open admin page', async () => {
    const { context, tab } = await agentTab();
    const other = await context.newPage();
    await other.goto(`${env.demo.siteUrl}/admin/sales/order/?as=1`);
    await other.waitForSelector('[data-bandeau-state="connected"]');
    const callId = await phone.ring('+33612345678', '7001');
    await tab.locator(`.bandeau-bar__call[data-call-id="${callId}"]`).waitFor();
    await other.locator(`.bandeau-bar__call[data-call-id="${callId}"]`).waitFor();
    await tab.waitForTimeout(1_500);
    const tones = await Promise.all([tab, other].map((p) => p.locator('[data-bandeau-bar]').getAttribute('data-bandeau-ring-tone')));
    expect(tones.filter((x) => x === 'on')).toHaveLength(1);
    await phone.hangup(callId);
    await context.close();
  });

  it('notifications: asked from the toggle\'s click, shown while the agent looks elsewhere, closed when the ringing stops; a click brings the bar', async () => {
    const { context, tab } = await agentTab({ grant: true });
    const bar = tab.locator('[data-bandeau-bar]');
    // Nothing is asked before the agent asks for it.
    expect((await rec(tab)).askedWithGesture).toEqual([]);
    await bar.locator('[data-action="settings"]').click();
    const toggle = bar.locator('[data-action="notify"]');
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.click();
    await expect(toggle.isChecked()).resolves.toBe(true);

    // The agent looks at another window: the ringing call notifies once, named.
    await tab.evaluate(() => {
      document.hasFocus = () => false;
    });
    await collapse(tab);
    const callId = await phone.ring('+12122293326', '7001');
    await tab.locator(`.bandeau-strip__call[data-strip-key="${callId}"]`).waitFor();
    // Shown at once with the number, then once more (same tag: it replaces the first) with the name.
    const named = 'Incoming call from Veronica Costello';
    for (let i = 0; i < 200 && (await rec(tab)).notes.at(-1)?.title !== named; i++) await tab.waitForTimeout(50);
    let r = await rec(tab);
    expect(r.notes.at(-1)!.title).toBe(named);
    expect(r.notes.length).toBeLessThanOrEqual(2);
    for (const n of r.notes) expect(n.tag).toBe(`bandeau-call-${callId}`);
    // Clicking it focuses the tab and the bar.
    await tab.evaluate(() => {
      const n = (window as unknown as { __rec: { notes: Notification[] } }).__rec.notes.at(-1)!;
      n.onclick?.(new Event('click'));
    });
    await expect(tab.evaluate(() => document.getElementById('bandeau-cti-root')!.shadowRoot!.activeElement?.className)).resolves.toContain('bandeau-bar__toggle');
    await phone.answer(callId, '7001');
    for (let i = 0; i < 100 && !(await rec(tab)).notes.at(-1)!.closed; i++) await tab.waitForTimeout(50);
    r = await rec(tab);
    expect(r.notes.at(-1)!.closed).toBe(true);
    await phone.hangup(callId);

    // The choice is kept for the next pages.
    await tab.reload();
    await tab.waitForSelector('[data-bandeau-state="connected"]');
    await tab.locator('[data-bandeau-bar] [data-action="settings"]').click();
    await expect(tab.locator('[data-bandeau-bar] [data-action="notify"]').isChecked()).resolves.toBe(true);
    await context.close();
  });

  it('asks the browser for the permission from the click itself, and says so when the browser refuses', async () => {
    const { context, tab } = await agentTab();
    const bar = tab.locator('[data-bandeau-bar]');
    await bar.locator('[data-action="settings"]').click();
    await bar.locator('[data-action="notify"]').click();
    for (let i = 0; i < 100 && (await rec(tab)).askedWithGesture.length === 0; i++) await tab.waitForTimeout(50);
    // Asked once, while the click's user activation was live.
    expect((await rec(tab)).askedWithGesture).toEqual([true]);
    // Headless Chromium answers "denied" to a permission nobody granted.
    await textBecomes(bar.locator('.bandeau-settings__hint'), 'Notifications are blocked for this site in the browser settings.');
    await expect(bar.locator('[data-action="notify"]').isChecked()).resolves.toBe(false);
    await context.close();
  });
});
