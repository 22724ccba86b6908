/**
 * The tests' Redis (test/services/redis.sh, shared by every run: each its own key prefix, so a
 * run drops its own keys and never flushes).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createClient } from 'redis';

const SCRIPT = path.resolve(__dirname, '../../services/redis.sh');

/** `redis.sh <cmd>` (start|stop|status|url), its output trimmed; `env` moves the server (BANDEAU_REDIS_PORT, BANDEAU_REDIS_DIR). */
export const redisSh = (cmd: string, env: Record<string, string> = {}): string =>
  execFileSync('bash', [SCRIPT, cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }).trim();

/** Deletes every key under `prefix` on the Redis at `url`. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  } finally {
    client.destroy();
  }
}
