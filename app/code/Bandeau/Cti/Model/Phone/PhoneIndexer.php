<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use Bandeau\Cti\Api\Data\CallerMatchInterface;
use Bandeau\Cti\Model\Config;
use Magento\Framework\App\ResourceConnection;

/**
 * Keeps bandeau_phone_index (E.164 number => customer address, order address or customer's quote
 * address) in step with customer_address_entity, sales_order_address and quote_address, whose
 * telephone columns are free text. Every statement is parameterised SQL through the adapter.
 */
class PhoneIndexer
{
    public const TABLE = 'bandeau_phone_index';
    public const SOURCE_CUSTOMER_ADDRESS = CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS;
    public const SOURCE_ORDER_ADDRESS = CallerMatchInterface::SOURCE_ORDER_ADDRESS;
    public const SOURCE_QUOTE_ADDRESS = 'quote_address';
    /** A number typed on the customer form ("Create customer" from the phone bar): no address row. */
    public const SOURCE_CUSTOMER_FORM = 'customer_form';
    public const SOURCES = [self::SOURCE_CUSTOMER_ADDRESS, self::SOURCE_ORDER_ADDRESS, self::SOURCE_QUOTE_ADDRESS];
    public const DEFAULT_BATCH_SIZE = 5000;

    /**
     * Per source: the address table, its primary key, the select (with %s for the condition) and
     * the index column that names the owner re-read by one observer call.
     */
    private const SOURCE_SQL = [
        self::SOURCE_CUSTOMER_ADDRESS => [
            'table' => 'customer_address_entity',
            'key' => 'entity_id',
            'owner' => 'customer_id',
            'columns' => 'a.entity_id AS source_id, a.parent_id AS customer_id, NULL AS order_id, NULL AS quote_id',
            'from' => '{customer_address_entity} a WHERE %s',
        ],
        self::SOURCE_ORDER_ADDRESS => [
            'table' => 'sales_order_address',
            'key' => 'entity_id',
            'owner' => 'order_id',
            'columns' => 'a.entity_id AS source_id, o.customer_id, a.parent_id AS order_id, NULL AS quote_id',
            'from' => '{sales_order_address} a INNER JOIN {sales_order} o ON o.entity_id = a.parent_id WHERE %s',
        ],
        self::SOURCE_QUOTE_ADDRESS => [
            'table' => 'quote_address',
            'key' => 'address_id',
            'owner' => 'quote_id',
            'columns' => 'a.address_id AS source_id, q.customer_id, NULL AS order_id, a.quote_id',
            'from' => '{quote_address} a INNER JOIN {quote} q ON q.entity_id = a.quote_id'
                . ' WHERE q.customer_id IS NOT NULL AND %s',
        ],
    ];

    /** Owner column in the address table, per source, for the one-owner re-read. */
    private const OWNER_CONDITION = [
        self::SOURCE_CUSTOMER_ADDRESS => 'a.parent_id = ?',
        self::SOURCE_ORDER_ADDRESS => 'a.parent_id = ?',
        self::SOURCE_QUOTE_ADDRESS => 'a.quote_id = ?',
    ];

    /**
     * @param ResourceConnection $resource
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     */
    public function __construct(
        private ResourceConnection $resource,
        private PhoneNormaliser $normaliser,
        private Config $config
    ) {
    }

    /**
     * Re-reads one customer's addresses (customer address saved or deleted).
     *
     * @param int $customerId
     */
    public function reindexCustomer(int $customerId): void
    {
        $this->reindexOwner(self::SOURCE_CUSTOMER_ADDRESS, $customerId);
    }

    /**
     * Re-reads one order's addresses (order placed or saved, order address edited).
     *
     * @param int $orderId
     */
    public function reindexOrder(int $orderId): void
    {
        $this->reindexOwner(self::SOURCE_ORDER_ADDRESS, $orderId);
    }

    /**
     * Re-reads one quote's addresses (quote address saved); guest quotes are not indexed.
     *
     * @param int $quoteId
     */
    public function reindexQuote(int $quoteId): void
    {
        $this->reindexOwner(self::SOURCE_QUOTE_ADDRESS, $quoteId);
    }

    /**
     * Address rows per source, for a progress bar.
     *
     * @return array<string, int>
     */
    public function countSourceRows(): array
    {
        $counts = [];
        foreach (self::SOURCE_SQL as $source => $sql) {
            $counts[$source] = (int)$this->resource->getConnection()->fetchOne(
                sprintf('SELECT COUNT(*) FROM ' . $this->expand($sql['from']), '1 = 1')
            );
        }
        return $counts;
    }

    /**
     * Rebuilds the whole index.
     *
     * Keyset pagination over each address table, one insertOnDuplicate per batch, then the rows of
     * addresses that no longer exist are removed.
     *
     * @param callable|null $onBatch fn(string $source, int $rowsRead): void, after each batch
     * @param int $batchSize
     * @return int number of index rows written
     */
    public function reindexAll(?callable $onBatch = null, int $batchSize = self::DEFAULT_BATCH_SIZE): int
    {
        $batchSize = max(1, $batchSize);
        $connection = $this->resource->getConnection();
        $written = 0;
        foreach (self::SOURCE_SQL as $source => $sql) {
            $select = $this->select($source) . ' ORDER BY a.' . $sql['key'] . ' LIMIT ' . $batchSize;
            $lastId = 0;
            do {
                $rows = $connection->fetchAll(sprintf($select, 'a.' . $sql['key'] . ' > ?'), [$lastId]);
                if ($rows === []) {
                    break;
                }
                $entries = $this->entries($source, $rows);
                $this->deleteUnindexable($source, $rows, $entries);
                $written += $this->write($entries);
                $lastId = (int)end($rows)['source_id'];
                if ($onBatch !== null) {
                    $onBatch($source, count($rows));
                }
            } while (count($rows) === $batchSize);
            $this->purgeOrphans($source);
        }
        return $written;
    }

