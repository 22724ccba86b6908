<?php

/**
 * The test MariaDB (test/services/mariadb.sh) as the PHP benchmarks reach it: root on the unix
 * socket, UTC session, optionally inside the benchmark's own database.
 */

declare(strict_types=1);

use Bandeau\Cti\Test\Support\PdoAdapter;

function benchConnection(string $database, bool $useDatabase): PdoAdapter
{
    $socket = getenv('BANDEAU_MARIADB_SOCKET') ?: dirname(__DIR__, 2) . '/test/.artifacts/mariadb/mariadbd.sock';
    $pdo = new PDO('mysql:unix_socket=' . $socket . ';charset=utf8mb4', 'root', '', [PDO::ATTR_TIMEOUT => 5]);
    $pdo->exec("SET time_zone = '+00:00'");
    if ($useDatabase) {
        $pdo->exec('USE ' . $database);
    }
    return new PdoAdapter($pdo);
}

/** A line of the benchmark's report. */
function say(string $line): void
{
    fwrite(STDOUT, $line . "\n");
}

/**
 * The p-th percentile (nearest rank) of the values.
 *
 * @param float[] $values
 */
function percentile(array $values, float $p): float
{
    sort($values);
    $index = (int)ceil($p / 100 * count($values)) - 1;
    return $values[max(0, min(count($values) - 1, $index))];
}

/**
 * A fresh database `<dsn's database><suffix>` on the server of the DSN (the test server's user),
 * made the connection's current one, dropped when the script ends.
 */
function benchScratchDatabase(string $dsn, string $suffix): PdoAdapter
{
    $db = PdoAdapter::fromUrl($dsn);
    $pdo = $db->getPdo();
    $name = substr((string)$db->fetchOne('SELECT DATABASE()') . $suffix, 0, 64);
    $pdo->exec("DROP DATABASE IF EXISTS `$name`");
    $pdo->exec("CREATE DATABASE `$name` CHARACTER SET utf8mb4");
    $pdo->exec("USE `$name`");
    register_shutdown_function(static function () use ($pdo, $name): void {
        try {
            $pdo->exec("DROP DATABASE IF EXISTS `$name`");
        } catch (\Throwable $e) {
            fwrite(STDERR, "could not drop $name: {$e->getMessage()}\n");
        }
    });
    return $db;
}
