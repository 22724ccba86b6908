/**
 * The page bundle as every admin page loads it, built from the current sources: webpack's own
 * config (the page-and-worker build) compiled into a temporary folder, so the figures are those of
 * the code as it is, not of a stale build. Used by test/ts/frontend/pageBundleSize.test.ts (the
 * 30 kB budget) and test/bench/pageBundleSize.bench.ts (the figures).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../../..');

/** What every admin page may load eagerly, gzip -9 (issue 13, point 8). */
export const PAGE_BUDGET_GZIP_BYTES = 30_000;

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  text: string;
}

export interface PageBundle {
  /** Scripts every admin page loads at the end of the body: the page entry's initial chunks. */
  eager: BundleFile[];
  /** The page bundle's lazy chunks (campaign panel, softphone, protocol schemas). */
  lazy: BundleFile[];
  /** The tiny script in the head (no defer), counted apart. */
  firstPaint: BundleFile;
  eagerGzipBytes: number;
}

function file(dir: string, name: string): BundleFile {
  const buf = readFileSync(path.join(dir, name));
  return { file: name, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length, text: buf.toString('utf8') };
}

/** Builds the page and worker bundles (production mode) and sorts the page's files into eager and lazy. */
export async function buildPageBundle(): Promise<PageBundle> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configs = (require(path.join(ROOT, 'webpack.config.js')) as (env: unknown, argv: { mode: string }) => webpack.Configuration[])({}, { mode: 'production' });
  const base = configs.find((c) => c.name === 'page-and-worker');
  if (!base) throw new Error('webpack.config.js has no page-and-worker build');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-page-bundle-'));
  try {
    // The worker bundle (sip.js, socket.io) is not loaded by the page: left out, the build is much faster.
    const entry = Object.fromEntries(Object.entries(base.entry as Record<string, string>).filter(([name]) => name !== 'bandeau-worker'));
    const config: webpack.Configuration = { ...base, entry, context: ROOT, devtool: false, output: { ...base.output, path: dir }, infrastructureLogging: { level: 'error' } };
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      webpack(config, (err, s) => (err || !s ? reject(err ?? new Error('webpack gave no stats')) : resolve(s)));
    });
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    const json = stats.toJson({ all: false, assets: true, entrypoints: true, chunks: true });
    const page = json.entrypoints?.['bandeau-page'];
    if (!page?.assets) throw new Error('no bandeau-page entry point');
    const eagerNames = page.assets.map((a) => a.name).filter((n) => n.endsWith('.js'));
    const lazyNames = (json.chunks ?? [])
      .filter((c) => !c.initial)
      .flatMap((c) => c.files ?? [])
      .filter((n) => n.endsWith('.js') && !eagerNames.includes(n))
      .sort();
    const eager = eagerNames.map((n) => file(dir, n));
    return {
      eager,
      lazy: lazyNames.map((n) => file(dir, n)),
      firstPaint: file(dir, 'bandeau-first-paint.js'),
      eagerGzipBytes: eager.reduce((sum, f) => sum + f.gzipBytes, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const kB = (bytes: number) => (bytes / 1000).toFixed(1);
