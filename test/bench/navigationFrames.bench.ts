/**
 * Issue 13 benchmark: what the phone bar shows, frame by frame, during 30 navigations in the
 * middle of a call, with the first-paint restore (frontend-ts/src/page/firstPaint.ts) and without
 * it (the baseline: today's behaviour before the restore, switched off in its tab with
 * sessionStorage 'bandeau:restore' = 'off'). Same demo, same Chromium, same call, navigations
 * alternating between the two tabs so both see the same machine load. Every painted frame is
 * sampled from the first one (test/e2e/helpers/frameSampler.ts).
 *
 * Prints: painted frames sampled, frames that showed anything but the live call (goal 0) and
 * what they showed instead, navigations with at least one such frame, and the time from
 * navigation start to the first painted frame showing the call.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/helpers/chromium';
import { startDemo } from '../e2e/helpers/demoProcess';
import { pbx } from '../e2e/helpers/demoPbx';
import { FRAME_SAMPLER, READ_FRAMES, shownFrames, showsCall, type PageFrames } from '../e2e/helpers/frameSampler';
import { summarize, table } from './stats';

const PAGES = ['/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/', '/admin/dashboard/'];
const NAVIGATIONS = 30;

interface Mode {
  label: string;
  context: BrowserContext;
  tab: Page;
  pages: PageFrames[];
}

async function openMode(context: BrowserContext, label: string, siteUrl: string, off: boolean): Promise<Mode> {
  await context.addInitScript(FRAME_SAMPLER);
  if (off) await context.addInitScript(() => sessionStorage.setItem('bandeau:restore', 'off'));
  const tab = await context.newPage();
  await tab.goto(`${siteUrl}/admin/dashboard/?as=1`);
  await tab.waitForSelector('[data-bandeau-state="connected"]', { timeout: 20_000 });
  return { label, context, tab, pages: [] };
}

function what(s: { shows: string; state: string | null; status: string; calls: string[] }): string {
  if (s.shows === 'none') return 'no bar';
  if (s.shows === 'no-host') return 'page not parsed to the bar yet';
  if (s.calls.length === 0) return `${s.shows} "${s.status}" without the call`;
  return `${s.shows} "${s.status}" with other calls`;
}

export async function run(): Promise<void> {
  const demo = await startDemo();
  const browser = await launchChromium();
  const phone = pbx(demo.siteUrl);
  let callId: string | null = null;
  try {
    const modes = [
      await openMode(await browser.newContext(), 'first-paint restore', demo.siteUrl, false),
      await openMode(await browser.newContext(), 'baseline: restore off', demo.siteUrl, true),
    ];
    callId = await phone.ring('+33612345678', '7001');
    await phone.answer(callId, '7001');
    const live = `.bandeau-bar__call[data-call-id="${callId}"][data-call-state="answered"]`;
    for (const m of modes) await m.tab.waitForSelector(live, { timeout: 20_000 });
    // Warm-up load in each tab (HTTP cache, first picture), not counted.
    for (const m of modes) {
      await m.tab.goto(demo.siteUrl + PAGES[PAGES.length - 1]);
      await m.tab.waitForSelector(`[data-bandeau-state="connected"] ${live}`, { timeout: 20_000 });
    }
    for (let i = 0; i < NAVIGATIONS; i++) {
      for (const m of modes) {
        await m.tab.goto(demo.siteUrl + PAGES[i % PAGES.length]);
        await m.tab.waitForSelector(`[data-bandeau-state="connected"] ${live}`, { timeout: 20_000 });
        await m.tab.waitForTimeout(100);
        m.pages.push((await m.tab.evaluate(READ_FRAMES)) as PageFrames);
      }
    }
    const rows: string[][] = [];
    const bad: number[] = [];
    for (const m of modes) {
      const frames = m.pages.flatMap((p) => shownFrames(p));
      const without = frames.filter((s) => !showsCall(s, callId!));
      const kinds = new Map<string, number>();
      for (const s of without) kinds.set(what(s), (kinds.get(what(s)) ?? 0) + 1);
      const pagesHit = m.pages.filter((p) => shownFrames(p).some((s) => !showsCall(s, callId!))).length;
      const firstCall = m.pages.map((p) => shownFrames(p).find((s) => showsCall(s, callId!))?.t ?? NaN).filter((t) => !Number.isNaN(t));
      const t = summarize(firstCall);
      bad.push(without.length);
      rows.push([
        m.label,
        String(frames.length),
        String(without.length),
        [...kinds].map(([k, n]) => `${n} ${k}`).join('; ') || '-',
        `${pagesHit}/${m.pages.length}`,
        t.p50.toFixed(0),
        t.p95.toFixed(0),
      ]);
    }
    console.log(`\n# Phone bar frames during ${NAVIGATIONS} navigations mid-call (Chromium ${browser.version()}, demo pages, same run, alternating tabs)`);
    console.log(table(['path', 'painted frames', 'frames without the live call (goal 0)', 'what they showed', 'navigations with such a frame', 'nav start → call shown p50 (ms)', 'p95 (ms)'], rows));
    console.log(`frames without the live call: ${bad[0]} with the restore vs ${bad[1]} in the baseline (same run)`);
  } finally {
    if (callId) await phone.hangup(callId).catch(() => undefined);
    await browser.close();
    await demo.stop();
  }
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
