/**
 * Issue 2 benchmark: 30 navigations through the demo pages in Chromium, once with the
 * SharedWorker session and once with the one-connection-per-page baseline (the page runs the
 * session itself), in the same run against the same bridge. Prints bridge connections made and
 * the time from page script start to live state shown (the first load warms the HTTP cache
 * and is counted in connections but not in times).
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/helpers/chromium';
import { metric, startDemo } from '../e2e/helpers/demoProcess';
import { summarize, table } from './stats';

const PAGES = ['/admin/dashboard/', '/admin/sales/order/view/order_id/1/', '/admin/customer/index/', '/admin/sales/order/', '/admin/customer/index/edit/id/2/'];
const NAVIGATIONS = 30;

async function liveTime(page: Page): Promise<number> {
  await page.waitForSelector('[data-bandeau-state="connected"]', { timeout: 20_000 });
  return page.evaluate(() => {
    const start = performance.getEntriesByName('bandeau:start')[0];
    const live = performance.getEntriesByName('bandeau:live')[0];
    if (!start || !live) throw new Error('marks missing');
    return live.startTime - start.startTime;
  });
}

export async function run(): Promise<void> {
  const demo = await startDemo();
  const browser = await launchChromium();
  try {
    const results: Array<{ path: string; connections: number; times: number[] }> = [];
    for (const [label, query] of [
      ['SharedWorker (one session)', ''],
      ['baseline: one connection per page', '?transport=in-page'],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const before = await metric(demo.bridgeUrl, 'bandeau_bridge_connections_total');
      // Warm-up load (HTTP cache, first worker start) so both paths measure steady navigation.
      await page.goto(`${demo.siteUrl}/admin/dashboard/${query}`);
      await liveTime(page);
      const times: number[] = [];
      for (let i = 0; i < NAVIGATIONS; i++) {
        await page.goto(demo.siteUrl + PAGES[i % PAGES.length] + query);
        times.push(await liveTime(page));
      }
      results.push({ path: label, connections: (await metric(demo.bridgeUrl, 'bandeau_bridge_connections_total')) - before, times });
      await context.close();
    }
    console.log(`\n# Session across ${NAVIGATIONS} navigations (Chromium ${browser.version()}, demo pages, same run)`);
    console.log(
      table(
        ['path', `bridge connections (${NAVIGATIONS + 1} loads)`, 'script start → live p50 (ms)', 'p95 (ms)', 'mean (ms)'],
        results.map((r) => {
          const s = summarize(r.times);
          return [r.path, String(r.connections), s.p50.toFixed(1), s.p95.toFixed(1), s.mean.toFixed(1)];
        }),
      ),
    );
    const [shared, base] = results.map((r) => summarize(r.times));
    console.log(`ratio (baseline / SharedWorker), time to live state p50: ${(base!.p50 / shared!.p50).toFixed(2)}×; connections: ${results[1]!.connections} vs ${results[0]!.connections}`);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
