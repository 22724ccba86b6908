import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether `npm run demo` must build again: each build target's inputs (sources, configs, the
 * npm lock) are hashed by content and compared with what the last build recorded, and its
 * outputs must still be the files that build wrote (size and mtime: a build run by hand
 * from other sources replaces them). Content, not mtimes, for the inputs: a `git checkout`
 * touches files without changing them.
 */
export interface BuildTarget {
  name: string;
  /** The npm script that builds it, and arguments for its command. */
  script: string;
  scriptArgs?: string[];
  /** Files and folders (walked) whose content the build reads, relative to the root. */
  inputs: (root: string) => string[];
  /** Folder of the build's output files, relative to the root. */
  outputDir: string;
  /** Only these files of outputDir count (e.g. /\.js(\.map)?$/); default all. */
  outputFilter?: RegExp;
  /** Files that must exist for the build to count as done, relative to the root. */
  required: string[];
  /** Inputs the build itself rewrites (generated sources), relative to the root. */
  generated?: string[];
}

export interface Stamp {
  /** Input file (relative) => sha1 of its content. */
  inputs: Record<string, string>;
  /** Output file (relative) => "size:mtimeMs". */
  outputs: Record<string, string>;
}

export type Freshness = { fresh: true } | { fresh: false; reason: string };

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

function walk(root: string, rel: string, out: string[], filter?: RegExp): void {
  const abs = path.join(root, rel);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return;
  }
  if (st.isFile()) {
    if (!filter || filter.test(rel)) out.push(rel.split(path.sep).join('/'));
    return;
  }
  if (!st.isDirectory()) return;
  for (const name of readdirSync(abs).sort()) {
    if (SKIP_DIRS.has(name) && rel !== '') continue;
    walk(root, path.join(rel, name), out, filter);
  }
}

export function hashInputs(root: string, target: BuildTarget): Record<string, string> {
  const files: string[] = [];
  for (const p of target.inputs(root)) walk(root, p, files);
  const out: Record<string, string> = {};
  for (const f of [...new Set(files)].sort()) out[f] = createHash('sha1').update(readFileSync(path.join(root, f))).digest('hex');
  return out;
}

export function fingerprintOutputs(root: string, target: BuildTarget): Record<string, string> {
  const files: string[] = [];
  walk(root, target.outputDir, files, target.outputFilter);
  const out: Record<string, string> = {};
  for (const f of files) {
    const st = statSync(path.join(root, f));
    out[f] = `${st.size}:${st.mtimeMs}`;
  }
  return out;
}

/**
 * The stamp to record after a build, from the inputs hashed before and after it: none when a
 * source changed while it ran (the output may predate the change, so the next start builds).
 */
export function stampAfterBuild(root: string, target: BuildTarget, before: Record<string, string>): Stamp | null {
  const after = hashInputs(root, target);
  const generated = new Set(target.generated ?? []);
  const strip = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([f]) => !generated.has(f)));
  if (firstDifference(strip(before), strip(after)) !== null) return null;
  return { inputs: after, outputs: fingerprintOutputs(root, target) };
}

function firstDifference(was: Record<string, string>, now: Record<string, string>): string | null {
  for (const f of Object.keys(now)) {
    if (!(f in was)) return `${f} is new`;
    if (was[f] !== now[f]) return `${f} changed`;
  }
  for (const f of Object.keys(was)) if (!(f in now)) return `${f} is gone`;
  return null;
}

/** Fresh when the target's outputs exist, are the last build's, and its inputs did not change. */
export function checkTarget(root: string, target: BuildTarget, stamp: Stamp | undefined): Freshness {
  const missing = target.required.find((f) => !existsSync(path.join(root, f)));
  if (missing) return { fresh: false, reason: `${missing} is missing` };
  if (!stamp) return { fresh: false, reason: 'no record of a previous build' };
  const inputs = firstDifference(stamp.inputs, hashInputs(root, target));
  if (inputs) return { fresh: false, reason: inputs };
  const outputs = firstDifference(stamp.outputs, fingerprintOutputs(root, target));
  if (outputs) return { fresh: false, reason: `${outputs} since the last demo build` };
  return { fresh: true };
}

/**
 * Where the stamps live: a tool cache, never shipped and dropped with node_modules; one file
 * per checkout, as a node_modules may be shared by several (a symlink).
 */
export function stampFile(root: string): string {
  const id = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
  return path.join(root, `node_modules/.cache/bandeau-demo/build-stamps-${id}.json`);
}

export function readStamps(root: string): Record<string, Stamp> {
  try {
    const raw = JSON.parse(readFileSync(stampFile(root), 'utf8')) as unknown;
    return raw && typeof raw === 'object' ? (raw as Record<string, Stamp>) : {};
  } catch {
    return {};
  }
}

export function writeStamp(root: string, name: string, stamp: Stamp): void {
  const all = readStamps(root);
  all[name] = stamp;
  mkdirSync(path.dirname(stampFile(root)), { recursive: true });
  writeFileSync(stampFile(root), JSON.stringify(all));
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

/**
 * The TypeScript files a folder's code imports, following relative imports wherever they lead
 * (the browser bundle imports the bridge's wire protocol), so a change there rebuilds it.
 */
export function importClosure(root: string, startDir: string): string[] {
  const start: string[] = [];
  walk(root, startDir, start, /\.ts$/);
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const code = readFileSync(path.join(root, file), 'utf8');
    for (const m of code.matchAll(RELATIVE_IMPORT)) {
      const base = path.join(path.dirname(file), m[1] as string);
      const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => existsSync(path.join(root, c)) && statSync(path.join(root, c)).isFile());
      const rel = found?.split(path.sep).join('/');
      if (rel && !seen.has(rel)) {
        seen.add(rel);
        if (rel.endsWith('.ts')) queue.push(rel);
      }
    }
  }
  return [...seen].sort();
}

const SHARED_CONFIG = ['package-lock.json', 'tsconfig.json'];

/** The demo's two builds, as package.json's build:bridge and build:frontend scripts make them. */
export const DEMO_TARGETS: BuildTarget[] = [
  {
    name: 'bridge',
    script: 'build:bridge',
    inputs: () => ['bridge/src', 'bridge/tsconfig.json', ...SHARED_CONFIG],
    outputDir: 'bridge/dist',
    required: ['bridge/dist/cli.js'],
  },
  {
    name: 'browser bundle',
    script: 'build:frontend',
    // webpack's summary of every module is noise on a demo start; errors and warnings stay.
    scriptArgs: ['--stats=errors-warnings'],
    inputs: (root) => [
      ...importClosure(root, 'frontend-ts/src'),
      'frontend-ts/tsconfig.json',
      'frontend-ts/tools',
      'webpack.config.js',
      // build:frontend generates the bundle's string keys from it first.
      'app/code/Bandeau/Cti/etc/ui_strings.xml',
      ...SHARED_CONFIG,
    ],
    outputDir: 'app/code/Bandeau/Cti/view/adminhtml/web/js',
    outputFilter: /\.js(\.map)?$/,
    required: ['app/code/Bandeau/Cti/view/adminhtml/web/js/bandeau-page.js', 'app/code/Bandeau/Cti/view/adminhtml/web/js/bandeau-worker.js'],
    generated: ['frontend-ts/src/page/uiStrings.generated.ts'],
  },
];
