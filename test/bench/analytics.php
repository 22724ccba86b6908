<?php

/**
 * Issue 16 benchmark (run by analytics.bench.ts, or `php test/bench/analytics.php` with the private
 * MariaDB of test/services/mariadb.sh started).
 *
 * 1. Generates 10,000,000 calls and 2,000,000 orders over two years (plus customers, agents and
 *    campaigns) with set-based SQL (INSERT … SELECT from MariaDB's sequence engine, in chunks).
 * 2. Rebuilds the aggregates with the module's Rebuilder (what bin/magento bandeau:analytics:rebuild
 *    runs): time and calls per second.
 * 3. Dashboard load: figures() for a 30-day and a 365-day range, every filter empty and with an
 *    agent, from the aggregates (AggregateStats) against the same figures from the raw calls
 *    (RawStats) in the same run; the two must be equal.
 * 4. Maintenance cost per call record: Aggregator::refreshCalls() of one recorded call against a
 *    bare upsert of the same call row.
 *
 * Works in its own database (as root over the server's socket), dropped at the end unless
 * BANDEAU_ANALYTICS_BENCH_KEEP=1 (a kept database of the same size is reused by the next run: its
 * calls and orders kept, missing indexes added, the aggregate tables created again as declared).
 * BANDEAU_ANALYTICS_BENCH_GENERATE_ONLY=1 stops once the data is there (with KEEP, to generate early).
 * BANDEAU_ANALYTICS_BENCH_ONLY=maintenance (with KEEP, on a kept database rebuilt by an earlier run)
 * times only the maintenance per call record, on the aggregate tables as they are (about a minute).
 * Env: BANDEAU_ANALYTICS_BENCH_CALLS (10000000), BANDEAU_ANALYTICS_BENCH_ORDERS (calls / 5),
 * BANDEAU_ANALYTICS_BENCH_BUFFER_POOL (bytes of InnoDB buffer pool during the run, default 4 GiB; the
 * test server's 512 MiB is restored after), BANDEAU_MARIADB_SOCKET.
 */

declare(strict_types=1);

use Bandeau\Cti\Api\CallStatsInterface;
use Bandeau\Cti\Model\Analytics\AggregateStats;
use Bandeau\Cti\Model\Analytics\Aggregator;
use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Analytics\RawStats;
use Bandeau\Cti\Model\Analytics\Rebuilder;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Model\Analytics\SaleAttribution;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Model\Analytics\ZoneOffsets;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\PdoAdapter;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Magento\Framework\App\ResourceConnection;

$root = dirname(__DIR__, 2);
define('BENCH_CALLS', (int)(getenv('BANDEAU_ANALYTICS_BENCH_CALLS') ?: 10000000));
require $root . '/vendor/autoload.php';
require __DIR__ . '/benchDatabase.php';

/** One database per size, so a quick run never drops a kept full-size one. */
define('DATABASE', 'bandeau_bench_analytics' . (BENCH_CALLS === 10000000 ? '' : '_' . BENCH_CALLS));
/** The generated log ends here (UTC) and spans DAYS days before. */
const END = 1795996800; // 2026-11-30 00:00:00 UTC
const DAYS = 730;
const AGENTS = 40;
const CAMPAIGNS = 24;
const ZONE = 'Europe/Paris';
const CHUNK = 500000;

function connect(bool $useDatabase): PdoAdapter
{
    return benchConnection(DATABASE, $useDatabase);
}

function timed(callable $work): array
{
    $start = hrtime(true);
    $result = $work();
    return [$result, (hrtime(true) - $start) / 1e9];
}

function progress(string $what, int $done, int $total, float $startedAt): void
{
    $elapsed = microtime(true) - $startedAt;
    $eta = $done > 0 ? $elapsed * ($total - $done) / $done : 0;
    fprintf(STDOUT, "\r  %s %s / %s (%.0f %%) %.0f s, about %.0f s left   ", $what, number_format($done), number_format($total), 100 * $done / max($total, 1), $elapsed, $eta);
    if ($done >= $total) {
        fwrite(STDOUT, "\n");
    }
}

/** A pseudo-random unsigned 32-bit number per row and purpose (deterministic). */
function r(string $purpose, string $column = 's'): string
{
    return "CRC32(CONCAT($column, '$purpose'))";
}

