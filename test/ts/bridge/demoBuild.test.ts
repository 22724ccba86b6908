import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkTarget, DEMO_TARGETS, importClosure, readStamps, type BuildTarget } from '../../../bridge/src/demo/buildStamp';
import { buildWhatChanged } from '../../../bridge/src/demo/launch';

const ROOT = path.resolve(__dirname, '../../..');

/** Issue 13, point 10: `npm run demo` builds only what changed since its last build. */
describe('demo start: no rebuild when nothing changed', () => {
  let root: string;
  const target: BuildTarget = {
    name: 'app',
    script: 'build:app',
    inputs: () => ['src', 'config.json'],
    outputDir: 'out',
    outputFilter: /\.js$/,
    required: ['out/main.js'],
    generated: ['src/generated.ts'],
  };
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  let builds = 0;
  /** A build: reads the sources, writes the output, rewrites its generated source. */
  const fakeBuild = (r: string, script: string) => {
    expect(script).toBe('build:app');
    builds++;
    write('out/main.js', `// build ${builds}\n${readFileSync(path.join(r, 'src/a.ts'), 'utf8')}`);
    write('src/generated.ts', `export const N = ${builds};\n`);
    return true;
  };
  const start = () => {
    const lines: string[] = [];
    const ok = buildWhatChanged(root, [target], (l) => lines.push(l), fakeBuild);
    return { ok, lines };
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'bandeau-demo-build-'));
    builds = 0;
    write('src/a.ts', 'export const a = 1;\n');
    write('src/generated.ts', 'export const N = 0;\n');
    write('config.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds on the first start, then not again while nothing changed', () => {
    expect(checkTarget(root, target, undefined)).toEqual({ fresh: false, reason: 'out/main.js is missing' });
    const first = start();
    expect(first.ok).toBe(true);
    expect(builds).toBe(1);
    expect(first.lines[0]).toMatch(/^app: building, out\/main\.js is missing \(npm run build:app\)…$/);
    expect(first.lines[1]).toMatch(/^app: built in \d+\.\d s$/);
    const second = start();
    expect(builds).toBe(1);
    expect(second.lines).toEqual([expect.stringMatching(/^app: up to date \(checked in \d+\.\d s\)$/)]);
    expect(checkTarget(root, target, readStamps(root).app)).toEqual({ fresh: true });
  });

  it('goes by content: a touched but unchanged source does not rebuild, an edited one does and is named', () => {
    start();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/a.ts'), later, later);
    start();
    expect(builds).toBe(1);
    write('src/a.ts', 'export const a = 2;\n');
    expect(checkTarget(root, target, readStamps(root).app)).toEqual({ fresh: false, reason: 'src/a.ts changed' });
    write('src/b.ts', '');
    expect(checkTarget(root, target, readStamps(root).app)).toEqual({ fresh: false, reason: 'src/a.ts changed' });
    start();
    expect(builds).toBe(2);
    expect(readFileSync(path.join(root, 'out/main.js'), 'utf8')).toContain('a = 2');
    rmSync(path.join(root, 'src/b.ts'));
    expect(checkTarget(root, target, readStamps(root).app)).toEqual({ fresh: false, reason: 'src/b.ts is gone' });
  });

  it('rebuilds when the output is not the one its last build wrote (a build run by hand from other sources)', () => {
    start();
    write('out/main.js', '// someone else\'s build\n');
    expect(checkTarget(root, target, readStamps(root).app)).toEqual({ fresh: false, reason: 'out/main.js changed since the last demo build' });
    start();
    expect(builds).toBe(2);
  });

  it('records nothing when a source changed while the build ran, so the next start builds again', () => {
    const lines: string[] = [];
    buildWhatChanged(root, [target], (l) => lines.push(l), (r, s) => {
      fakeBuild(r, s);
      write('src/a.ts', 'export const a = 3;\n');
      return true;
    });
    expect(lines).toContain('app: sources changed during the build; the next start builds again');
    expect(readStamps(root).app).toBeUndefined();
    start();
    expect(builds).toBe(2);
  });

  it('stops at a failed build', () => {
    const lines: string[] = [];
    expect(buildWhatChanged(root, [target, { ...target, name: 'other' }], (l) => lines.push(l), () => false)).toBe(false);
    expect(lines[lines.length - 1]).toBe('app: the build failed');
    expect(readStamps(root).app).toBeUndefined();
  });

  it('the browser bundle follows its imports into the bridge (wire protocol) and its string list', () => {
    const closure = importClosure(ROOT, 'frontend-ts/src');
    expect(closure).toContain('frontend-ts/src/page/index.ts');
    expect(closure).toContain('bridge/src/protocol/messages.ts');
    expect(closure.some((f) => f.startsWith('bridge/src/calls/'))).toBe(false);
    const bundle = DEMO_TARGETS.find((t) => t.script === 'build:frontend')!;
    expect(bundle.inputs(ROOT)).toEqual(expect.arrayContaining(['app/code/Bandeau/Cti/etc/ui_strings.xml', 'webpack.config.js', 'package-lock.json']));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const t of DEMO_TARGETS) expect(pkg.scripts[t.script]).toBeDefined();
    expect(pkg.scripts.demo).toContain('bridge/src/demo/launch.ts');
  });
});
