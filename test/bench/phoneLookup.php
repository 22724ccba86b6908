<?php

/**
 * Caller lookup benchmark (issue 4): MariaDB holding 1,000,000 customers (+ one address each) and
 * 2,000,000 order addresses with messy phone formats; builds the E.164 index with the module's own
 * PhoneIndexer (the code behind `bin/magento bandeau:phone-index:rebuild`), then times lookups
 * through the module's screen-pop SQL (PhoneBarLookup / CustomerCardQuery) against the naive query
 * on the core tables (telephone LIKE '%…%' over customer_address_entity and sales_order_address).
 *
 *   bash test/services/mariadb.sh start && php test/bench/phoneLookup.php
 *
 * Env: BANDEAU_TEST_DSN (default the private test server), BENCH_CUSTOMERS (1000000),
 * BENCH_LOOKUPS (200 index lookups), BENCH_NAIVE_LOOKUPS (20 naive ones: each scans 3M rows).
 * Works in its own database <db>_bench, dropped at the end.
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Lookup\CustomerCardQuery;
use Bandeau\Cti\Model\Lookup\OrderStatusLabels;
use Bandeau\Cti\Model\Lookup\PhoneBarLookup;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\FixedMoneyFormatter;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Magento\Framework\App\ResourceConnection;
use Magento\Sales\Model\Order\Config as OrderConfig;

require dirname(__DIR__, 2) . '/vendor/autoload.php';
date_default_timezone_set('UTC');
ini_set('memory_limit', '512M');
require __DIR__ . '/benchDatabase.php';

$dsn = getenv('BANDEAU_TEST_DSN') ?: 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test';
$customers = (int)(getenv('BENCH_CUSTOMERS') ?: 1000000);
$orders = $customers;                 // two addresses per order: 2 x customers order addresses
$lookups = (int)(getenv('BENCH_LOOKUPS') ?: 200);
$naiveLookups = (int)(getenv('BENCH_NAIVE_LOOKUPS') ?: 20);

/**
 * SQL expression of a messy written number for sequence value `$n` (an alias), in the style of
 * the address country: national with spaces, dots or dashes, international with or without (0),
 * 00 prefix, brackets, extensions, labels.
 */
function messyPhone(string $n): string
{
    $nine = "LPAD(($n * 7919) % 1000000000, 9, '0')";
    $fr = "CONCAT('6', SUBSTRING($nine, 2, 8))";
    $us = "CONCAT('415', SUBSTRING($nine, 3, 7))";
    return "CASE $n % 10"
        . " WHEN 0 THEN CONCAT('0', SUBSTRING($fr,1,1), ' ', SUBSTRING($fr,2,2), ' ', SUBSTRING($fr,4,2), ' ',"
        . "   SUBSTRING($fr,6,2), ' ', SUBSTRING($fr,8,2))"
        . " WHEN 1 THEN CONCAT('0', SUBSTRING($fr,1,1), '.', SUBSTRING($fr,2,2), '.', SUBSTRING($fr,4,2), '.',"
        . "   SUBSTRING($fr,6,2), '.', SUBSTRING($fr,8,2))"
        . " WHEN 2 THEN CONCAT('+33 (0)', $fr)"
        . " WHEN 3 THEN CONCAT('0033 ', $fr)"
        . " WHEN 4 THEN CONCAT('0', $fr, ' poste ', $n % 100)"
        . " WHEN 5 THEN CONCAT('(', SUBSTRING($us,1,3), ') ', SUBSTRING($us,4,3), '-', SUBSTRING($us,7,4))"
        . " WHEN 6 THEN CONCAT(SUBSTRING($us,1,3), '.', SUBSTRING($us,4,3), '.', SUBSTRING($us,7,4), ' x', $n % 1000)"
        . " WHEN 7 THEN CONCAT('+1 ', SUBSTRING($us,1,3), '-', SUBSTRING($us,4,3), '-', SUBSTRING($us,7,4), ' ext. 12')"
        . " WHEN 8 THEN CONCAT('Tel: 0', $fr)"
        . " ELSE 'n/a' END";
}

function country(string $n): string
{
    // the FR-style numbers of rows 0-4 and 8 mostly in FR addresses; some addresses without country
    return "CASE WHEN $n % 10 IN (5, 6, 7) THEN 'US' WHEN $n % 37 = 0 THEN '' ELSE 'FR' END";
}

