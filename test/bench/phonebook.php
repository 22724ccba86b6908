<?php

/**
 * Phone book REST benchmark (issue 17): MariaDB holding 1,000,000 customers, four in five with
 * indexed numbers (one to three each, from customer, order and cart addresses); the bridge's full
 * pull of GET /V1/bandeau/phonebook page by page through the module's Phonebook service (one
 * keyset query per page: customer ids, names, groups and numbers) against, in the same run, the
 * bare indexed keyset query over the phone index alone (ids and numbers, no join, no PHP objects).
 * Prints per-page latency (p50, p95, p99, max), the whole pull's time and the ratio to the baseline.
 *
 *   bash test/services/mariadb.sh start && php test/bench/phonebook.php
 *
 * Env: BANDEAU_TEST_DSN (default the private test server), BENCH_CUSTOMERS (1000000),
 * BENCH_PAGE (1000, the bridge's page size). Works in its own database <db>_phonebook_bench,
 * dropped at the end.
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Bandeau\Cti\Model\DeskPhone\Phonebook;
use Bandeau\Cti\Model\DeskPhone\StaffDirectory;
use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Magento\Framework\App\ResourceConnection;

require dirname(__DIR__, 2) . '/vendor/autoload.php';
date_default_timezone_set('UTC');
ini_set('memory_limit', '512M');
require __DIR__ . '/benchDatabase.php';

$dsn = getenv('BANDEAU_TEST_DSN') ?: 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test';
$customers = (int)(getenv('BENCH_CUSTOMERS') ?: 1000000);
$pageSize = (int)(getenv('BENCH_PAGE') ?: 1000);

/** @param float[] $ms */
function summary(array $ms): string
{
    return sprintf(
        'p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms over %d pages, total %.2f s',
        percentile($ms, 50),
        percentile($ms, 95),
        percentile($ms, 99),
        max($ms),
        count($ms),
        array_sum($ms) / 1000
    );
}

$db = benchScratchDatabase($dsn, '_phonebook_bench');
$pdo = $db->getPdo();
$bench = (string)$db->fetchOne('SELECT DATABASE()');
foreach (SchemaFixture::statements() as $statement) {
    $pdo->exec($statement);
}
$pdo->exec('SET SESSION foreign_key_checks = 0, unique_checks = 0');