function generate(PdoAdapter $db, int $calls, int $orders): void
{
    $pdo = $db->getPdo();
    $customers = max(1000, intdiv($calls, 20));
    $start = END - DAYS * 86400;
    // derived_merge off: each level of the calls' SELECT is computed once, not re-expanded.
    $pdo->exec('SET SESSION foreign_key_checks = 0, unique_checks = 0, optimizer_switch = \'derived_merge=off\','
        . ' tmp_table_size = 268435456, max_heap_table_size = 268435456');
    $pdo->exec("INSERT INTO store (store_id, code, website_id, name, is_active) VALUES (1, 'default', 1, 'Default', 1), (2, 'fr', 1, 'French', 1)");
    $pdo->exec("INSERT INTO customer_group (customer_group_id, customer_group_code) VALUES (1, 'General')");
    $pdo->exec(sprintf(
        'INSERT INTO admin_user (user_id, username, firstname, lastname, is_active, bandeau_extension)'
        . " SELECT seq, CONCAT('agent', seq), 'Agent', CONCAT('No', seq), 1, CONCAT('1', LPAD(seq, 3, '0')) FROM seq_1_to_%d",
        AGENTS
    ));
    $t = microtime(true);
    for ($from = 1; $from <= $customers; $from += CHUNK) {
        $to = min($customers, $from + CHUNK - 1);
        $pdo->exec(sprintf(
            "INSERT INTO customer_entity (entity_id, website_id, email, firstname, lastname, group_id, store_id)"
            . " SELECT seq, 1, CONCAT('c', seq, '@example.com'), CONCAT('First', seq), CONCAT('Last', seq), 1, 1 + seq %% 2"
            . ' FROM seq_%d_to_%d',
            $from,
            $to
        ));
        progress('customers', $to, $customers, $t);
    }

    // Orders: monotonic in time like a real shop's, 8 % guests, 3 % canceled.
    $t = microtime(true);
    for ($from = 1; $from <= $orders; $from += CHUNK) {
        $to = min($orders, $from + CHUNK - 1);
        $pdo->exec(
            'INSERT INTO sales_order (entity_id, increment_id, customer_id, state, status, store_id, grand_total,'
            . ' base_grand_total, base_currency_code, order_currency_code, created_at)'
            . ' SELECT s, CONCAT(\'B\', s), cust, IF(' . r('c') . ' % 100 < 3, \'canceled\', \'complete\'),'
            . ' IF(' . r('c') . ' % 100 < 3, \'canceled\', \'complete\'), IF(cust IS NULL, 1 + ' . r('g') . ' % 2, 1 + cust % 2),'
            . ' amount, amount, \'EUR\', \'EUR\', at FROM ('
            . ' SELECT seq AS s,'
            . ' IF(' . r('u', 'seq') . ' % 100 < 92, 1 + ' . r('v', 'seq') . ' % ' . $customers . ', NULL) AS cust,'
            . ' 15 + (' . r('a', 'seq') . ' % 40000) / 100 AS amount,'
            . ' FROM_UNIXTIME(' . $start . ' + FLOOR((seq - 1) * ' . (DAYS * 86400) . ' / ' . $orders . ')'
            . ' + ' . r('t', 'seq') . ' % 3600) AS at'
            . ' FROM seq_' . $from . '_to_' . $to . ') x'
        );
        progress('orders', $to, $orders, $t);
    }

    // Calls: monotonic in time (entity ids follow the log), a day-time peak, a realistic mix.
    $t = microtime(true);
    for ($from = 1; $from <= $calls; $from += CHUNK) {
        $to = min($calls, $from + CHUNK - 1);
        $pdo->exec(callsInsert($from, $to, $calls, $customers, $orders, $start));
        progress('calls', $to, $calls, $t);
    }

    // Campaigns, one a month; contacts: 70 % called within 5 days of the build, the rest held out.
    $perCampaign = max(50, min(5000, intdiv($customers, 10)));
    $pdo->exec(sprintf(
        "INSERT INTO bandeau_campaign (campaign_id, name, status, audience_at, conversion_days, built_at, created_at)"
        . " SELECT seq, CONCAT('Campaign ', seq), 'done', FROM_UNIXTIME(%1\$d + seq * 30 * 86400),"
        . " 7, FROM_UNIXTIME(%1\$d + seq * 30 * 86400), FROM_UNIXTIME(%1\$d + seq * 30 * 86400 - 3600) FROM seq_1_to_%2\$d",
        $start,
        CAMPAIGNS
    ));
    $pdo->exec(
        'INSERT INTO bandeau_campaign_contact (campaign_id, quote_id, customer_id, phone_e164, cart_total,'
        . ' cart_updated_at, status, attempts, first_contacted_at, last_contacted_at)'
        . ' SELECT k.seq, n.seq, 1 + (k.seq * 7919 + n.seq * 13) % ' . $customers . ','
        . " CONCAT('+3362', LPAD(1 + (k.seq * 7919 + n.seq * 13) % " . $customers . ", 7, '0')), 50, b.built_at,"
        . " IF(CRC32(CONCAT(k.seq, '-', n.seq)) % 100 < 70, 'done', 'new'), IF(CRC32(CONCAT(k.seq, '-', n.seq)) % 100 < 70, 1, 0),"
        . ' IF(CRC32(CONCAT(k.seq, \'-\', n.seq)) % 100 < 70, b.built_at + INTERVAL CRC32(CONCAT(n.seq, \'f\')) % 432000 SECOND, NULL),'
        . ' IF(CRC32(CONCAT(k.seq, \'-\', n.seq)) % 100 < 70, b.built_at + INTERVAL CRC32(CONCAT(n.seq, \'f\')) % 432000 SECOND, NULL)'
        . ' FROM seq_1_to_' . CAMPAIGNS . ' k JOIN bandeau_campaign b ON b.campaign_id = k.seq'
        . ' JOIN seq_1_to_' . $perCampaign . ' n'
    );
    $pdo->exec('SET SESSION foreign_key_checks = 1, unique_checks = 1');
}

