<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\App\ResourceConnection;

/**
 * The SQL behind the phone bar's directory search: customers by name, e-mail or number, orders
 * by number, and the numbers of each from the phone index. Parameterised SQL through the adapter;
 * every pattern is a prefix (LIKE 'x%', wildcards escaped) so the indexes can serve it.
 */
class DirectoryQuery
{
    public const MAX_ROWS = 10;
    public const MAX_PHONES = 5;
    /** Addresses the customer keeps first, then numbers from orders and carts. */
    private const SOURCE_ORDER = [
        PhoneIndexer::SOURCE_CUSTOMER_ADDRESS,
        PhoneIndexer::SOURCE_CUSTOMER_FORM,
        PhoneIndexer::SOURCE_ORDER_ADDRESS,
        PhoneIndexer::SOURCE_QUOTE_ADDRESS,
    ];

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * Customers whose first or last name starts with each word (in any order), or whose e-mail
     * starts with the single word given.
     *
     * @param string[] $words
     * @param int $limit
     * @return array<int, array<string, mixed>> entity_id, firstname, lastname, email
     */
    public function customersByName(array $words, int $limit = self::MAX_ROWS): array
    {
        $words = array_values(array_filter($words, static fn (string $w): bool => $w !== ''));
        if ($words === []) {
            return [];
        }
        $conditions = [];
        $bind = [];
        foreach ($words as $word) {
            $conditions[] = '(c.firstname LIKE ? OR c.lastname LIKE ?)';
            $bind[] = $this->prefix($word);
            $bind[] = $this->prefix($word);
        }
        $where = implode(' AND ', $conditions);
        if (count($words) === 1) {
            $where = '(' . $where . ' OR c.email LIKE ?)';
            $bind[] = $this->prefix($words[0]);
        }
        $sql = $this->expand(
            'SELECT c.entity_id, c.firstname, c.lastname, c.email FROM {customer_entity} c WHERE ' . $where
            . ' ORDER BY c.lastname, c.firstname, c.entity_id LIMIT ' . $this->limit($limit)
        );
        return $this->resource->getConnection()->fetchAll($sql, $bind);
    }

    /**
     * Customers whose e-mail starts with the text.
     *
     * @param string $email
     * @param int $limit
     * @return array<int, array<string, mixed>> entity_id, firstname, lastname, email
     */
    public function customersByEmail(string $email, int $limit = self::MAX_ROWS): array
    {
        $sql = $this->expand(
            'SELECT c.entity_id, c.firstname, c.lastname, c.email FROM {customer_entity} c WHERE c.email LIKE ?'
            . ' ORDER BY c.email, c.entity_id LIMIT ' . $this->limit($limit)
        );
        return $this->resource->getConnection()->fetchAll($sql, [$this->prefix($email)]);
    }

    /**
     * Customers one of whose addresses, orders or carts carries the number.
     *
     * @param string $e164
     * @param int $limit
     * @return array<int, array<string, mixed>> entity_id, firstname, lastname, email
     */
    public function customersByPhone(string $e164, int $limit = self::MAX_ROWS): array
    {
        $sql = $this->expand(
            'SELECT c.entity_id, c.firstname, c.lastname, c.email FROM {customer_entity} c'
            . ' WHERE c.entity_id IN (SELECT i.customer_id FROM {' . PhoneIndexer::TABLE . '} i'
            . '   WHERE i.phone_e164 = ? AND i.customer_id IS NOT NULL)'
            . ' ORDER BY c.lastname, c.firstname, c.entity_id LIMIT ' . $this->limit($limit)
        );
        return $this->resource->getConnection()->fetchAll($sql, [$e164]);
    }

