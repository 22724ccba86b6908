/**
 * Phone book REST on MariaDB (issue 17): the bridge's full pull of GET /V1/bandeau/phonebook over
 * 1,000,000 customers through the module's Phonebook service against the bare keyset query. The
 * work is done by test/bench/phonebook.php; this wrapper starts the private MariaDB of
 * test/services/mariadb.sh and runs it, its figures on stdout.
 */
import * as path from 'node:path';
import { exec } from './exec';

export async function run(): Promise<void> {
  await exec('bash', [path.join('test', 'services', 'mariadb.sh'), 'start'], 'starting MariaDB (test/services/mariadb.sh start)');
  await exec('php', [path.join('test', 'bench', 'phonebook.php')], 'phone book REST benchmark (php test/bench/phonebook.php)');
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