/**
 * A CREATE TABLE of one of $tables without its secondary keys and foreign keys, and those (to add
 * after the load); other statements unchanged.
 *
 * @return array{0: string, 1: array<string, string[]>}
 */
function withoutSecondaryKeys(string $statement, array $tables): array
{
    if (!preg_match('/^CREATE TABLE `(\w+)`/', $statement, $m) || !in_array($m[1], $tables, true)) {
        return [$statement, []];
    }
    $statement = preg_replace('/\s*\n\s*REFERENCES/', ' REFERENCES', $statement);
    $lines = explode("\n", $statement);
    $kept = [];
    $keys = [];
    foreach ($lines as $line) {
        if (preg_match('/^\s*((UNIQUE )?KEY|CONSTRAINT) /', $line)) {
            $keys[] = rtrim(trim($line), ',');
        } else {
            $kept[] = $line;
        }
    }
    $sql = implode("\n", $kept);
    $sql = preg_replace('/,(\s*\n\)[^)]*)$/', '$1', $sql);
    return [$sql, [$m[1] => $keys]];
}

/**
 * One chunk of calls. Mix: 68 % inbound (76 % answered, 12 % missed, 7 % abandoned, 5 % busy/
 * voicemail/failed) over 5 routes and their queues, 25 % outbound (62 % answered; a third of the
 * calls to customers for the campaign of the month), 7 % internal; 72 % with a customer, a few
 * dozen unknown numbers calling often; 1 answered inbound call in 40 transferred to a colleague;
 * 1 answered call in 100 talks half an hour or more (some span midnight). 85 % of the calls in
 * the day (a peak around 13:00 UTC), agents' load uneven.
 */