    /**
     * Orders whose number is one of these (as typed, or zero-padded as Magento numbers them).
     *
     * @param string[] $incrementIds
     * @return array<int, array<string, mixed>> entity_id, increment_id, customer_id, name, email
     */
    public function ordersByNumber(array $incrementIds): array
    {
        $incrementIds = array_values(array_unique(array_filter($incrementIds, 'strlen')));
        if ($incrementIds === []) {
            return [];
        }
        $sql = $this->expand(
            'SELECT o.entity_id, o.increment_id, o.customer_id, o.customer_email AS email,'
            . ' COALESCE(NULLIF(TRIM(CONCAT_WS(\' \', o.customer_firstname, o.customer_lastname)), \'\'),'
            . '   (SELECT TRIM(CONCAT_WS(\' \', a.firstname, a.lastname)) FROM {sales_order_address} a'
            . '     WHERE a.parent_id = o.entity_id ORDER BY a.address_type = \'billing\' DESC, a.entity_id LIMIT 1))'
            . '   AS name'
            . ' FROM {sales_order} o WHERE o.increment_id IN (' . $this->placeholders($incrementIds) . ')'
            . ' ORDER BY o.entity_id DESC LIMIT ' . self::MAX_ROWS
        );
        return $this->resource->getConnection()->fetchAll($sql, $incrementIds);
    }

    /**
     * The distinct numbers of each customer, addresses first (at most MAX_PHONES each).
     *
     * @param int[] $customerIds
     * @return array<int, string[]> customer id => E.164 numbers
     */
    public function customerPhones(array $customerIds): array
    {
        return $this->phones('customer_id', $customerIds);
    }

    /**
     * The distinct numbers of each order's addresses.
     *
     * @param int[] $orderIds
     * @return array<int, string[]> order id => E.164 numbers
     */
    public function orderPhones(array $orderIds): array
    {
        return $this->phones('order_id', $orderIds);
    }

    /**
     * Numbers from the index by owner column, in the order agents prefer them.
     *
     * @param string $column customer_id or order_id
     * @param int[] $ids
     * @return array<int, string[]>
     */
    private function phones(string $column, array $ids): array
    {
        $ids = array_values(array_unique(array_map('intval', $ids)));
        if ($ids === []) {
            return [];
        }
        $order = 'FIELD(i.source, ' . $this->placeholders(self::SOURCE_ORDER) . ')';
        $sql = $this->expand(
            'SELECT i.' . $column . ' AS owner, i.phone_e164 FROM {' . PhoneIndexer::TABLE . '} i'
            . ' WHERE i.' . $column . ' IN (' . $this->placeholders($ids) . ')'
            . ' ORDER BY owner, ' . $order . ', i.index_id'
        );
        $byOwner = [];
        $rows = $this->resource->getConnection()->fetchAll($sql, array_merge($ids, self::SOURCE_ORDER));
        foreach ($rows as $row) {
            $owner = (int)$row['owner'];
            $phone = (string)$row['phone_e164'];
            $list = $byOwner[$owner] ?? [];
            if (!in_array($phone, $list, true) && count($list) < self::MAX_PHONES) {
                $list[] = $phone;
            }
            $byOwner[$owner] = $list;
        }
        return $byOwner;
    }

    /**
     * A LIKE pattern matching values that start with the text (its own % _ \ taken literally).
     *
     * @param string $text
     * @return string
     */
    private function prefix(string $text): string
    {
        return strtr($text, ['\\' => '\\\\', '%' => '\\%', '_' => '\\_']) . '%';
    }

    /**
     * A row limit between 1 and MAX_ROWS.
     *
     * @param int $limit
     * @return int
     */
    private function limit(int $limit): int
    {
        return max(1, min(self::MAX_ROWS, $limit));
    }

    /**
     * "?, ?, ?" for an IN list of as many values.
     *
     * @param array $values
     * @return string
     */
    private function placeholders(array $values): string
    {
        return implode(', ', array_fill(0, count($values), '?'));
    }

    /**
     * Replaces the {table} names of a query with their quoted, prefixed names.
     *
     * @param string $sql
     * @return string
     */
    private function expand(string $sql): string
    {
        $connection = $this->resource->getConnection();
        return (string)preg_replace_callback(
            '/\{(\w+)\}/',
            fn (array $m): string => $connection->quoteIdentifier($this->resource->getTableName($m[1])),
            $sql
        );
    }
}
