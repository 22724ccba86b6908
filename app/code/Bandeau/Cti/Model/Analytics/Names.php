<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * Display names of the agents and campaigns the figures mention, one query each.
 */
class Names
{
    /**
     * @param ResourceConnection $resource
     * @param Figures $figures
     */
    public function __construct(private ResourceConnection $resource, private Figures $figures)
    {
    }

    /**
     * Admin users' names by id ("firstname lastname", else username); unknown ids are left out.
     *
     * @param int[] $ids
     * @return array<int, string>
     */
    public function agents(array $ids): array
    {
        $names = [];
        foreach ($this->fetch('admin_user', 'user_id', 'user_id, firstname, lastname, username', $ids) as $row) {
            $names[(int)$row['user_id']] = $this->figures->userName($row);
        }
        return $names;
    }

    /**
     * Campaign names by id; unknown ids are left out.
     *
     * @param int[] $ids
     * @return array<int, string>
     */
    public function campaigns(array $ids): array
    {
        $names = [];
        foreach ($this->fetch('bandeau_campaign', 'campaign_id', 'campaign_id, name', $ids) as $row) {
            $names[(int)$row['campaign_id']] = (string)$row['name'];
        }
        return $names;
    }

    /**
     * Rows of $table whose $key is one of $ids (> 0).
     *
     * @param string $table
     * @param string $key
     * @param string $columns
     * @param int[] $ids
     * @return array<int, array<string, mixed>>
     */
    private function fetch(string $table, string $key, string $columns, array $ids): array
    {
        $ids = array_filter(array_map('intval', $ids), static fn (int $id): bool => $id > 0);
        $ids = array_values(array_unique($ids));
        if ($ids === []) {
            return [];
        }
        $connection = $this->resource->getConnection();
        return $connection->fetchAll(sprintf(
            'SELECT %s FROM %s WHERE %s IN (%s)',
            $columns,
            $connection->quoteIdentifier($this->resource->getTableName($table)),
            $key,
            implode(',', $ids)
        ));
    }
}