function callsInsert(int $from, int $to, int $calls, int $customers, int $orders, int $start): string
{
    $dayLength = DAYS * 86400;
    $agentExt = "CONCAT('1', LPAD(%s, 3, '0'))";
    $l1 = 'SELECT seq AS s,'
        . " FROM_UNIXTIME($start + FLOOR((seq - 1) * " . DAYS . " / $calls) * 86400"
        . ' + IF(' . r('h', 'seq') . ' % 100 < 85, 21600 + ' . r('p', 'seq') . ' % 23400 + ' . r('q', 'seq') . ' % 23400, ' . r('p', 'seq') . ' % 86400)) AS st,'
        . ' ELT(1 + (' . r('d', 'seq') . ' % 100 >= 68) + (' . r('d', 'seq') . ' % 100 >= 93), \'inbound\', \'outbound\', \'internal\') AS dir,'
        . ' ' . r('x', 'seq') . ' % 1000 AS rd, ' . r('y', 'seq') . ' AS ry, ' . r('z', 'seq') . ' AS rz, ' . r('w', 'seq') . ' AS rw'
        . " FROM seq_{$from}_to_{$to}";
    $l2 = 'SELECT s, st, dir, ry, rz, rw,'
        . ' CASE dir WHEN \'inbound\' THEN'
        . '  CASE WHEN rd < 760 THEN \'answered\' WHEN rd < 880 THEN \'missed\' WHEN rd < 950 THEN \'abandoned\''
        . '  WHEN rd < 970 THEN \'busy\' WHEN rd < 985 THEN \'voicemail\' ELSE \'failed\' END'
        . ' WHEN \'outbound\' THEN'
        . '  CASE WHEN rd < 620 THEN \'answered\' WHEN rd < 800 THEN \'missed\' WHEN rd < 900 THEN \'busy\''
        . '  WHEN rd < 960 THEN \'voicemail\' ELSE \'failed\' END'
        . ' ELSE IF(rd < 850, \'answered\', \'missed\') END AS disp,'
        . ' IF(ry % 100 < 72, 1 + rz % ' . $customers . ', NULL) AS cust,'
        . ' 1 + FLOOR(POW((rw % 1000) / 1000, 1.5) * ' . AGENTS . ') AS ag,'
        . ' 3 + ry % 35 AS ring'
        . " FROM ($l1) l1";
    $l3 = 'SELECT s, st, dir, disp, cust, ring, rz, rw,'
        . ' IF(disp = \'answered\' OR dir <> \'inbound\', ag, NULL) AS agent,'
        . ' IF(cust IS NULL, IF(ry % 100 < 78, CONCAT(\'+3361\', LPAD(rz % 60, 7, \'0\')),'
        . '  CONCAT(\'+3365\', LPAD(rz % 3000000, 7, \'0\'))), CONCAT(\'+3362\', LPAD(cust, 7, \'0\'))) AS party,'
        . ' IF(cust IS NULL AND ry % 100 >= 95, 1 + rz % ' . $orders . ', NULL) AS ord,'
        . ' IF(dir = \'outbound\' AND cust IS NOT NULL AND rw % 3 = 0, LEAST(' . CAMPAIGNS . ', GREATEST(1,'
        . ' FLOOR(TIMESTAMPDIFF(DAY, FROM_UNIXTIME(' . $start . '), st) / 30))), NULL) AS camp,'
        . ' IF(dir = \'inbound\', ELT(1 + rz % 6, \'sales\', \'support\', \'vip\', \'default\', \'sales\', \'\'), NULL) AS route,'
        . ' IF(disp = \'answered\', IF(rz % 100 = 0, 1800 + ry % 5400, 15 + ry % 900), 0) AS talk'
        . " FROM ($l2) l2";
    // The queue follows the route, as a dialplan sends it (route '' and default ring no queue).
    $l4 = 'SELECT *, CASE route WHEN \'sales\' THEN \'sales\' WHEN \'vip\' THEN \'sales\' WHEN \'support\' THEN \'support\''
        . ' ELSE NULL END AS queue, IF(disp = \'answered\', st + INTERVAL ring SECOND, NULL) AS ans,'
        . ' st + INTERVAL ring + talk SECOND AS en FROM (' . $l3 . ') l3';
    return 'INSERT INTO bandeau_call (entity_id, call_id, direction, from_number, to_number, agent_user_id, agent_extension,'
        . ' customer_id, order_id, campaign_id, started_at, answered_at, ended_at, duration_s, talk_s, disposition,'
        . ' transferred_to, queue_name, wait_s, party_key, route, created_at, updated_at)'
        . " SELECT s, CONCAT('bench-', s), dir, IF(dir = 'inbound', party, IF(agent IS NULL, NULL, " . sprintf($agentExt, 'agent') . ')),'
        . " IF(dir = 'inbound', '+33140000000', party), agent, IF(agent IS NULL, NULL, " . sprintf($agentExt, 'agent') . '),'
        . ' cust, ord, camp, st, ans, en, ring + talk, talk, disp,'
        . " IF(disp = 'answered' AND dir = 'inbound' AND rz % 40 = 7, " . sprintf($agentExt, '1 + agent % ' . AGENTS) . ', NULL),'
        . ' queue, IF(queue IS NULL, NULL, LEAST(ring, rw % 180)), party, route, en, en'
        . " FROM ($l4) l4";
}

