<?php

/**
 * The SQL baseline of the desk-phone directory benchmark (issue 17), run by
 * test/bench/phoneDirectory.bench.ts: the same 1,000,000 names in MariaDB, one table with an
 * index on the folded name, and the bare indexed prefix query a phone directory served from SQL
 * would run: `WHERE name_norm LIKE 'pre%' ORDER BY name_norm LIMIT 30`.
 *
 *   php test/bench/phoneDirectory.php NAMES.tsv QUERIES.txt
 *
 * NAMES.tsv: "name<TAB>folded name" per line; QUERIES.txt: one folded prefix per line. Progress
 * on stderr; the last stdout line is JSON: {"loadS", "n", "p50", "p99", "rowsMean"} (ms).
 * Works in its own database <db>_phonedir, dropped at the end.
 */

declare(strict_types=1);

require dirname(__DIR__, 2) . '/vendor/autoload.php';
require __DIR__ . '/benchDatabase.php';
ini_set('memory_limit', '1G');

[$script, $namesFile, $queriesFile] = $argv + [null, null, null];
if (!is_string($namesFile) || !is_string($queriesFile)) {
    fwrite(STDERR, "usage: php test/bench/phoneDirectory.php NAMES.tsv QUERIES.txt\n");
    exit(2);
}
$dsn = getenv('BANDEAU_TEST_DSN') ?: 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test';
$db = benchScratchDatabase($dsn, '_phonedir');
$pdo = $db->getPdo();
$pdo->exec('CREATE TABLE phone_directory (
    id INT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    name_norm VARCHAR(255) NOT NULL,
    KEY idx_name_norm (name_norm)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');

$t0 = microtime(true);
$in = fopen($namesFile, 'rb');
$batch = [];
$id = 0;
$flush = static function (array $rows) use ($pdo): void {
    if ($rows === []) {
        return;
    }
    $sql = 'INSERT INTO phone_directory (id, name, name_norm) VALUES ' . implode(',', array_fill(0, count($rows), '(?,?,?)'));
    $pdo->prepare($sql)->execute(array_merge(...$rows));
};
while (($line = fgets($in)) !== false) {
    [$name, $norm] = explode("\t", rtrim($line, "\n"));
    $batch[] = [++$id, $name, $norm];
    if (count($batch) === 5000) {
        $flush($batch);
        $batch = [];
        if ($id % 200000 === 0) {
            fwrite(STDERR, sprintf("  sql: %d rows loaded (%.0f s)\n", $id, microtime(true) - $t0));
        }
    }
}
$flush($batch);
fclose($in);
$pdo->query('ANALYZE TABLE phone_directory')->fetchAll();
$loadS = microtime(true) - $t0;

$queries = array_values(array_filter(array_map('trim', file($queriesFile)), static fn (string $q): bool => $q !== ''));
$stmt = $pdo->prepare('SELECT id, name FROM phone_directory WHERE name_norm LIKE ? ORDER BY name_norm LIMIT 30');
// Warm the buffer pool and the statement as the in-memory side is warm.
foreach (array_slice($queries, 0, 200) as $q) {
    $stmt->execute([addcslashes($q, '%_\\') . '%']);
    $stmt->fetchAll();
}
$times = [];
$rows = 0;
foreach ($queries as $q) {
    $start = hrtime(true);
    $stmt->execute([addcslashes($q, '%_\\') . '%']);
    $rows += count($stmt->fetchAll(PDO::FETCH_NUM));
    $times[] = (hrtime(true) - $start) / 1e6;
}
echo json_encode(['loadS' => round($loadS, 1), 'n' => count($times), 'p50' => percentile($times, 50), 'p99' => percentile($times, 99), 'rowsMean' => $rows / max(1, count($times))]), "\n";
