<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\App\ResourceConnection;

/**
 * The SQL behind the phone bar's customer cards: index lookup joined to customer_entity and
 * customer_group, lifetime sales and last orders from sales_order, open cart from quote.
 * Parameterised SQL through the adapter (tests run it on MariaDB).
 */
class CustomerCardQuery
{
    public const MAX_CUSTOMERS = 20;
    public const MAX_ORDERS = 3;
    /** Calls shown on a card (the screen pop's "last calls"). */
    public const MAX_CALLS = 3;
    /** Characters of a call's note on a card. */
    public const CARD_NOTE_LENGTH = 200;
    public const CANCELED_STATE = 'canceled';

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * Customers whose address, order or checkout carries the number, most recent activity first.
     *
     * @param string $e164
     * @param int $limit
     * @return array<int, array<string, mixed>> entity_id, firstname, lastname, email, group_code,
     *     lifetime_sales, lifetime_currency, last_activity
     */
    public function customers(string $e164, int $limit = self::MAX_CUSTOMERS): array
    {
        $sql = $this->expand(
            'SELECT c.entity_id, c.firstname, c.lastname, c.email, g.customer_group_code AS group_code,'
            . ' (SELECT COALESCE(SUM(o.base_grand_total), 0) FROM {sales_order} o'
            . '   WHERE o.customer_id = c.entity_id AND (o.state IS NULL OR o.state <> ?)) AS lifetime_sales,'
            . ' (SELECT MAX(o.base_currency_code) FROM {sales_order} o WHERE o.customer_id = c.entity_id)'
            . '   AS lifetime_currency,'
            . ' GREATEST(c.updated_at,'
            . '   COALESCE((SELECT MAX(o.created_at) FROM {sales_order} o WHERE o.customer_id = c.entity_id),'
            . '     c.updated_at),'
            . '   COALESCE((SELECT MAX(q.updated_at) FROM {quote} q WHERE q.customer_id = c.entity_id'
            . '     AND q.is_active = 1 AND q.items_count > 0), c.updated_at)) AS last_activity'
            . ' FROM {customer_entity} c'
            . ' LEFT JOIN {customer_group} g ON g.customer_group_id = c.group_id'
            . ' WHERE c.entity_id IN (SELECT i.customer_id FROM {' . PhoneIndexer::TABLE . '} i'
            . '   WHERE i.phone_e164 = ? AND i.customer_id IS NOT NULL)'
            . ' ORDER BY last_activity DESC, c.entity_id DESC'
            . ' LIMIT ' . max(1, min(self::MAX_CUSTOMERS, $limit))
        );
        return $this->resource->getConnection()->fetchAll($sql, [self::CANCELED_STATE, $e164]);
    }

    /**
     * The newest orders of each customer ($perCustomer each, at most MAX_ORDERS), newest first.
     *
     * @param int[] $customerIds
     * @param int $perCustomer
     * @return array<int, array<int, array<string, mixed>>> customer id => rows entity_id, increment_id,
     *     status, grand_total, order_currency_code, created_at (OrderStatusLabels names the status)
     */
    public function lastOrders(array $customerIds, int $perCustomer = self::MAX_ORDERS): array
    {
        if ($customerIds === []) {
            return [];
        }
        $sql = $this->expand(
            'SELECT t.* FROM ('
            . ' SELECT o.entity_id, o.customer_id, o.increment_id, o.status,'
            . '  o.grand_total, o.order_currency_code, o.created_at,'
            . '  ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY o.created_at DESC, o.entity_id DESC) AS rn'
            . ' FROM {sales_order} o'
            . ' WHERE o.customer_id IN (' . $this->placeholders($customerIds) . ')'
            . ') t WHERE t.rn <= ? ORDER BY t.customer_id, t.rn'
        );
        $byCustomer = [];
        $bind = array_merge(array_map('intval', $customerIds), [max(1, min(self::MAX_ORDERS, $perCustomer))]);
        foreach ($this->resource->getConnection()->fetchAll($sql, $bind) as $row) {
            $byCustomer[(int)$row['customer_id']][] = $row;
        }
        return $byCustomer;
    }

