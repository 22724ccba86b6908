/**
 * Caller lookup on MariaDB (issue 4): 1,000,000 customers and 2,000,000 order addresses, the
 * module's E.164 index against the naive LIKE on the core tables. The work is done by
 * test/bench/phoneLookup.php (the module's own PHP indexer and lookup SQL); this wrapper starts
 * the private MariaDB of test/services/mariadb.sh and runs it, its figures on stdout.
 */
import * as path from 'node:path';
import { exec } from './exec';

export async function run(): Promise<void> {
  await exec('bash', [path.join('test', 'services', 'mariadb.sh'), 'start'], 'starting MariaDB (test/services/mariadb.sh start)');
  await exec('php', [path.join('test', 'bench', 'phoneLookup.php')], 'phone lookup benchmark (php test/bench/phoneLookup.php)');
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
