<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\App\ResourceConnection;

/**
 * The calls of one data subject, the same set for erasure (customer deleted) and for the access
 * export: the calls linked to the customer, and the calls linked to nobody whose outside number
 * (party_key) is one of the customer's numbers in the phone index (addresses, orders, carts,
 * customer form) or, once pseudonymised, the keyed hash of one. A call linked to another
 * customer stays that customer's, even from a shared number. Each part is one SQL statement on
 * an index, however many calls there are.
 */
class DataSubjectCalls
{
    /**
     * @param ResourceConnection $resource
     * @param CallMapper $mapper
     * @param Pseudonym $pseudonym
     */
    public function __construct(
        private ResourceConnection $resource,
        private CallMapper $mapper,
        private Pseudonym $pseudonym
    ) {
    }

    /**
     * The two parts of the set, each a FROM clause (bandeau_call aliased c) and a condition, each
     * with its binds.
     *
     * @param int $customerId
     * @return array<int, array{from: string, fromBind: array<int, int|string>, where: string, whereBind: int[]}>
     */
    public function parts(int $customerId): array
    {
        $connection = $this->resource->getConnection();
        $calls = $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));
        $index = $connection->quoteIdentifier($this->resource->getTableName(PhoneIndexer::TABLE));
        $keys = sprintf('SELECT phone_e164 AS k FROM %s WHERE customer_id = ?', $index);
        $keyBind = [$customerId];
        if ($this->pseudonym->isAvailable()) {
            [$hash, $hashBind] = $this->pseudonym->sql('phone_e164');
            $keys .= sprintf(' UNION SELECT %s AS k FROM %s WHERE customer_id = ?', $hash, $index);
            $keyBind = array_merge($keyBind, $hashBind, [$customerId]);
        }
        return [
            ['from' => $calls . ' c', 'fromBind' => [], 'where' => 'c.customer_id = ?', 'whereBind' => [$customerId]],
            [
                'from' => sprintf('%s c INNER JOIN (%s) n ON c.party_key = n.k', $calls, $keys),
                'fromBind' => $keyBind,
                'where' => 'c.customer_id IS NULL',
                'whereBind' => [],
            ],
        ];
    }

    /**
     * The data subject's calls, newest first (access export; no limit, the set is the erasure's).
     *
     * @param int $customerId
     * @return CallInterface[]
     */
    public function listCalls(int $customerId): array
    {
        $selects = [];
        $bind = [];
        foreach ($this->parts($customerId) as $part) {
            $selects[] = sprintf('SELECT c.* FROM %s WHERE %s', $part['from'], $part['where']);
            array_push($bind, ...$part['fromBind'], ...$part['whereBind']);
        }
        $rows = $this->resource->getConnection()->fetchAll(
            '(' . implode(') UNION (', $selects) . ') ORDER BY started_at DESC, entity_id DESC',
            $bind
        );
        return array_map([$this->mapper, 'fromRow'], $rows);
    }
}