$started = microtime(true);
$db = benchScratchDatabase($dsn, '_bench');
$pdo = $db->getPdo();
$bench = (string)$db->fetchOne('SELECT DATABASE()');

foreach (SchemaFixture::statements() as $statement) {
    $pdo->exec($statement);
}
$pdo->exec('SET SESSION foreign_key_checks = 0, unique_checks = 0');

say(sprintf('Loading %s customers (+ addresses) and %s order addresses into `%s`…', number_format($customers), number_format(2 * $orders), $bench));
$t = microtime(true);
$chunk = 250000;
$pdo->exec("INSERT INTO customer_group (customer_group_id, customer_group_code) VALUES (1, 'General'), (2, 'Wholesale')");
$pdo->exec("INSERT INTO sales_order_status (status, label) VALUES ('processing', 'Processing'), ('complete', 'Complete'), ('canceled', 'Canceled')");
for ($from = 1; $from <= $customers; $from += $chunk) {
    $to = min($customers, $from + $chunk - 1);
    $pdo->beginTransaction();
    $pdo->exec(
        "INSERT INTO customer_entity (entity_id, email, group_id, firstname, lastname, updated_at)"
        . " SELECT seq, CONCAT('c', seq, '@example.com'), 1 + seq % 2, CONCAT('First', seq), CONCAT('Last', seq),"
        . " '2025-01-01 00:00:00' - INTERVAL (seq % 1000) HOUR FROM seq_{$from}_to_{$to}"
    );
    $pdo->exec(
        'INSERT INTO customer_address_entity (entity_id, parent_id, country_id, firstname, lastname, telephone)'
        . ' SELECT seq, seq, ' . country('seq') . ", 'F', 'L', " . messyPhone('seq') . " FROM seq_{$from}_to_{$to}"
    );
    $pdo->commit();
}
for ($from = 1; $from <= $orders; $from += $chunk) {
    $to = min($orders, $from + $chunk - 1);
    $pdo->beginTransaction();
    // one order in five is a guest's; the others belong to customer (seq * 13) % customers + 1
    $pdo->exec(
        'INSERT INTO sales_order (entity_id, increment_id, customer_id, state, status, grand_total, base_grand_total,'
        . ' order_currency_code, base_currency_code, created_at)'
        . " SELECT seq, LPAD(seq, 9, '0'), IF(seq % 5 = 0, NULL, (seq * 13) % $customers + 1),"
        . " IF(seq % 17 = 0, 'canceled', 'complete'), IF(seq % 17 = 0, 'canceled', 'complete'),"
        . " 10 + seq % 500, 10 + seq % 500, 'USD', 'USD', '2026-01-01 00:00:00' - INTERVAL (seq % 5000) HOUR"
        . " FROM seq_{$from}_to_{$to}"
    );
    // billing: the customer's own number style; shipping: another number
    $pdo->exec(
        'INSERT INTO sales_order_address (entity_id, parent_id, customer_id, address_type, country_id, firstname,'
        . ' lastname, telephone)'
        . " SELECT 2 * seq - 1, seq, NULL, 'billing', " . country('((seq * 13) % ' . $customers . ' + 1)')
        . ", 'F', 'L', " . messyPhone('((seq * 13) % ' . $customers . ' + 1)') . " FROM seq_{$from}_to_{$to}"
        . " UNION ALL SELECT 2 * seq, seq, NULL, 'shipping', " . country('(seq + 3)') . ", 'F', 'L', "
        . messyPhone('(seq + 3)') . " FROM seq_{$from}_to_{$to}"
    );
    $pdo->commit();
}
$pdo->exec('SET SESSION foreign_key_checks = 1, unique_checks = 1');
$loadSeconds = microtime(true) - $t;
$rows = [
    'customer_entity' => (int)$db->fetchOne('SELECT COUNT(*) FROM customer_entity'),
    'customer_address_entity' => (int)$db->fetchOne('SELECT COUNT(*) FROM customer_address_entity'),
    'sales_order_address' => (int)$db->fetchOne('SELECT COUNT(*) FROM sales_order_address'),
];
say(sprintf('  loaded in %.1f s', $loadSeconds));

