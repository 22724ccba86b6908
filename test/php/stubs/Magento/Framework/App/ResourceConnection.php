<?php

declare(strict_types=1);

namespace Magento\Framework\App;

use Magento\Framework\DB\Adapter\AdapterInterface;

/**
 * Stand-in: hands out one connection and applies the table prefix.
 */
class ResourceConnection
{
    public const DEFAULT_CONNECTION = 'default';

    public function __construct(private AdapterInterface $connection, private string $tablePrefix = '')
    {
    }

    public function getConnection($resourceName = self::DEFAULT_CONNECTION)
    {
        return $this->connection;
    }

    public function getTableName($modelEntity, $connectionName = self::DEFAULT_CONNECTION)
    {
        return $this->tablePrefix . $modelEntity;
    }
}
