<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Test\Support\PdoAdapter;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Magento\Framework\App\ResourceConnection;
use PHPUnit\Framework\TestCase;

/**
 * Base of the SQL tests: a fresh schema from test/php/fixtures/schema.sql in the database named by
 * BANDEAU_TEST_DSN (default: the private server of test/services/mariadb.sh). Unreachable database:
 * the test fails when CI=true, and is skipped with a message otherwise.
 */
abstract class SqlTestCase extends TestCase
{
    public const DEFAULT_DSN = 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test';

    protected PdoAdapter $db;
    protected ResourceConnection $resource;

    private static ?PdoAdapter $shared = null;
    private static ?string $unreachable = null;

    protected function setUp(): void
    {
        $this->db = self::connect();
        foreach (SchemaFixture::statements() as $statement) {
            $this->db->getPdo()->exec($statement);
        }
        $this->resource = new ResourceConnection($this->db);
    }

    private static function connect(): PdoAdapter
    {
        if (self::$shared !== null) {
            return self::$shared;
        }
        $dsn = getenv('BANDEAU_TEST_DSN') ?: self::DEFAULT_DSN;
        if (self::$unreachable === null) {
            try {
                if (!extension_loaded('pdo_mysql')) {
                    throw new \RuntimeException('the pdo_mysql extension is not loaded (apt-get install php8.2-mysql)');
                }
                self::$shared = PdoAdapter::fromUrl($dsn);
                self::usePrivateDatabase(self::$shared);
                return self::$shared;
            } catch (\Throwable $e) {
                self::$unreachable = $e->getMessage();
            }
        }
        $message = 'MariaDB is unreachable at ' . preg_replace('#//[^@]*@#', '//***@', $dsn) . ' ('
            . self::$unreachable . '). Start it with `bash test/services/mariadb.sh start` or set BANDEAU_TEST_DSN.';
        if (getenv('CI') === 'true') {
            self::fail($message);
        }
        self::markTestSkipped($message);
    }

    /**
     * Concurrent test runs must not share tables: work in a database of this process's own
     * (<db>_p<pid>, dropped at exit) when the user may create it; otherwise serialise the runs
     * with a named lock held for the life of the connection.
     */
    private static function usePrivateDatabase(PdoAdapter $db): void
    {
        $base = (string)$db->fetchOne('SELECT DATABASE()');
        $private = substr($base . '_p' . getmypid(), 0, 64);
        $pdo = $db->getPdo();
        try {
            $pdo->exec(sprintf('CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4', $private));
            $pdo->exec(sprintf('USE `%s`', $private));
            register_shutdown_function(static function () use ($pdo, $private): void {
                try {
                    $pdo->exec(sprintf('DROP DATABASE IF EXISTS `%s`', $private));
                } catch (\Throwable $e) {
                    // left for the next run of the same pid; harmless
                }
            });
        } catch (\PDOException $e) {
            if ((int)$db->fetchOne('SELECT GET_LOCK(?, 300)', ['bandeau_php_sql_tests']) !== 1) {
                throw new \RuntimeException('another test run holds the database for more than 300 s');
            }
        }
    }

    /**
     * @return int the new id
     */
    protected function insert(string $table, array $row): int
    {
        $columns = array_keys($row);
        $this->db->query(
            sprintf(
                'INSERT INTO `%s` (%s) VALUES (%s)',
                $table,
                implode(', ', array_map(static fn ($c) => '`' . $c . '`', $columns)),
                implode(', ', array_fill(0, count($columns), '?'))
            ),
            array_values($row)
        );
        return (int)$this->db->lastInsertId();
    }

    protected function row(string $sql, array $bind = []): array|false
    {
        return $this->db->fetchRow($sql, $bind);
    }
}