    /**
     * Replaces the index rows of one customer, order or cart with their addresses' numbers.
     *
     * @param string $source
     * @param int $ownerId
     */
    private function reindexOwner(string $source, int $ownerId): void
    {
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(
            sprintf($this->select($source), self::OWNER_CONDITION[$source]),
            [$ownerId]
        );
        $entries = $this->entries($source, $rows);
        $connection->beginTransaction();
        try {
            $connection->query(
                sprintf(
                    'DELETE FROM %s WHERE source = ? AND %s = ?',
                    $this->table(self::TABLE),
                    $connection->quoteIdentifier(self::SOURCE_SQL[$source]['owner'])
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
     * The index rows of the address rows whose number reads as E.164.
     *
     * @param string $source
     * @param array<int,array<string,mixed>> $rows source_id, customer_id, order_id, quote_id, country_id, telephone
     * @return array<int, array<string, mixed>> index rows for the numbers that parse
     */
    private function entries(string $source, array $rows): array
    {
        $fallback = $this->config->getDefaultCountry();
        $entries = [];
        foreach ($rows as $row) {
            $telephone = $row['telephone'] === null ? null : (string)$row['telephone'];
            $e164 = $this->normaliser->toE164(
                $telephone,
                $this->normaliser->regionFor($row['country_id'] ?? null, $fallback)
            );
            if ($e164 === null) {
                continue;
            }
            $entries[] = [
                'phone_e164' => $e164,
                'source' => $source,
                'source_id' => (int)$row['source_id'],
                'customer_id' => $this->intOrNull($row['customer_id']),
                'order_id' => $this->intOrNull($row['order_id']),
                'quote_id' => $this->intOrNull($row['quote_id']),
                'telephone' => mb_substr((string)$telephone, 0, 255),
            ];
        }
        return $entries;
    }

    /**
     * Index rows of addresses in this batch whose number no longer parses.
     *
     * @param string $source
     * @param array $rows
     * @param array $entries
     */
    private function deleteUnindexable(string $source, array $rows, array $entries): void
    {
        $indexed = array_flip(array_column($entries, 'source_id'));
        $ids = [];
        foreach ($rows as $row) {
            if (!isset($indexed[(int)$row['source_id']])) {
                $ids[] = (int)$row['source_id'];
            }
        }
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

    /**
     * Index rows whose address was deleted without an event (imports, direct SQL).
     *
     * @param string $source
     */
    private function purgeOrphans(string $source): void
    {
        $sql = self::SOURCE_SQL[$source];
        $this->resource->getConnection()->query(
            sprintf(
                'DELETE i FROM %s i LEFT JOIN %s a ON a.%s = i.source_id WHERE i.source = ? AND a.%3$s IS NULL',
                $this->table(self::TABLE),
                $this->table($sql['table']),
                $sql['key']
            ),
            [$source]
        );
    }

    /**
     * Links a number to a customer without any address, so that the next call from it finds them.
     *
     * Used for the new-customer form's "Phone Number (from the call)"; kept until the customer is deleted.
     *
     * @param int $customerId
     * @param string $e164
     * @param string $asWritten
     */
    public function indexCustomerNumber(int $customerId, string $e164, string $asWritten): void
    {
        $this->write([[
            'phone_e164' => $e164,
            'source' => self::SOURCE_CUSTOMER_FORM,
            'source_id' => $customerId,
            'customer_id' => $customerId,
            'order_id' => null,
            'quote_id' => null,
            'telephone' => mb_substr($asWritten, 0, 255),
        ]]);
    }

    /**
     * Inserts (or updates) index rows; returns how many were given.
     *
     * @param array $entries
     * @return int
     */
    private function write(array $entries): int
    {
        if ($entries === []) {
            return 0;
        }
        $this->resource->getConnection()->insertOnDuplicate(
            $this->resource->getTableName(self::TABLE),
            $entries,
            ['phone_e164', 'customer_id', 'order_id', 'quote_id', 'telephone']
        );
        return count($entries);
    }

    /**
     * The address select of a source, with %s for the condition.
     *
     * @param string $source
     */
    private function select(string $source): string
    {
        $sql = self::SOURCE_SQL[$source];
        return 'SELECT ' . $sql['columns'] . ', a.country_id, a.telephone FROM ' . $this->expand($sql['from']);
    }

    /**
     * Replaces {table} placeholders by quoted, prefixed table names.
     *
     * @param string $sql
     */
    private function expand(string $sql): string
    {
        return (string)preg_replace_callback('/\{(\w+)\}/', fn (array $m): string => $this->table($m[1]), $sql);
    }

    /**
     * The quoted, prefixed name of a table.
     *
     * @param string $name
     * @return string
     */
    private function table(string $name): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName($name));
    }

    /**
     * The value as an integer, null staying null.
     *
     * @param mixed $value
     * @return int|null
     */
    private function intOrNull(mixed $value): ?int
    {
        return $value === null ? null : (int)$value;
    }
}
