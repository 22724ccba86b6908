/**
 * Issue 16 benchmark: call analytics on 10,000,000 calls and 2,000,000 orders (generated with
 * set-based SQL in the private MariaDB of test/services/mariadb.sh): the aggregates' rebuild time,
 * the dashboard's load time from the aggregates against the same figures computed from the raw
 * calls in the same run (30 and 365 days, with and without an agent filter), and the aggregate
 * maintenance cost per recorded call against a bare upsert of the call row. The work is done by
 * test/bench/analytics.php (the module's own Rebuilder, Aggregator, AggregateStats and RawStats).
 * BANDEAU_ANALYTICS_BENCH_CALLS=100000 for a quick run.
 */
import * as path from 'node:path';
import { exec } from './exec';

export async function run(): Promise<void> {
  await exec('bash', [path.join('test', 'services', 'mariadb.sh'), 'start'], 'starting MariaDB (test/services/mariadb.sh start)');
  await exec('php', [path.join('test', 'bench', 'analytics.php')], 'call analytics benchmark (php test/bench/analytics.php)');
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