function scopeConfig(): ArrayScopeConfig
{
    return new ArrayScopeConfig([
        ReportingZone::XML_PATH_TIMEZONE => ZONE,
        SaleAttribution::XML_PATH_WINDOW_DAYS => '7',
    ]);
}

function fmt(float $seconds): string
{
    return $seconds >= 1 ? sprintf('%.2f s', $seconds) : sprintf('%.1f ms', $seconds * 1000);
}

/** The dashboard's figures, with the time of the call (best of $runs; one run when it takes over 5 s). */
function measure(CallStatsInterface $stats, StatsFilter $filter, int $runs): array
{
    $best = INF;
    $figures = [];
    for ($i = 0; $i < $runs && ($i === 0 || $best < 5); $i++) {
        [$figures, $seconds] = timed(fn () => $stats->figures($filter));
        $best = min($best, $seconds);
    }
    return [$figures, $best];
}

$calls = BENCH_CALLS;
$orders = (int)(getenv('BANDEAU_ANALYTICS_BENCH_ORDERS') ?: max(1000, intdiv($calls, 5)));
$keep = getenv('BANDEAU_ANALYTICS_BENCH_KEEP') === '1';
$onlyMaintenance = getenv('BANDEAU_ANALYTICS_BENCH_ONLY') === 'maintenance';
if ($onlyMaintenance && !$keep) {
    fwrite(STDERR, "BANDEAU_ANALYTICS_BENCH_ONLY=maintenance needs BANDEAU_ANALYTICS_BENCH_KEEP=1 and a kept database\n");
    exit(2);
}
$bufferPool = (int)(getenv('BANDEAU_ANALYTICS_BENCH_BUFFER_POOL') ?: 4 * 1024 ** 3);