    /**
     * The newest calls of each customer (at most MAX_CALLS each), newest first, as the card shows
     * them: when, which way, how it ended, the agent's outcome (translated) and note (cut short).
     *
     * @param int[] $customerIds
     * @return array<int, array<int, array<string, mixed>>> customer id => calls callId, startedAt,
     *     direction, disposition, outcome, note
     */
    public function lastCalls(array $customerIds): array
    {
        if ($customerIds === []) {
            return [];
        }
        $sql = $this->expand(
            'SELECT t.* FROM ('
            . ' SELECT k.customer_id, k.call_id, k.direction, k.disposition, k.started_at, k.outcome, k.note,'
            . '  ROW_NUMBER() OVER (PARTITION BY k.customer_id ORDER BY k.started_at DESC, k.entity_id DESC) AS rn'
            . ' FROM {bandeau_call} k'
            . ' WHERE k.customer_id IN (' . $this->placeholders($customerIds) . ')'
            . ') t WHERE t.rn <= ? ORDER BY t.customer_id, t.rn'
        );
        $byCustomer = [];
        $bind = array_merge(array_map('intval', $customerIds), [self::MAX_CALLS]);
        foreach ($this->resource->getConnection()->fetchAll($sql, $bind) as $row) {
            $byCustomer[(int)$row['customer_id']][] = $this->cardCall($row);
        }
        return $byCustomer;
    }

    /**
     * One call of a card; the note is a reminder there, not the whole note (the Calls tab has it).
     *
     * @param array $row
     * @return array
     */
    private function cardCall(array $row): array
    {
        $utc = new \DateTimeZone('UTC');
        $started = \DateTimeImmutable::createFromFormat('Y-m-d H:i:s', (string)$row['started_at'], $utc);
        $note = $row['note'] === null ? '' : trim((string)$row['note']);
        if (mb_strlen($note) > self::CARD_NOTE_LENGTH) {
            $note = rtrim(mb_substr($note, 0, self::CARD_NOTE_LENGTH - 1)) . '…';
        }
        return [
            'callId' => (string)$row['call_id'],
            'startedAt' => $started === false ? '' : $started->format('Y-m-d\TH:i:s\Z'),
            'direction' => (string)$row['direction'],
            'disposition' => $row['disposition'] === null ? null : (string)$row['disposition'],
            'outcome' => $row['outcome'] === null ? null : mb_substr((string)__((string)$row['outcome']), 0, 64),
            'note' => $note === '' ? null : $note,
        ];
    }

    /**
     * The most recently updated open cart (active, with items) of each customer, with the number of
     * items the phone bar and the phones show (quantities, at least one per line).
     *
     * @param int[] $customerIds
     * @return array<int, array<string, mixed>> customer id => items_count, items_qty, items, grand_total,
     *     quote_currency_code
     */
    public function openCarts(array $customerIds): array
    {
        if ($customerIds === []) {
            return [];
        }
        $sql = $this->expand(
            'SELECT q.customer_id, q.items_count, q.items_qty, q.grand_total, q.quote_currency_code'
            . ' FROM {quote} q'
            . ' WHERE q.customer_id IN (' . $this->placeholders($customerIds) . ')'
            . ' AND q.is_active = 1 AND q.items_count > 0'
            . ' ORDER BY q.updated_at DESC, q.entity_id DESC'
        );
        $carts = [];
        foreach ($this->resource->getConnection()->fetchAll($sql, array_map('intval', $customerIds)) as $row) {
            $carts[(int)$row['customer_id']] ??= $row
                + ['items' => max((int)round((float)$row['items_qty']), (int)$row['items_count'])];
        }
        return $carts;
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
