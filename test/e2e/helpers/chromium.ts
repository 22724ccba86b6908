import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, with the flags this workplace needs (no background networking). */
export const CHROMIUM_PATH = process.env.BANDEAU_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