$admin = connect(false);
$previousPool = (int)$admin->fetchOne('SELECT @@innodb_buffer_pool_size');
if ($bufferPool > $previousPool) {
    $admin->getPdo()->exec('SET GLOBAL innodb_buffer_pool_size = ' . $bufferPool);
}
$exists = (int)$admin->fetchOne('SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [DATABASE]) > 0;
$reuse = false;
if ($exists && $keep) {
    $db = connect(true);
    $reuse = (int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call') === $calls
        && (int)$db->fetchOne('SELECT COUNT(*) FROM sales_order') === $orders;
}
try {
    printf(
        "MariaDB %s, InnoDB buffer pool %.1f GiB, reporting zone %s, 2 cores shared with other work\n",
        $admin->fetchOne('SELECT VERSION()'),
        (int)$admin->fetchOne('SELECT @@innodb_buffer_pool_size') / 1024 ** 3,
        ZONE
    );
    if ($onlyMaintenance && !$reuse) {
        throw new \RuntimeException('no kept database ' . DATABASE . ' of this size: run the whole benchmark with KEEP first');
    }
    if (!$reuse) {
        $admin->getPdo()->exec('DROP DATABASE IF EXISTS ' . DATABASE);
        $admin->getPdo()->exec('CREATE DATABASE ' . DATABASE . ' CHARACTER SET utf8mb4');
        $db = connect(true);
        // The big tables are loaded without their secondary keys, which are built afterwards (a sort
        // instead of millions of random index inserts): the usual bulk load.
        $deferred = [];
        foreach (SchemaFixture::statements() as $statement) {
            [$statement, $keys] = withoutSecondaryKeys($statement, ['bandeau_call', 'sales_order', 'customer_entity']);
            $db->getPdo()->exec($statement);
            $deferred += $keys;
        }
        printf("generating %s calls and %s orders over %d days (set-based SQL)\n", number_format($calls), number_format($orders), DAYS);
        [, $generated] = timed(function () use ($db, $calls, $orders, $deferred): void {
            generate($db, $calls, $orders);
            $db->getPdo()->exec('SET SESSION foreign_key_checks = 0');
            foreach ($deferred as $table => $keys) {
                $t = microtime(true);
                printf("  indexing %s (%d keys) ", $table, count($keys));
                $db->getPdo()->exec('ALTER TABLE `' . $table . '` ' . implode(', ', array_map(static fn (string $k): string => 'ADD ' . $k, $keys)));
                printf("%.0f s\n", microtime(true) - $t);
            }
            $db->getPdo()->exec('SET SESSION foreign_key_checks = 1');
            $db->getPdo()->exec('ANALYZE TABLE bandeau_call, sales_order, customer_entity, bandeau_campaign_contact');
        });
        printf("generated in %.1f s\n", $generated);
    } else {
        printf("reusing the kept database %s (%s calls, %s orders)\n", DATABASE, number_format($calls), number_format($orders));
        // The aggregate tables as the module declares them now (the kept data is calls and orders);
        // the maintenance alone works on those of the earlier run.
        $db->getPdo()->exec('SET SESSION foreign_key_checks = 0');
        foreach ($onlyMaintenance ? [] : SchemaFixture::statements() as $statement) {
            if (preg_match('/^CREATE TABLE `(bandeau_call_stat_\w+|bandeau_call_sale|bandeau_analytics_state)`/', $statement, $m)) {
                $db->getPdo()->exec('DROP TABLE IF EXISTS `' . $m[1] . '`');
                $db->getPdo()->exec($statement);
            }
        }
        // Indexes declared since the data was generated.
        foreach (SchemaFixture::statements() as $statement) {
            [, $keys] = withoutSecondaryKeys($statement, ['bandeau_call', 'sales_order', 'customer_entity']);
            foreach ($keys as $table => $lines) {
                $have = array_column($db->fetchAll('SHOW INDEX FROM `' . $table . '`'), 'Key_name');
                foreach ($lines as $line) {
                    if (preg_match('/^(?:UNIQUE )?KEY `(\w+)`/', $line, $k) && !in_array($k[1], $have, true)) {
                        printf("  adding index %s.%s\n", $table, $k[1]);
                        $db->getPdo()->exec('ALTER TABLE `' . $table . '` ADD ' . $line);
                    }
                }
            }
        }
        $db->getPdo()->exec('SET SESSION foreign_key_checks = 1');
    }
    if (getenv('BANDEAU_ANALYTICS_BENCH_GENERATE_ONLY') === '1') {
        return;
    }
    $db = connect(true);
    $objects = analyticsObjects($db, scopeConfig());
    if ($onlyMaintenance) {
        echo "\nmaintenance per call record:\n";
        maintenance($db, $objects, 300);
        return;
    }
    printf(
        "data: %s calls (%s ended), %s orders, %s customers, %d agents, %d campaigns; %s MiB of calls and indexes\n",
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call')),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call WHERE disposition IS NOT NULL')),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM sales_order')),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM customer_entity')),
        AGENTS,
        CAMPAIGNS,
        number_format((int)$db->fetchOne(
            "SELECT (DATA_LENGTH + INDEX_LENGTH) / 1048576 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'bandeau_call'",
            [DATABASE]
        ))
    );

    // 2. Rebuild.
    // BANDEAU_ANALYTICS_BENCH_REBUILD_MONTHS=13 rebuilds only the months the dashboard ranges read.
    $months = (int)(getenv('BANDEAU_ANALYTICS_BENCH_REBUILD_MONTHS') ?: 0);
    [$rebuildFrom, $rebuildTo] = $months > 0
        ? [gmdate('Y-m-01', strtotime(sprintf('-%d months', $months - 1), END - 86400)), gmdate('Y-m-t', END - 86400)]
        : [null, null];
    $rebuiltCalls = $rebuildFrom === null ? $calls : (int)$db->fetchOne(
        'SELECT COUNT(*) FROM bandeau_call WHERE started_at >= ? AND started_at < ? + INTERVAL 1 DAY',
        [$rebuildFrom, $rebuildTo]
    );
    printf(
        "\nrebuild (bin/magento bandeau:analytics:rebuild%s, Rebuilder per local month):\n",
        $rebuildFrom === null ? '' : " --from=$rebuildFrom --to=$rebuildTo"
    );
    [$rebuilt, $rebuildTime] = timed(fn () => rebuildAll($objects, $rebuildFrom, $rebuildTo));
    printf(
        "rebuild: %s calls in %.1f s = %s calls/s; aggregate rows: %s hourly, %s unknown callers, %s sales\n",
        number_format($rebuiltCalls),
        $rebuildTime,
        number_format($rebuiltCalls / max($rebuildTime, 1e-9)),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_hourly')),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_unknown')),
        number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_call_sale'))
    );
    printf("  rebuilder counts: %s\n", json_encode($rebuilt));
    printf("  rollups the dashboard reads: %s\n", implode(', ', array_map(
        static fn (string $table): string => $table . ' ' . number_format((int)$db->fetchOne('SELECT COUNT(*) FROM ' . $table)),
        array_merge(array_keys(Rollups::KEYS), [AggregateStats::UNKNOWN_TOTAL])
    )));

    // 3. Dashboard load: aggregates vs raw, same figures.
    echo "\ndashboard load, figures() (aggregates best of 3 runs, raw 1 run; same figures required):\n";
    $lastDay = gmdate('Y-m-d', END - 86400);
    $busiestAgent = (int)$db->fetchOne('SELECT agent_user_id FROM bandeau_call WHERE agent_user_id IS NOT NULL AND entity_id <= 100000 GROUP BY agent_user_id ORDER BY COUNT(*) DESC LIMIT 1');
    $cases = [
        ['30 days', new StatsFilter(gmdate('Y-m-d', END - 30 * 86400), $lastDay)],
        ['30 days, one agent', new StatsFilter(gmdate('Y-m-d', END - 30 * 86400), $lastDay, 0, '', $busiestAgent)],
        ['365 days', new StatsFilter(gmdate('Y-m-d', END - 365 * 86400), $lastDay)],
        ['365 days, one agent', new StatsFilter(gmdate('Y-m-d', END - 365 * 86400), $lastDay, 0, '', $busiestAgent)],
    ];
    $rows = [];
    $worstAggregate = 0.0;
    $worstRatio = INF;
    $mismatches = [];
    foreach ($cases as [$label, $filter]) {
        [$aggregateFigures, $aggregateTime] = measure($objects['aggregate'], $filter, 3);
        [$rawFigures, $rawTime] = measure($objects['raw'], $filter, 1);
        $same = $aggregateFigures === $rawFigures;
        if (!$same) {
            $mismatches[] = $label . ': ' . implode(', ', array_keys(array_filter(
                $rawFigures,
                static fn ($v, $k) => ($aggregateFigures[$k] ?? null) !== $v,
                ARRAY_FILTER_USE_BOTH
            )));
        }
        $ratio = $rawTime / max($aggregateTime, 1e-9);
        $worstAggregate = max($worstAggregate, $aggregateTime);
        $worstRatio = min($worstRatio, $ratio);
        $rows[] = [$label, number_format($rawFigures['totals']['calls']), fmt($aggregateTime), fmt($rawTime), sprintf('%.0fx', $ratio), $same ? 'yes' : 'NO'];
        printf("  %s: aggregates %s, raw %s\n", $label, fmt($aggregateTime), fmt($rawTime));
    }
    echo table(['range', 'calls in range', 'aggregates', 'raw calls', 'raw / aggregates', 'same figures'], $rows), "\n";
    printf(
        "dashboard: slowest aggregate load %s (goal < 1 s: %s); smallest speed-up %.0fx (goal >= 100x: %s)\n",
        fmt($worstAggregate),
        $worstAggregate < 1 ? 'met' : 'NOT met',
        $worstRatio,
        $worstRatio >= 100 ? 'met' : 'NOT met'
    );
    if ($mismatches !== []) {
        echo 'FIGURES DIFFER: ', implode('; ', $mismatches), "\n";
    }

    // 4. Maintenance cost per recorded call.
    echo "\nmaintenance per call record:\n";
    maintenance($db, $objects, 300);
    if ($mismatches !== []) {
        exit(1);
    }
} finally {
    if (!$keep) {
        $admin->getPdo()->exec('DROP DATABASE IF EXISTS ' . DATABASE);
    }
    if ($bufferPool > $previousPool) {
        $admin->getPdo()->exec('SET GLOBAL innodb_buffer_pool_size = ' . $previousPool);
    }
}

