<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Bandeau\Cti\Model\Call\CallMapper;
use Magento\Framework\App\ResourceConnection;

/**
 * The wrap-ups of calls as stored (customer Calls tab, order view, the bar's answer).
 */
class WrapUpReader
{
    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * The wrap-ups of these calls, by call id (calls without a row are left out).
     *
     * @param string[] $callIds
     * @return array<string, WrapUp>
     */
    public function forCallIds(array $callIds): array
    {
        $callIds = array_values(array_unique(array_map('strval', $callIds)));
        if ($callIds === []) {
            return [];
        }
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT call_id, note, outcome, tags, follow_up_at, customer_id FROM %s WHERE call_id IN (%s)',
                $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE)),
                implode(', ', array_fill(0, count($callIds), '?'))
            ),
            $callIds
        );
        $out = [];
        foreach ($rows as $row) {
            $out[(string)$row['call_id']] = $this->fromRow($row);
        }
        return $out;
    }

    /**
     * A wrap-up from the columns of a bandeau_call row.
     *
     * @param array $row
     * @return WrapUp
     */
    public function fromRow(array $row): WrapUp
    {
        return new WrapUp(
            (string)$row['call_id'],
            $row['note'] === null ? null : (string)$row['note'],
            $row['outcome'] === null ? null : (string)$row['outcome'],
            $this->splitTags($row['tags'] ?? null),
            $row['follow_up_at'] === null
                ? null
                : gmdate('Y-m-d\TH:i:s\Z', (int)strtotime($row['follow_up_at'] . ' UTC')),
            $row['customer_id'] === null ? null : (int)$row['customer_id']
        );
    }

    /**
     * "Delivery, Urgent" => ["Delivery", "Urgent"].
     *
     * @param string|null $tags
     * @return string[]
     */
    public function splitTags(?string $tags): array
    {
        if ($tags === null || trim($tags) === '') {
            return [];
        }
        return array_values(array_filter(array_map('trim', explode(',', $tags)), static fn ($t) => $t !== ''));
    }
}
