/**
 * Issue 8 benchmark: building a campaign from 500,000 carts (time, peak memory, vs a bare COUNT)
 * and claims per second with 50 concurrent agents (vs a bare single-row UPDATE loop), by
 * test/bench/campaign.php against the private MariaDB of test/services/mariadb.sh.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export async function run(): Promise<void> {
  const started = spawnSync('bash', [path.join(ROOT, 'test/services/mariadb.sh'), 'start'], { cwd: ROOT, stdio: 'inherit' });
  if (started.status !== 0) {
    throw new Error(`campaign bench: test/services/mariadb.sh start failed (exit ${String(started.status)})`);
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('php', [path.join(ROOT, 'test/bench/campaign.php')], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (e) => reject(new Error(`campaign bench: cannot run php: ${e.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`campaign bench: php test/bench/campaign.php failed (${signal ?? `exit ${String(code)}`})`));
    });
  });
}
