import { chromium, type Browser, type Page } from 'playwright-core';
import type { SoftphoneView } from '../../../bridge/src/protocol/messages';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import type { BarWindow } from './barWindow';
import type { RtpCounters } from './sipFarEnd';
import { until } from './sipServices';

/** Chromium for the softphone tests: fake microphone, no permission prompt, audio may autoplay. */
export function launchSoftphoneChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
}

/** A page of either driver, Playwright's (Chromium) or Puppeteer's (Firefox): all these helpers ask of it. */
interface EvaluatingPage {
  evaluate<T>(fn: () => T): Promise<Awaited<T>>;
}

/** The softphone part of the state this page last rendered. */
export const softView = (page: EvaluatingPage) => page.evaluate(() => (window as unknown as BarWindow).bandeau!.state?.softphone ?? null);

export const pageIdOf = (page: EvaluatingPage) => page.evaluate(() => (window as unknown as BarWindow).bandeau!.link?.pageId ?? null);

/** RTP counters of this page's media for one call (null when it hosts none). */
export const agentStats = async (page: EvaluatingPage, callId?: string): Promise<RtpCounters | null> => {
  const all = await page.evaluate(() => (window as unknown as BarWindow).bandeau!.media?.stats() ?? Promise.resolve([]));
  return all.find((s) => !callId || s.callId === callId) ?? null;
};

/** Waits until the page shows a registered softphone. */
export async function waitRegistered(page: Page): Promise<void> {
  await page.waitForSelector('[data-bandeau-bar][data-bandeau-registration="registered"]', { timeout: 20_000 });
}

/** Waits until both counters of `read` have grown past their current value (audio flowing both ways). */
export async function rtpFlowing(read: () => Promise<RtpCounters | null>, what: string, timeoutMs = 20_000): Promise<RtpCounters> {
  const first = await until(read, (s) => s !== null, `${what}: a peer connection`, timeoutMs);
  return until(
    read,
    (s) => !!s && s.packetsReceived > first!.packetsReceived + 5 && s.packetsSent > first!.packetsSent + 5,
    `${what}: RTP received and sent`,
    timeoutMs,
  ) as Promise<RtpCounters>;
}

/** The one softphone call of the view, once `pred` holds for it. */
export async function softCall(page: EvaluatingPage, pred: (c: SoftphoneView['calls'][number]) => boolean, what: string, timeoutMs = 20_000) {
  const v = await until(() => softView(page), (s) => !!s && s.calls.length === 1 && pred(s.calls[0]!), what, timeoutMs);
  return v!.calls[0]!;
}