$resource = new ResourceConnection($db);
$config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']);
$indexer = new PhoneIndexer($resource, new PhoneNormaliser(), $config);
say('Building the E.164 index with PhoneIndexer::reindexAll() (the CLI rebuild)…');
$t = microtime(true);
$read = 0;
$lastShown = 0;
$indexed = $indexer->reindexAll(static function (string $source, int $n) use (&$read, &$lastShown): void {
    $read += $n;
    if ($read - $lastShown >= 500000) {
        $lastShown = $read;
        say(sprintf('  %s addresses read (%s)', number_format($read), $source));
    }
});
$buildSeconds = microtime(true) - $t;
say(sprintf('  %s numbers indexed in %.1f s, peak memory %.0f MB', number_format($indexed), $buildSeconds, memory_get_peak_usage(true) / 1048576));

// Numbers to look up: written forms of customers that exist, spread over the table.
$samples = $db->fetchAll(
    'SELECT telephone, country_id FROM customer_address_entity WHERE entity_id % ? = 1 AND telephone <> ? LIMIT ' . $lookups,
    [max(1, intdiv($customers, $lookups * 2)), 'n/a']
);
$lookup = new PhoneBarLookup(
    new CustomerCardQuery($resource),
    new PhoneNormaliser(),
    $config,
    new FixedMoneyFormatter(),
    new FakeBackendUrl(),
    new OrderStatusLabels(new OrderConfig(['processing' => 'Processing', 'complete' => 'Complete', 'canceled' => 'Canceled']))
);
$indexTimes = [];
$found = 0;
foreach ($samples as $sample) {
    $t = microtime(true);
    $result = $lookup->lookup((string)$sample['telephone']);
    $indexTimes[] = (microtime(true) - $t) * 1000;
    $found += $result['customers'] === [] ? 0 : 1;
}

// The naive query a merchant would write on the core tables: a LIKE on the digits as written.
$naiveTimes = [];
$naiveFound = 0;
foreach (array_slice($samples, 0, $naiveLookups) as $sample) {
    $digits = (string)preg_replace('/\D/', '', (string)preg_replace('/\s*(?:poste|p\.?|x|ext\.?)\s*\d+\s*$/iu', '', (string)$sample['telephone']));
    $needle = '%' . substr($digits, -4) . '%';
    $t = microtime(true);
    $ids = $db->fetchCol(
        'SELECT parent_id FROM customer_address_entity WHERE telephone LIKE ?'
        . ' UNION SELECT o.customer_id FROM sales_order_address a INNER JOIN sales_order o ON o.entity_id = a.parent_id'
        . ' WHERE a.telephone LIKE ? AND o.customer_id IS NOT NULL LIMIT 20',
        [$needle, $needle]
    );
    $naiveTimes[] = (microtime(true) - $t) * 1000;
    $naiveFound += $ids === [] ? 0 : 1;
}

$p50i = percentile($indexTimes, 50);
$p95i = percentile($indexTimes, 95);
$p50n = percentile($naiveTimes, 50);
$p95n = percentile($naiveTimes, 95);
say('');
say('Caller lookup on MariaDB ' . $db->fetchOne('SELECT VERSION()'));
say(sprintf('| %-44s | %15s |', 'rows', ''));
foreach ($rows as $table => $count) {
    say(sprintf('| %-44s | %15s |', $table, number_format($count)));
}
say(sprintf('| %-44s | %15s |', 'bandeau_phone_index', number_format((int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'))));
say(sprintf('| %-44s | %13.1f s |', 'data load (INSERT ... SELECT from seq)', $loadSeconds));
say(sprintf('| %-44s | %13.1f s |', 'index build (PhoneIndexer::reindexAll)', $buildSeconds));
say(sprintf('| %-44s | %9.2f / %.2f ms |', "index lookup p50 / p95 (n=" . count($indexTimes) . ", full card)", $p50i, $p95i));
say(sprintf('| %-44s | %9.1f / %.1f ms |', "naive LIKE p50 / p95 (n=" . count($naiveTimes) . ')', $p50n, $p95n));
say(sprintf('| %-44s | %13.0f x |', 'ratio naive / index (p50)', $p50n / max($p50i, 0.001)));
say(sprintf('| %-44s | %13.0f x |', 'ratio naive / index (p95)', $p95n / max($p95i, 0.001)));
say(sprintf('(index lookups that found the customer: %d/%d; naive: %d/%d; total %.0f s)', $found, count($indexTimes), $naiveFound, count($naiveTimes), microtime(true) - $started));
if ($found < count($indexTimes) * 0.9) {
    fwrite(STDERR, "index lookups found too few customers: $found/" . count($indexTimes) . "\n");
    exit(1);
}
