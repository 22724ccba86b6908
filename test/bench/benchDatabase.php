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
