<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * The catch-up's row of bandeau_analytics_state: how far it read the call log and the orders
 * (updated_at, then entity id, as keysets), and the reporting zone the aggregates were built in.
 */
class AnalyticsState
{
    public const KEY = 'catchup';

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * The state, or null before the first rebuild.
     *
     * @return array{call_updated_at: string|null, call_entity_id: int, order_updated_at: string|null,
     *     order_entity_id: int, timezone: string|null, rebuilt_at: string|null}|null
     */
    public function load(): ?array
    {
        $row = $this->resource->getConnection()->fetchRow(
            sprintf(
                'SELECT call_updated_at, call_entity_id, order_updated_at, order_entity_id, timezone, rebuilt_at'
                . ' FROM %s WHERE state_key = ?',
                $this->table()
            ),
            [self::KEY]
        );
        if (!$row) {
            return null;
        }
        $row['call_entity_id'] = (int)$row['call_entity_id'];
        $row['order_entity_id'] = (int)$row['order_entity_id'];
        return $row;
    }

    /**
     * Where the call log and the orders end now (read before a rebuild: what changes during it is caught up).
     *
     * @return array{calls: array{0: string|null, 1: int}, orders: array{0: string|null, 1: int}}
     */
    public function currentMarks(): array
    {
        $marks = [];
        foreach (['calls' => 'bandeau_call', 'orders' => 'sales_order'] as $key => $table) {
            $row = $this->resource->getConnection()->fetchRow(
                sprintf(
                    'SELECT updated_at, entity_id FROM %s ORDER BY updated_at DESC, entity_id DESC LIMIT 1',
                    $this->resource->getTableName($table)
                )
            );
            $marks[$key] = $row ? [(string)$row['updated_at'], (int)$row['entity_id']] : [null, 0];
        }
        return $marks;
    }

    /**
     * Records a full rebuild in $zone, caught up to $marks (from currentMarks()).
     *
     * @param string $zone
     * @param array{calls: array{0: string|null, 1: int}, orders: array{0: string|null, 1: int}} $marks
     */
    public function markRebuilt(string $zone, array $marks): void
    {
        $this->write([
            'call_updated_at' => $marks['calls'][0],
            'call_entity_id' => $marks['calls'][1],
            'order_updated_at' => $marks['orders'][0],
            'order_entity_id' => $marks['orders'][1],
            'timezone' => $zone,
            'rebuilt_at' => gmdate('Y-m-d H:i:s'),
        ]);
    }

    /**
     * Moves the call keyset.
     *
     * @param string $updatedAt
     * @param int $entityId
     */
    public function saveCalls(string $updatedAt, int $entityId): void
    {
        $this->write(['call_updated_at' => $updatedAt, 'call_entity_id' => $entityId]);
    }

    /**
     * Moves the order keyset.
     *
     * @param string $updatedAt
     * @param int $entityId
     */
    public function saveOrders(string $updatedAt, int $entityId): void
    {
        $this->write(['order_updated_at' => $updatedAt, 'order_entity_id' => $entityId]);
    }

    /**
     * @param array<string, mixed> $values
     */
    private function write(array $values): void
    {
        $columns = array_keys($values);
        $this->resource->getConnection()->query(
            sprintf(
                'INSERT INTO %s (state_key, %s) VALUES (?%s) ON DUPLICATE KEY UPDATE %s',
                $this->table(),
                implode(', ', $columns),
                str_repeat(', ?', count($columns)),
                implode(', ', array_map(static fn (string $c): string => $c . ' = VALUES(' . $c . ')', $columns))
            ),
            array_merge([self::KEY], array_values($values))
        );
    }

    /**
     * @return string
     */
    private function table(): string
    {
        return $this->resource->getTableName('bandeau_analytics_state');
    }
}
