<?php

declare(strict_types=1);

namespace Magento\Framework\DB\Adapter;

/**
 * Stand-in: the few methods of Magento's DB adapter the module uses, with the real signatures.
 * test/php/Support/PdoAdapter implements them over PDO against MariaDB.
 */
interface AdapterInterface
{
    public function beginTransaction();

    public function commit();

    public function rollBack();

    public function query($sql, $bind = []);

    public function fetchAll($sql, $bind = [], $fetchMode = null);

    public function fetchRow($sql, $bind = [], $fetchMode = null);

    public function fetchCol($sql, $bind = []);

    public function fetchOne($sql, $bind = []);

    public function insertOnDuplicate($table, array $data, array $fields = []);

    public function lastInsertId($tableName = null, $primaryKey = null);

    public function quoteIdentifier($ident, $auto = false);
}
