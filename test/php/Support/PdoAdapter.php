<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\DB\Adapter\AdapterInterface;

/**
 * The adapter methods the module uses, over PDO: the module's SQL runs unchanged on MariaDB.
 * insertOnDuplicate() builds the statement like Magento's Pdo\Mysql adapter does.
 */
class PdoAdapter implements AdapterInterface
{
    private int $transactionLevel = 0;

    public function __construct(private \PDO $pdo)
    {
        $this->pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        $this->pdo->setAttribute(\PDO::ATTR_DEFAULT_FETCH_MODE, \PDO::FETCH_ASSOC);
        $this->pdo->setAttribute(\PDO::ATTR_EMULATE_PREPARES, false);
        $this->pdo->setAttribute(\PDO::ATTR_STRINGIFY_FETCHES, true);
    }

    public static function fromUrl(string $url): self
    {
        $parts = parse_url($url);
        if (!is_array($parts) || ($parts['scheme'] ?? '') !== 'mysql' || empty($parts['host'])) {
            throw new \InvalidArgumentException('DSN must look like mysql://user:pass@host:port/db, got ' . $url);
        }
        $dsn = sprintf(
            'mysql:host=%s;port=%d;dbname=%s;charset=utf8mb4',
            $parts['host'],
            $parts['port'] ?? 3306,
            ltrim($parts['path'] ?? '', '/')
        );
        $pdo = new \PDO($dsn, urldecode($parts['user'] ?? ''), urldecode($parts['pass'] ?? ''), [
            \PDO::ATTR_TIMEOUT => 3,
        ]);
        $pdo->exec("SET time_zone = '+00:00'");
        return new self($pdo);
    }

    public function getPdo(): \PDO
    {
        return $this->pdo;
    }

    public function beginTransaction()
    {
        if ($this->transactionLevel === 0) {
            $this->pdo->beginTransaction();
        }
        $this->transactionLevel++;
        return $this;
    }

    public function commit()
    {
        if ($this->transactionLevel === 1) {
            $this->pdo->commit();
        }
        $this->transactionLevel = max(0, $this->transactionLevel - 1);
        return $this;
    }

    public function rollBack()
    {
        if ($this->transactionLevel === 1) {
            $this->pdo->rollBack();
        }
        $this->transactionLevel = max(0, $this->transactionLevel - 1);
        return $this;
    }

    public function query($sql, $bind = [])
    {
        $statement = $this->pdo->prepare((string)$sql);
        $statement->execute(self::bind($bind));
        return $statement;
    }

    public function fetchAll($sql, $bind = [], $fetchMode = null)
    {
        return $this->query($sql, $bind)->fetchAll($fetchMode ?? \PDO::FETCH_ASSOC);
    }

    public function fetchRow($sql, $bind = [], $fetchMode = null)
    {
        return $this->query($sql, $bind)->fetch($fetchMode ?? \PDO::FETCH_ASSOC);
    }

    public function fetchCol($sql, $bind = [])
    {
        return $this->query($sql, $bind)->fetchAll(\PDO::FETCH_COLUMN, 0);
    }

    public function fetchOne($sql, $bind = [])
    {
        return $this->query($sql, $bind)->fetchColumn(0);
    }

    public function insertOnDuplicate($table, array $data, array $fields = [])
    {
        $rows = isset($data[0]) && is_array($data[0]) ? $data : [$data];
        $columns = array_keys($rows[0]);
        $placeholders = '(' . implode(', ', array_fill(0, count($columns), '?')) . ')';
        $bind = [];
        foreach ($rows as $row) {
            foreach ($columns as $column) {
                $bind[] = $row[$column];
            }
        }
        $update = [];
        foreach ($fields ?: $columns as $key => $field) {
            $column = is_int($key) ? $field : $key;
            $update[] = sprintf('%1$s = VALUES(%1$s)', $this->quoteIdentifier($column));
        }
        $sql = sprintf(
            'INSERT INTO %s (%s) VALUES %s ON DUPLICATE KEY UPDATE %s',
            $this->quoteIdentifier($table),
            implode(', ', array_map([$this, 'quoteIdentifier'], $columns)),
            implode(', ', array_fill(0, count($rows), $placeholders)),
            implode(', ', $update)
        );
        return $this->query($sql, $bind)->rowCount();
    }

    public function lastInsertId($tableName = null, $primaryKey = null)
    {
        return $this->pdo->lastInsertId();
    }

    public function quoteIdentifier($ident, $auto = false)
    {
        return '`' . str_replace('`', '``', (string)$ident) . '`';
    }

    private static function bind($bind): array
    {
        if (!is_array($bind)) {
            return [$bind];
        }
        $out = [];
        foreach ($bind as $key => $value) {
            if (is_bool($value)) {
                $value = (int)$value;
            }
            $out[is_int($key) ? $key : ':' . ltrim($key, ':')] = $value;
        }
        return is_int(array_key_first($out) ?? 0) ? array_values($out) : $out;
    }
}
