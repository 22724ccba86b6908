/**
 * What every admin page loads of the phone bar (issue 13, point 8): the page bundle's eager
 * scripts with gzip -9 against the 30 kB budget, each lazy chunk beside it, and the head's
 * first-paint script apart. Built from the current sources (test/ts/helpers/pageBundle.ts);
 * test/ts/frontend/pageBundleSize.test.ts fails over the budget.
 */
import { buildPageBundle, kB, PAGE_BUDGET_GZIP_BYTES } from '../ts/helpers/pageBundle';
import { table } from './stats';

export async function run(): Promise<void> {
  const b = await buildPageBundle();
  const rows = [
    ...b.eager.map((f) => [f.file, 'every admin page', kB(f.bytes), kB(f.gzipBytes)]),
    ...b.lazy.map((f) => [f.file, 'lazy (when needed)', kB(f.bytes), kB(f.gzipBytes)]),
    [b.firstPaint.file, 'head, every admin page (apart)', kB(b.firstPaint.bytes), kB(b.firstPaint.gzipBytes)],
  ];
  console.log(table(['file', 'loaded', 'min (kB)', 'gzip -9 (kB)'], rows));
  const ratio = b.eagerGzipBytes / PAGE_BUDGET_GZIP_BYTES;
  console.log(`page bundle size: eager ${kB(b.eagerGzipBytes)} kB gzip vs the ${kB(PAGE_BUDGET_GZIP_BYTES)} kB budget (${(ratio * 100).toFixed(0)}%, ${ratio <= 1 ? 'within' : 'OVER'})`);
}

if (require.main === module) run().catch((e: unknown) => { console.error(e); process.exit(1); });
