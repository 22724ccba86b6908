import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface BridgeProcessOptions {
  /** The JSON config file's content (written to a temp dir, passed with --config); the environment overrides it. */
  config?: Record<string, unknown>;
  /** BANDEAU_* variables on top of this process's environment (ports default to 0, log level to info). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the listeners (default 15 s). */
  startTimeoutMs?: number;
}

export interface BridgeProcess {
  /** The agents' front: http://127.0.0.1:<port>. */
  url: string;
  port: number;
  /** The admin listener's port (health, metrics, revocations), or null when it is off. */
  adminPort: number | null;
  adminUrl: string | null;
  /** The temp dir holding config.json; also a place for this instance's outbox file. */
  dir: string;
  child: ChildProcess;
  /** Everything the process printed (stdout and stderr, pino JSON lines). */
  logs(): string;
  /** Sends a signal (SIGKILL for a crash) and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (clean shutdown) unless it already exited; removes the temp dir. */
  stop(): Promise<void>;
}

/** A temp dir for one bridge's files (config, outbox), removed by stop(). */
export function bridgeDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bandeau-bridge-'));
}

/**
 * `bandeau-bridge start` as an operator runs it (the built CLI, a config file plus BANDEAU_*
 * environment), listening on free ports unless the config says otherwise. Resolves once the
 * agents' port (and the admin port, when enabled) are listening.
 */
export async function startBridgeProcess(options: BridgeProcessOptions = {}, dir: string = bridgeDir()): Promise<BridgeProcess> {
  const args = [path.join(ROOT, 'bridge/bin/bandeau-bridge.js'), 'start'];
  if (options.config) {
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(options.config, null, 2), { mode: 0o600 });
    args.push('--config', file);
  }
  const fromFile = (options.config ?? {}) as { listen?: { port?: number }; admin?: { enabled?: boolean; port?: number } };
  const env: NodeJS.ProcessEnv = { ...process.env, BANDEAU_LOG_LEVEL: 'info', ...options.env };
  if (fromFile.listen?.port === undefined && env.BANDEAU_LISTEN_PORT === undefined) env.BANDEAU_LISTEN_PORT = '0';
  if (fromFile.admin?.port === undefined && env.BANDEAU_ADMIN_PORT === undefined) env.BANDEAU_ADMIN_PORT = '0';
  const adminEnabled = fromFile.admin?.enabled !== false;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await new Promise<{ port: number; adminPort: number | null }>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`bridge did not start:\n${out}`)), options.startTimeoutMs ?? 15_000);
    const check = () => {
      const main = /"port":(\d+),"msg":"bridge listening"/.exec(out);
      const admin = /"port":(\d+),"token":(?:true|false),"msg":"admin listening"/.exec(out);
      if (main && (admin || !adminEnabled)) {
        clearTimeout(t);
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        resolve({ port: Number(main[1]), adminPort: admin ? Number(admin[1]) : null });
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then(() => {
      clearTimeout(t);
      reject(new Error(`bridge exited with ${child.exitCode ?? child.signalCode}:\n${out}`));
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running()) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${ports.port}`,
    port: ports.port,
    adminPort: ports.adminPort,
    adminUrl: ports.adminPort === null ? null : `http://127.0.0.1:${ports.adminPort}`,
    dir,
    child,
    logs: () => out,
    kill,
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