say(sprintf('Loading %s customers and their indexed numbers into `%s`…', number_format($customers), $bench));
$t = microtime(true);
$pdo->exec("INSERT INTO customer_group (customer_group_id, customer_group_code) VALUES (1, 'General'), (2, 'Wholesale'), (3, 'Retailer')");
$chunk = 250000;
for ($from = 1; $from <= $customers; $from += $chunk) {
    $to = min($customers, $from + $chunk - 1);
    $pdo->exec(
        "INSERT INTO customer_entity (entity_id, website_id, email, group_id, firstname, lastname)
         SELECT seq, 1, CONCAT('c', seq, '@example.com'), 1 + seq % 3,
                ELT(1 + seq % 6, 'Jeanne', 'Zhang', 'Mona', 'Élodie', 'محمد', 'Camille'),
                CONCAT(ELT(1 + seq % 5, 'Dupont', 'Wei', 'Haddad', 'Lefèvre', 'Martin'), ' ', seq)
         FROM seq_{$from}_to_{$to}"
    );
    // Four customers in five have numbers: their address's, and for some an order's and a cart's.
    $pdo->exec(
        "INSERT INTO bandeau_phone_index (phone_e164, source, source_id, customer_id)
         SELECT CONCAT('+336', LPAD(seq, 8, '0')), 'customer_address', seq, seq
         FROM seq_{$from}_to_{$to} WHERE seq % 5 <> 0"
    );
    $pdo->exec(
        "INSERT INTO bandeau_phone_index (phone_e164, source, source_id, customer_id)
         SELECT CONCAT('+331', LPAD(seq, 8, '0')), 'order_address', seq, seq
         FROM seq_{$from}_to_{$to} WHERE seq % 5 IN (1, 2)"
    );
    $pdo->exec(
        "INSERT INTO bandeau_phone_index (phone_e164, source, source_id, customer_id)
         SELECT CONCAT('+336', LPAD(seq, 8, '0')), 'quote_address', seq, seq
         FROM seq_{$from}_to_{$to} WHERE seq % 5 = 1"
    );
}
$pdo->exec("INSERT INTO admin_user (username, firstname, lastname, bandeau_extension) VALUES ('a', 'Camille', 'Martin', '7001')");
$pdo->query('ANALYZE TABLE customer_entity, bandeau_phone_index')->fetchAll();
$rows = (int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index');
$withNumbers = (int)$db->fetchOne('SELECT COUNT(DISTINCT customer_id) FROM bandeau_phone_index');
say(sprintf('  %s index rows, %s customers with numbers, loaded in %.1f s', number_format($rows), number_format($withNumbers), microtime(true) - $t));

$resource = new ResourceConnection($db);
$scopeConfig = Builders::scopeConfig([DeskPhoneConfig::XML_PATH_STAFF => 'Sales desk,201']);
$deskConfig = new DeskPhoneConfig($scopeConfig, Builders::configFrom($scopeConfig), Builders::bridgeUrl(), new StaffLines());
$phonebook = new Phonebook($resource, new StaffDirectory($resource, new AgentProfile(), $deskConfig));

/** The baseline: the bare keyset query over the index alone (its customer_id key), rows fetched. */
$bare = static function (int $afterId) use ($db, $pageSize): ?int {
    $ids = $db->fetchCol(
        'SELECT DISTINCT customer_id FROM bandeau_phone_index WHERE customer_id > ? ORDER BY customer_id LIMIT ' . $pageSize,
        [$afterId]
    );
    if ($ids === []) {
        return null;
    }
    $db->fetchAll(
        'SELECT customer_id, phone_e164 FROM bandeau_phone_index WHERE customer_id BETWEEN ? AND ?',
        [(int)$ids[0], (int)end($ids)]
    );
    return count($ids) < $pageSize ? null : (int)end($ids);
};

// Warm-up pass (both), then measured passes alternating so load spikes hit both alike.
$pull = static function (callable $page): array {
    $ms = [];
    $afterId = 0;
    $entries = 0;
    do {
        $t = hrtime(true);
        [$next, $count] = $page($afterId);
        $ms[] = (hrtime(true) - $t) / 1e6;
        $entries += $count;
        $afterId = $next;
    } while ($afterId !== null);
    return [$ms, $entries];
};
$module = static function (int $afterId) use ($phonebook, $pageSize): array {
    $page = $phonebook->getPage($afterId, $pageSize);
    return [$page->getNextAfterId(), count($page->getEntries())];
};
$baseline = static function (int $afterId) use ($bare, $pageSize): array {
    return [$bare($afterId), $pageSize];
};
say('Warm-up pull (module and baseline)…');
$pull($module);
$pull($baseline);
[$moduleMs, $entries] = $pull($module);
[$bareMs] = $pull($baseline);
if ($entries !== $withNumbers) {
    throw new \RuntimeException("the pull returned $entries entries, expected $withNumbers");
}
say(sprintf('GET /V1/bandeau/phonebook, %s per page, through Phonebook::getPage (whole book: %s entries):', number_format($pageSize), number_format($entries)));
say('  module:   ' . summary($moduleMs));
say('  baseline: ' . summary($bareMs) . ' (bare keyset query on the index, no join, no objects)');
say(sprintf(
    '  ratio module/baseline: p50 %.2f, p99 %.2f, total %.2f',
    percentile($moduleMs, 50) / max(0.001, percentile($bareMs, 50)),
    percentile($moduleMs, 99) / max(0.001, percentile($bareMs, 99)),
    array_sum($moduleMs) / max(0.001, array_sum($bareMs))
));
$plan = $db->fetchAll(
    'EXPLAIN SELECT DISTINCT customer_id FROM bandeau_phone_index WHERE customer_id > 500000 ORDER BY customer_id LIMIT ' . $pageSize
);
say('  page ids plan: ' . implode('; ', array_map(
    static fn (array $r): string => sprintf('%s key=%s rows=%s %s', $r['type'], $r['key'], $r['rows'], $r['Extra']),
    $plan
)));
