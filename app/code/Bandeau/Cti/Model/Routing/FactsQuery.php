<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Api\RoutingFactsInterface;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\App\ResourceConnection;

/**
 * The SQL behind the routing facts, through the module's phone index (bandeau_phone_index, kept
 * by PhoneIndexer): which customer and which guest orders carry a number, then their open orders,
 * lifetime sales, open cart and last shipment. Every statement is parameterised; each is a keyed
 * lookup (phone_e164, customer_id, order_id), so a call costs a handful of index reads.
 */
class FactsQuery
{
    /** Orders in these states are not open. */
    public const CLOSED_STATES = ['complete', 'closed', 'canceled'];
    private const CANCELED = 'canceled';
    /** Guest orders of one number looked at, newest first (a shop's own number on many orders). */
    public const MAX_GUEST_ORDERS = 200;
    /**
     * Index sources that identify the caller: customer addresses, order addresses and numbers
     * linked by an agent on the new-customer form. Numbers typed in a cart (quote_address) are
     * not used, as /V1/bandeau/lookup does not use them.
     */
    private const SOURCES = [
        PhoneIndexer::SOURCE_CUSTOMER_ADDRESS,
        PhoneIndexer::SOURCE_CUSTOMER_FORM,
        PhoneIndexer::SOURCE_ORDER_ADDRESS,
    ];

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * Who the number belongs to: whether it is in the index, the most recent customer (customer
     * addresses and linked numbers first, newest index row first; then the newest order of a
     * customer), and the guest orders that carry it.
     *
     * @param string $e164
     * @return array{known: bool, customer_id: int|null, guest_order_ids: int[]}
     */
    public function owners(string $e164): array
    {
        $rows = $this->resource->getConnection()->fetchAll(
            $this->expand(
                'SELECT i.source, i.order_id, c.entity_id AS customer_id, o.customer_id AS order_customer_id'
                . ' FROM {' . PhoneIndexer::TABLE . '} i'
                . ' LEFT JOIN {customer_entity} c ON c.entity_id = i.customer_id'
                . ' LEFT JOIN {sales_order} o ON i.source = ? AND o.entity_id = i.order_id'
                . ' WHERE i.phone_e164 = ? AND i.source IN (?, ?, ?)'
                . ' ORDER BY (i.source = ?) ASC, i.order_id DESC, i.index_id DESC'
            ),
            array_merge(
                [PhoneIndexer::SOURCE_ORDER_ADDRESS, $e164],
                self::SOURCES,
                [PhoneIndexer::SOURCE_ORDER_ADDRESS]
            )
        );
        $customerId = null;
        $guestOrders = [];
        foreach ($rows as $row) {
            if ($customerId === null && $row['customer_id'] !== null) {
                $customerId = (int)$row['customer_id'];
            }
            $guestOrder = $row['source'] === PhoneIndexer::SOURCE_ORDER_ADDRESS && $row['order_id'] !== null
                && $row['order_customer_id'] === null;
            if ($guestOrder && count($guestOrders) < self::MAX_GUEST_ORDERS) {
                $guestOrders[(int)$row['order_id']] = true;
            }
        }
        return ['known' => $rows !== [], 'customer_id' => $customerId, 'guest_order_ids' => array_keys($guestOrders)];
    }

    /**
     * The customer's name, group, store view, lifetime sales (base currency, refunds deducted,
     * canceled orders left out) and whether they have an active cart with items.
     *
     * @param int $customerId
     * @return array<string, mixed>|null entity_id, firstname, lastname, group_id, store_id,
     *     lifetime_sales, open_cart
     */
    public function customer(int $customerId): ?array
    {
        $row = $this->resource->getConnection()->fetchRow(
            $this->expand(
                'SELECT c.entity_id, c.firstname, c.lastname, c.group_id, c.store_id,'
                . ' (SELECT COALESCE(SUM(o.base_grand_total - COALESCE(o.base_total_refunded, 0)), 0)'
                . '   FROM {sales_order} o WHERE o.customer_id = c.entity_id'
                . '   AND (o.state IS NULL OR o.state <> ?)) AS lifetime_sales,'
                . ' EXISTS (SELECT 1 FROM {quote} q WHERE q.customer_id = c.entity_id'
                . '   AND q.is_active = 1 AND q.items_count > 0) AS open_cart'
                . ' FROM {customer_entity} c WHERE c.entity_id = ?'
            ),
            [self::CANCELED, $customerId]
        );
        return is_array($row) ? $row : null;
    }

    /**
     * Open orders of the customer and the guest orders, newest first, with whether each has a shipment.
     *
     * @param int|null $customerId
     * @param int[] $guestOrderIds
     * @return array<int, array<string, mixed>> entity_id, increment_id, state, status, created_at,
     *     store_id, shipped
     */
    public function openOrders(?int $customerId, array $guestOrderIds): array
    {
        [$where, $bind] = $this->ordersOf($customerId, $guestOrderIds);
        if ($where === null) {
            return [];
        }
        $closed = implode(', ', array_fill(0, count(self::CLOSED_STATES), '?'));
        return $this->resource->getConnection()->fetchAll(
            $this->expand(
                'SELECT o.entity_id, o.increment_id, o.state, o.status, o.created_at, o.store_id,'
                . ' EXISTS (SELECT 1 FROM {sales_shipment} s WHERE s.order_id = o.entity_id) AS shipped'
                . ' FROM {sales_order} o'
                . ' WHERE (' . $where . ') AND o.state NOT IN (' . $closed . ')'
                . ' ORDER BY o.created_at DESC, o.entity_id DESC'
                . ' LIMIT ' . RoutingFactsInterface::MAX_ORDERS
            ),
            array_merge($bind, self::CLOSED_STATES)
        );
    }

    /**
     * The most recent shipment of any order of the customer or of the guest orders.
     *
     * @param int|null $customerId
     * @param int[] $guestOrderIds
     * @return array<string, mixed>|null increment_id, created_at
     */
    public function lastShipment(?int $customerId, array $guestOrderIds): ?array
    {
        [$where, $bind] = $this->ordersOf($customerId, $guestOrderIds);
        if ($where === null) {
            return null;
        }
        $row = $this->resource->getConnection()->fetchRow(
            $this->expand(
                'SELECT o.increment_id, s.created_at FROM {sales_shipment} s'
                . ' INNER JOIN {sales_order} o ON o.entity_id = s.order_id'
                . ' WHERE ' . $where
                . ' ORDER BY s.created_at DESC, s.entity_id DESC LIMIT 1'
            ),
            $bind
        );
        return is_array($row) ? $row : null;
    }

    /**
     * The condition selecting the customer's orders and the guest orders (alias o), or null when none.
     *
     * @param int|null $customerId
     * @param int[] $guestOrderIds
     * @return array{0: string|null, 1: array}
     */
    private function ordersOf(?int $customerId, array $guestOrderIds): array
    {
        $parts = [];
        $bind = [];
        if ($customerId !== null) {
            $parts[] = 'o.customer_id = ?';
            $bind[] = $customerId;
        }
        if ($guestOrderIds !== []) {
            $parts[] = '(o.customer_id IS NULL AND o.entity_id IN ('
                . implode(', ', array_fill(0, count($guestOrderIds), '?')) . '))';
            $bind = array_merge($bind, array_map('intval', $guestOrderIds));
        }
        return [$parts === [] ? null : implode(' OR ', $parts), $bind];
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
