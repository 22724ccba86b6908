import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

export const SIP_DOMAIN = 'bandeau.test';
export const SIP_PASSWORD = 'bandeau-test';

export interface Kamailio {
  wsUrl: string;
  /** Accepted REGISTERs (not un-REGISTERs) for `user`, counted from Kamailio's log. */
  registerCount(user: string): Promise<number>;
  /** Accepted un-REGISTERs (expires 0) for `user`. */
  unregisterCount(user: string): Promise<number>;
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a private Kamailio with test/services/kamailio.sh (installing it with apt-get when
 * missing) on the given ports, in its own folder so test files never share one.
 */
export async function startKamailio(name: string, wsPort: number, udpPort: number): Promise<Kamailio> {
  const dir = path.join(ROOT, 'test/.artifacts', `kamailio-${name}`);
  const env = {
    ...process.env,
    BANDEAU_KAMAILIO_DIR: dir,
    BANDEAU_KAMAILIO_WS_PORT: String(wsPort),
    BANDEAU_KAMAILIO_UDP_PORT: String(udpPort),
    BANDEAU_SIP_PASSWORD: SIP_PASSWORD,
  };
  const script = path.join(ROOT, 'test/services/kamailio.sh');
  await run('bash', [script, 'stop'], { env });
  await run('bash', [script, 'start'], { env, timeout: 300_000 });
  const log = () => readFile(path.join(dir, 'kamailio.log'), 'utf8');
  const registerLines = async (user: string) => (await log()).split('\n').filter((l) => l.includes(`BANDEAU-REGISTER aor=sip:${user}@`));
  const isUnregister = (line: string) => /expires=0\b/.test(line);
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    log,
    async registerCount(user) {
      return (await registerLines(user)).filter((l) => !isUnregister(l)).length;
    },
    async unregisterCount(user) {
      return (await registerLines(user)).filter(isUnregister).length;
    },
    async stop() {
      await run('bash', [script, 'stop'], { env });
    },
  };
}

/** Polls `fn` until `pred` holds (deterministic waits, no fixed sleeps). */
export async function until<T>(fn: () => Promise<T>, pred: (v: T) => boolean, what: string, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