/**
 * Per recorded call: a bare upsert of the call row (what recording a call costs without analytics)
 * against Aggregator::refreshCalls() of that call, on $n calls of the last days.
 */
function maintenance(PdoAdapter $db, array $objects, int $n): void
{
    $ids = $db->fetchCol('SELECT call_id FROM bandeau_call ORDER BY entity_id DESC LIMIT ' . $n);
    // The record changes the call's queue wait by a second (flipped back on the next run), so that
    // its hourly row and the rollups really change, as when a call is first recorded or wrapped up.
    $upsert = 'INSERT INTO bandeau_call (call_id, direction, started_at, ended_at, disposition, talk_s, wait_s, note)'
        . ' SELECT call_id, direction, started_at, ended_at, disposition, talk_s, wait_s, note FROM bandeau_call WHERE call_id = ?'
        . ' ON DUPLICATE KEY UPDATE direction = VALUES(direction), started_at = VALUES(started_at), ended_at = VALUES(ended_at),'
        . ' disposition = VALUES(disposition), talk_s = VALUES(talk_s), wait_s = COALESCE(VALUES(wait_s), 0) ^ 1,'
        . ' note = CONCAT(COALESCE(VALUES(note), \'\'), \'\')';
    $bare = [];
    $refresh = [];
    foreach ($ids as $callId) {
        [, $bare[]] = timed(fn () => $db->query($upsert, [$callId]));
        [, $refresh[]] = timed(fn () => $objects['aggregator']->refreshCalls([$callId]));
    }
    sort($bare);
    sort($refresh);
    $median = static fn (array $v): float => $v[intdiv(count($v), 2)];
    $p95 = static fn (array $v): float => $v[(int)floor(count($v) * 0.95)];
    echo table(
        ['per call', 'median', 'p95', 'mean'],
        [
            ['bare upsert of the call row', fmt($median($bare)), fmt($p95($bare)), fmt(array_sum($bare) / count($bare))],
            ['Aggregator::refreshCalls([call])', fmt($median($refresh)), fmt($p95($refresh)), fmt(array_sum($refresh) / count($refresh))],
        ]
    ), "\n";
    printf(
        "aggregate maintenance: %.1fx a bare upsert of the call row (median, %d calls)\n",
        $median($refresh) / max($median($bare), 1e-9),
        count($ids)
    );
}

