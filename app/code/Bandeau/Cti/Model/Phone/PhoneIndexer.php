<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use Bandeau\Cti\Api\Data\CallerMatchInterface;
use Bandeau\Cti\Model\Config;
use Magento\Framework\App\ResourceConnection;

/**
 * Keeps bandeau_phone_index (E.164 number => customer address / order address) in step with
 * customer_address_entity and sales_order_address, whose telephone columns are free text.
 */
class PhoneIndexer
{
    public const TABLE = 'bandeau_phone_index';
    private const BATCH = 500;

    public function __construct(
        private ResourceConnection $resource,
        private PhoneNormaliser $normaliser,
        private Config $config
    ) {
    }

    /**
     * Re-reads one customer's addresses.
     */
    public function reindexCustomer(int $customerId): void
    {
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT entity_id, parent_id, country_id, telephone FROM %s WHERE parent_id = ?',
                $this->table('customer_address_entity')
            ),
            [$customerId]
        );
        $entries = $this->customerEntries($rows);
        $this->replace('customer_id', $customerId, CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS, $entries);
    }

    /**
     * Re-reads one order's addresses.
     */
    public function reindexOrder(int $orderId): void
    {
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll($this->orderAddressSelect('a.parent_id = ?'), [$orderId]);
        $this->replace('order_id', $orderId, CallerMatchInterface::SOURCE_ORDER_ADDRESS, $this->orderEntries($rows));
    }

    /**
     * Replaces, in one transaction, the index rows of one source owned by a customer or an order.
     *
     * @param string $ownerColumn customer_id or order_id
     */
    private function replace(string $ownerColumn, int $ownerId, string $source, array $entries): void
    {
        $connection = $this->resource->getConnection();
        $connection->beginTransaction();
        try {
            $connection->query(
                sprintf(
                    'DELETE FROM %s WHERE source = ? AND %s = ?',
                    $this->table(self::TABLE),
                    $connection->quoteIdentifier($ownerColumn)
                ),
                [$source, $ownerId]
            );
            $this->write($entries);
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
    }

    /**
     * Rebuilds the whole index in batches.
     *
     * @return int number of index rows written
     */
    public function reindexAll(): int
    {
        $connection = $this->resource->getConnection();
        $written = 0;
        $lastId = 0;
        do {
            $rows = $connection->fetchAll(
                sprintf(
                    'SELECT entity_id, parent_id, country_id, telephone FROM %s WHERE entity_id > ?'
                    . ' ORDER BY entity_id LIMIT %d',
                    $this->table('customer_address_entity'),
                    self::BATCH
                ),
                [$lastId]
            );
            $entries = $this->customerEntries($rows);
            $this->deleteUnindexable(CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS, $rows, $entries);
            $written += $this->write($entries);
            $lastId = $rows === [] ? $lastId : (int)end($rows)['entity_id'];
        } while (count($rows) === self::BATCH);

        $lastId = 0;
        do {
            $rows = $connection->fetchAll(
                $this->orderAddressSelect('a.entity_id > ?') . sprintf(' ORDER BY a.entity_id LIMIT %d', self::BATCH),
                [$lastId]
            );
            $entries = $this->orderEntries($rows);
            $this->deleteUnindexable(CallerMatchInterface::SOURCE_ORDER_ADDRESS, $rows, $entries);
            $written += $this->write($entries);
            $lastId = $rows === [] ? $lastId : (int)end($rows)['entity_id'];
        } while (count($rows) === self::BATCH);

        $index = $this->table(self::TABLE);
        $connection->query(
            sprintf(
                'DELETE i FROM %s i LEFT JOIN %s a ON a.entity_id = i.source_id'
                . ' WHERE i.source = ? AND a.entity_id IS NULL',
                $index,
                $this->table('customer_address_entity')
            ),
            [CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS]
        );
        $connection->query(
            sprintf(
                'DELETE i FROM %s i LEFT JOIN %s a ON a.entity_id = i.source_id'
                . ' WHERE i.source = ? AND a.entity_id IS NULL',
                $index,
                $this->table('sales_order_address')
            ),
            [CallerMatchInterface::SOURCE_ORDER_ADDRESS]
        );
        return $written;
    }

    private function orderAddressSelect(string $condition): string
    {
        return sprintf(
            'SELECT a.entity_id, a.parent_id, a.country_id, a.telephone, o.customer_id'
            . ' FROM %s a INNER JOIN %s o ON o.entity_id = a.parent_id WHERE %s',
            $this->table('sales_order_address'),
            $this->table('sales_order'),
            $condition
        );
    }

    /**
     * @return array<int, array<string, mixed>>
     */
    private function customerEntries(array $rows): array
    {
        $entries = [];
        foreach ($rows as $row) {
            $e164 = $this->normalise($row['telephone'] ?? null, $row['country_id'] ?? null);
            if ($e164 !== null) {
                $entries[] = [
                    'phone_e164' => $e164,
                    'source' => CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS,
                    'source_id' => (int)$row['entity_id'],
                    'customer_id' => (int)$row['parent_id'],
                    'order_id' => null,
                    'telephone' => mb_substr((string)$row['telephone'], 0, 255),
                ];
            }
        }
        return $entries;
    }

    /**
     * @return array<int, array<string, mixed>>
     */
    private function orderEntries(array $rows): array
    {
        $entries = [];
        foreach ($rows as $row) {
            $e164 = $this->normalise($row['telephone'] ?? null, $row['country_id'] ?? null);
            if ($e164 !== null) {
                $entries[] = [
                    'phone_e164' => $e164,
                    'source' => CallerMatchInterface::SOURCE_ORDER_ADDRESS,
                    'source_id' => (int)$row['entity_id'],
                    'customer_id' => $row['customer_id'] === null ? null : (int)$row['customer_id'],
                    'order_id' => (int)$row['parent_id'],
                    'telephone' => mb_substr((string)$row['telephone'], 0, 255),
                ];
            }
        }
        return $entries;
    }

    private function normalise(?string $telephone, ?string $country): ?string
    {
        $region = $country !== null && preg_match('/^[A-Za-z]{2}$/', $country)
            ? $country
            : $this->config->getDefaultCountry();
        return $this->normaliser->toE164($telephone, $region);
    }

    private function deleteUnindexable(string $source, array $rows, array $entries): void
    {
        $indexed = array_column($entries, 'source_id');
        $ids = array_values(array_diff(array_map(static fn ($r) => (int)$r['entity_id'], $rows), $indexed));
        if ($ids === []) {
            return;
        }
        $this->resource->getConnection()->query(
            sprintf(
                'DELETE FROM %s WHERE source = ? AND source_id IN (%s)',
                $this->table(self::TABLE),
                implode(', ', array_fill(0, count($ids), '?'))
            ),
            array_merge([$source], $ids)
        );
    }

    private function write(array $entries): int
    {
        if ($entries === []) {
            return 0;
        }
        $this->resource->getConnection()->insertOnDuplicate(
            $this->resource->getTableName(self::TABLE),
            $entries,
            ['phone_e164', 'customer_id', 'order_id', 'telephone']
        );
        return count($entries);
    }

    private function table(string $name): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName($name));
    }
}
