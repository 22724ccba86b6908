/**
 * Issue 4 benchmark: ring-to-card latency. The AMI test peer writes a call's first event;
 * Chromium shows the caller's card in the phone bar. Measured over CALLS calls, beside a
 * bare socket.io round trip on the same machine, in the same run. Also prints the gzip size
 * of the page and worker bundles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { createLogger } from '../../bridge/src/logger';
import { runDemo } from '../../bridge/src/demo/runDemo';
import { launchChromium } from '../e2e/helpers/chromium';
import { summarize, table } from './stats';

const CALLS = 200;
const ROOT = path.resolve(__dirname, '../..');
const BUNDLES = path.join(ROOT, 'app/code/Bandeau/Cti/view/adminhtml/web/js');

async function socketIoRoundTrips(n: number): Promise<number[]> {
  const server = http.createServer();
  const io = new Server(server);
  io.on('connection', (s) => s.on('ping', (x: unknown, ack: (x: unknown) => void) => ack(x)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const client = ioClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise<void>((r) => client.once('connect', () => r()));
  const out: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t = process.hrtime.bigint();
    await new Promise((r) => client.emit('ping', i, r));
    if (i >= 20) out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  client.close();
  io.close();
  return out;
}

export async function run(): Promise<void> {
  const demo = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, tokenTtlS: 900, logger: createLogger('silent') });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.siteUrl}/admin/dashboard/`);
    await page.waitForSelector('[data-bandeau-state="connected"]');
    // Records, in wall-clock ms, when each call's card first appears in the bar.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (globalThis as unknown as { __cards: Record<string, number> }).__cards = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.bandeau-bar__call')) {
          const id = el.getAttribute('data-call-id');
          if (id && !(id in seen) && el.querySelector('.bandeau-bar__card')) seen[id] = performance.timeOrigin + performance.now();
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const latencies: number[] = [];
    const numbers = ['+33612345678', '+12122293326', '+4930901820', '+442079460018'];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.timeOrigin + performance.now();
      const id = demo.peer.ringInbound({ from: numbers[i % numbers.length] as string, toExtension: '7001' });
      await page.waitForFunction((cid) => cid in (globalThis as unknown as { __cards: Record<string, number> }).__cards, id, { polling: 'raf' });
      const shown = await page.evaluate((cid) => (globalThis as unknown as { __cards: Record<string, number> }).__cards[cid] as number, id);
      latencies.push(shown - t0);
      demo.peer.hangup(id);
      await page.waitForFunction((cid) => !document.querySelector(`[data-call-id="${cid}"].bandeau-bar__call`), id);
    }
    const rtt = await socketIoRoundTrips(CALLS);
    const r = summarize(latencies);
    const b = summarize(rtt);
    console.log(`\n# Ring-to-card latency over ${CALLS} calls (AMI event written by the test peer -> card rendered in Chromium; demo lookup in-process)`);
    console.log(
      table(
        ['measure', 'p50 (ms)', 'p95 (ms)', 'mean (ms)'],
        [
          ['ring-to-card', r.p50.toFixed(1), r.p95.toFixed(1), r.mean.toFixed(1)],
          ['bare socket.io round trip (Node client, loopback)', b.p50.toFixed(2), b.p95.toFixed(2), b.mean.toFixed(2)],
        ],
      ),
    );
    console.log(`ratio ring-to-card / bare round trip, p50: ${(r.p50 / b.p50).toFixed(1)}×`);
    const sizes = ['bandeau-page.js', 'bandeau-worker.js'].map((f) => {
      const buf = readFileSync(path.join(BUNDLES, f));
      return [f, (buf.length / 1024).toFixed(1), (gzipSync(buf, { level: 9 }).length / 1024).toFixed(1)];
    });
    console.log('\n# Bundle sizes (minified; gzip -9)');
    console.log(table(['bundle', 'min (kB)', 'gzip (kB)'], sizes));
    const pageGz = Number(sizes[0]![2]);
    console.log(`page bundle ${pageGz <= 30 ? 'within' : 'OVER'} the 30 kB gzip budget (sip.js and socket.io live in the worker)`);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
