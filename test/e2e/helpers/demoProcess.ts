import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface DemoProcess {
  siteUrl: string;
  bridgeUrl: string;
  /** The bridge's admin listener: /healthz and /metrics are there, not on bridgeUrl. */
  adminUrl: string;
  /** The call routing (FastAGI) server, `agi://127.0.0.1:<port>/route` (a free port, never 4573). */
  routingUrl: string | null;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs `bandeau-bridge demo` as users do (built CLI), on free ports. */
export async function startDemo(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<DemoProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bridge/bin/bandeau-bridge.js'), 'demo', '--port', '0', '--bridge-port', '0', '--routing-port', '0', ...args], {
    env: { ...process.env, BANDEAU_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const urls = await new Promise<{ siteUrl: string; bridgeUrl: string; adminUrl: string; routingUrl: string | null }>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 15_000);
    const check = () => {
      const site = /Demo admin pages\s*:\s*(http:\/\/\S+?)\/?\s/.exec(out);
      const bridge = /Bridge\s*:\s*(http:\/\/\S+?)\/?\s/.exec(out);
      const admin = /Bridge admin\s*:\s*(http:\/\/\S+?)\/?\s/.exec(out);
      if (site && bridge && admin) {
        clearTimeout(t);
        adminUrls.set(bridge[1]!, admin[1]!);
        const routing = /Call routing\s*:\s*(agi:\/\/\S+)/.exec(out);
        resolve({ siteUrl: site[1]!, bridgeUrl: bridge[1]!, adminUrl: admin[1]!, routingUrl: routing ? routing[1]! : null });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
  });
  return {
    ...urls,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Bridge URL -> its admin listener's, so metric() takes the bridge's URL as before. */
const adminUrls = new Map<string, string>();

/** One metric of the demo bridge (read on its admin listener). */
export async function metric(bridgeUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${adminUrls.get(bridgeUrl) ?? bridgeUrl}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`metric ${name} not exposed`);
  return Number(m[1]);
}
