import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkTarget, DEMO_TARGETS, hashInputs, readStamps, stampAfterBuild, writeStamp, type BuildTarget } from './buildStamp';

/**
 * `npm run demo` (run with tsx, before the bridge is built): builds only what changed since
 * the last demo build, so a second start is ready in seconds, then runs `bandeau-bridge demo`
 * with the same arguments. The demo's banner says how long the whole start took.
 */
const ROOT = path.resolve(__dirname, '../../..');

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Builds the stale targets; false when a build failed. */
export function buildWhatChanged(root: string, targets: BuildTarget[], say: (line: string) => void, run = runScript): boolean {
  const stamps = readStamps(root);
  for (const target of targets) {
    const t0 = Date.now();
    const state = checkTarget(root, target, stamps[target.name]);
    if (state.fresh) {
      say(`${target.name}: up to date (checked in ${seconds(Date.now() - t0)})`);
      continue;
    }
    say(`${target.name}: building, ${state.reason} (npm run ${target.script})…`);
    const before = hashInputs(root, target);
    if (!run(root, target.script, target.scriptArgs ?? [])) {
      say(`${target.name}: the build failed`);
      return false;
    }
    const stamp = stampAfterBuild(root, target, before);
    if (stamp) writeStamp(root, target.name, stamp);
    else say(`${target.name}: sources changed during the build; the next start builds again`);
    say(`${target.name}: built in ${seconds(Date.now() - t0)}`);
  }
  return true;
}

function runScript(root: string, script: string, args: string[]): boolean {
  const r = spawnSync('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

function main(): void {
  // From this process's start (node and tsx loading us included; npm's own second is not).
  const startedAt = Date.now() - Math.round(process.uptime() * 1000);
  if (!buildWhatChanged(ROOT, DEMO_TARGETS, (line) => console.log(`demo build: ${line}`))) {
    process.exitCode = 1;
    return;
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'bridge/bin/bandeau-bridge.js'), 'demo', ...process.argv.slice(2)], {
    cwd: process.cwd(),
    stdio: 'inherit',
    env: { ...process.env, BANDEAU_DEMO_STARTED_AT: String(startedAt) },
  });
  // Ctrl+C reaches both processes; a SIGTERM sent to this one only is passed on. Either way
  // this process waits for the demo to stop and exits as it did.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main();