function table(array $head, array $rows): string
{
    $widths = array_map(
        static fn (int $i): int => max(strlen($head[$i]), 0, ...array_map(static fn (array $r): int => strlen((string)$r[$i]), $rows)),
        array_keys($head)
    );
    $line = static fn (array $cells): string => '| ' . implode(' | ', array_map(
        static fn ($c, int $i): string => str_pad((string)$c, $widths[$i]),
        $cells,
        array_keys($cells)
    )) . ' |';
    return implode("\n", array_merge(
        [$line($head), '|' . implode('|', array_map(static fn (int $w): string => str_repeat('-', $w + 2), $widths)) . '|'],
        array_map($line, $rows)
    ));
}

/**
 * The module's analytics objects on the bench database, wired as etc/di.xml wires them.
 *
 * @return array{raw: RawStats, aggregate: AggregateStats, aggregator: Aggregator, rebuilder: Rebuilder}
 */
function analyticsObjects(PdoAdapter $db, ArrayScopeConfig $config): array
{
    $resource = new ResourceConnection($db);
    $zone = new ReportingZone($config);
    $offsets = new ZoneOffsets();
    $sql = new CallBucketSql($resource);
    $sales = new SaleAttribution($resource, $sql, $offsets, $zone, $config);
    $figures = new Figures();
    $names = new Names($resource, $figures);
    return [
        'raw' => new RawStats($resource, $zone, $offsets, $figures, $names, $sales),
        'aggregate' => new AggregateStats($resource, $config, $zone, $figures, $names),
        'aggregator' => new Aggregator($resource, $sql, $offsets, $zone, $sales, new Rollups($resource)),
        'rebuilder' => new Rebuilder($resource, $sql, $offsets, $zone, $sales, new AnalyticsState($resource), new Rollups($resource)),
    ];
}

/**
 * Rebuilds every aggregate month by month (what bandeau:analytics:rebuild runs), a progress line
 * per month.
 *
 * @return array<string, int> the rebuilder's counts
 */
function rebuildAll(array $objects, ?string $from, ?string $to): array
{
    $startedAt = microtime(true);
    return $objects['rebuilder']->rebuild($from, $to, static function (int $done, int $total, string $month) use ($startedAt): void {
        progress('months (' . $month . ')', $done, $total, $startedAt);
    });
}
