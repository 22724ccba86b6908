import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (no browser download: the
 * stock /usr/bin/firefox-esr that test/setup.sh installs). Fake microphone and no permission
 * prompt, as the Chromium softphone tests have; no background traffic to Mozilla's services.
 */
export const FIREFOX_PATH = process.env.BANDEAU_FIREFOX ?? '/usr/bin/firefox-esr';

export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  // A pop-out opened by window.open stays a window (not a tab) and is not blocked.
  'dom.disable_open_during_load': false,
  'browser.shell.checkDefaultBrowser': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.update.enabled': false,
  'browser.search.update': false,
};

/** `prefs` adds to (or overrides) FIREFOX_PREFS. */
export function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Firefox starts slowly on a loaded machine (a fresh profile each run).
    timeout: 120_000,
    protocolTimeout: 120_000,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
  });
}

/** A selector inside the phone bar's shadow root (puppeteer's deep combinator). */
export const inBar = (selector: string) => `#bandeau-cti-root >>> ${selector}`;

/** Waits until `selector` matches a visible element inside the bar's shadow root (as Playwright's waitForSelector). */
export async function waitInBar(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    (sel: string) => (document.getElementById('bandeau-cti-root')?.shadowRoot?.querySelector(sel)?.getClientRects().length ?? 0) > 0,
    { timeout: timeoutMs, polling: 50 },
    selector,
  );
}

/** An attribute or the text of the first match inside the bar (null when nothing matches). */
export function readInBar(page: Page, selector: string, what: { attr?: string; prop?: 'value' | 'textContent' }): Promise<string | null> {
  return page.evaluate(
    (sel: string, attr: string | null, prop: string | null) => {
      const el = document.getElementById('bandeau-cti-root')?.shadowRoot?.querySelector(sel) as (HTMLElement & { value?: string }) | null | undefined;
      if (!el) return null;
      if (attr) return el.getAttribute(attr);
      return prop === 'value' ? (el.value ?? null) : el.textContent;
    },
    selector,
    what.attr ?? null,
    what.prop ?? null,
  );
}
