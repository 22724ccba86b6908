<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\App\ResourceConnection;

/**
 * "Calls that sold": bandeau_call_sale, one row per order attributed to a call.
 *
 * An order (not canceled, placed by a customer account) is attributed to the latest answered call
 * with that customer (bandeau_call.customer_id) that started before the order was placed and at most
 * bandeau/analytics/sale_window_days days before (window edge included). The row copies the call's
 * dimensions (local date of its start, store, direction, agent, route, campaign) so the dashboard
 * filters sales as it filters calls. Every method recomputes the rows of the orders it touches:
 * running it twice changes nothing.
 */
class SaleAttribution
{
    public const XML_PATH_WINDOW_DAYS = 'bandeau/analytics/sale_window_days';
    public const DEFAULT_WINDOW_DAYS = 7;
    public const MAX_WINDOW_DAYS = 365;

    /** Orders per statement. */
    private const BATCH = 1000;

    /**
     * @param ResourceConnection $resource
     * @param CallBucketSql $sql
     * @param ZoneOffsets $offsets
     * @param ReportingZone $reportingZone
     * @param ScopeConfigInterface $scopeConfig
     */
    public function __construct(
        private ResourceConnection $resource,
        private CallBucketSql $sql,
        private ZoneOffsets $offsets,
        private ReportingZone $reportingZone,
        private ScopeConfigInterface $scopeConfig
    ) {
    }

    /**
     * The attribution window in days (1-365, default 7).
     *
     * @return int
     */
    public function windowDays(): int
    {
        $value = trim((string)$this->scopeConfig->getValue(self::XML_PATH_WINDOW_DAYS));
        if (!ctype_digit($value) || (int)$value < 1) {
            return self::DEFAULT_WINDOW_DAYS;
        }
        return min((int)$value, self::MAX_WINDOW_DAYS);
    }

    /**
     * Attributes these orders again (placed, changed, canceled).
     *
     * @param int[] $orderIds
     * @return int rows written
     */
    public function refreshOrders(array $orderIds): int
    {
        $orderIds = array_values(array_unique(array_map('intval', $orderIds)));
        $written = 0;
        $connection = $this->resource->getConnection();
        foreach (array_chunk($orderIds, self::BATCH) as $chunk) {
            $in = implode(', ', array_fill(0, count($chunk), '?'));
            $range = $connection->fetchRow(
                sprintf(
                    'SELECT MIN(created_at) AS lo, MAX(created_at) AS hi FROM %s WHERE entity_id IN (%s)',
                    $this->sql->table('sales_order'),
                    $in
                ),
                $chunk
            );
            $connection->beginTransaction();
            try {
                $connection->query(
                    sprintf('DELETE FROM %s WHERE order_id IN (%s)', $this->sql->table('bandeau_call_sale'), $in),
                    $chunk
                );
                if ($range && $range['lo'] !== null) {
                    $written += $this->insert(
                        'o.entity_id IN (' . $in . ')',
                        $chunk,
                        strtotime($range['lo'] . ' UTC'),
                        strtotime($range['hi'] . ' UTC') + 1
                    );
                }
                $connection->commit();
            } catch (\Throwable $e) {
                $connection->rollBack();
                throw $e;
            }
        }
        return $written;
    }

    /**
     * Attributes again the orders these calls may win or lose: their customers' orders placed within
     * the window after each call, and the orders attributed to them so far.
     *
     * @param array<int, array{entity_id: mixed, started_at: string, customer_id: mixed}> $calls
     * @return int rows written
     */
    public function refreshForCalls(array $calls): int
    {
        if ($calls === []) {
            return 0;
        }
        $connection = $this->resource->getConnection();
        $days = $this->windowDays();
        $orders = [];
        foreach (array_chunk($calls, self::BATCH) as $chunk) {
            $ids = array_map(static fn (array $c): int => (int)$c['entity_id'], $chunk);
            $won = $connection->fetchCol(
                sprintf(
                    'SELECT order_id FROM %s WHERE call_entity_id IN (%s)',
                    $this->sql->table('bandeau_call_sale'),
                    implode(', ', array_fill(0, count($ids), '?'))
                ),
                $ids
            );
            foreach ($won as $orderId) {
                $orders[(int)$orderId] = true;
            }
        }
        $within = sprintf(
            'SELECT entity_id FROM %s WHERE customer_id = ? AND created_at > ?'
            . ' AND created_at <= DATE_ADD(?, INTERVAL %d DAY)',
            $this->sql->table('sales_order'),
            $days
        );
        foreach ($calls as $call) {
            if ($call['customer_id'] === null) {
                continue;
            }
            $start = (string)$call['started_at'];
            foreach ($connection->fetchCol($within, [(int)$call['customer_id'], $start, $start]) as $orderId) {
                $orders[(int)$orderId] = true;
            }
        }
        return $this->refreshOrders(array_keys($orders));
    }

    /**
     * Attributes again every order placed in [$fromUtc, $toUtc) (the rebuild): set-based, one statement.
     *
     * @param int $fromUtc
     * @param int $toUtc
     * @return int rows written
     */
    public function rebuildRange(int $fromUtc, int $toUtc): int
    {
        $from = gmdate('Y-m-d H:i:s', $fromUtc);
        $to = gmdate('Y-m-d H:i:s', $toUtc);
        $connection = $this->resource->getConnection();
        $connection->beginTransaction();
        try {
            $connection->query(
                sprintf(
                    'DELETE s FROM %s s INNER JOIN %s o ON o.entity_id = s.order_id'
                    . ' WHERE o.created_at >= ? AND o.created_at < ?',
                    $this->sql->table('bandeau_call_sale'),
                    $this->sql->table('sales_order')
                ),
                [$from, $to]
            );
            $written = $this->insert('o.created_at >= ? AND o.created_at < ?', [$from, $to], $fromUtc, $toUtc);
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
        return $written;
    }

    /**
     * INSERT ... SELECT of the orders matching $where, placed in [$fromUtc, $toUtc).
     *
     * @param string $where condition on sales_order o
     * @param array $bind its values
     * @param int $fromUtc
     * @param int $toUtc
     * @return int
     */
    private function insert(string $where, array $bind, int $fromUtc, int $toUtc): int
    {
        $days = $this->windowDays();
        $local = $this->offsets->localSql(
            'c.started_at',
            $this->reportingZone->zone(),
            $fromUtc - $days * 86400 - 86400,
            $toUtc + 86400
        );
        $sql = sprintf(
            'INSERT INTO %1$s (order_id, call_entity_id, customer_id, call_local_date, store_id, direction,'
            . ' agent_user_id, route, campaign_id, order_created_at, revenue)'
            . ' SELECT a.order_id, c.entity_id, a.customer_id, DATE(%2$s), %3$s, c.direction,'
            . " COALESCE(c.agent_user_id, 0), COALESCE(c.route, ''), COALESCE(c.campaign_id, 0), a.created_at,"
            . ' a.revenue'
            . ' FROM (SELECT o.entity_id AS order_id, o.customer_id, o.created_at,'
            . ' COALESCE(o.base_grand_total, 0) AS revenue,'
            . ' (SELECT k.entity_id FROM %4$s k WHERE k.customer_id = o.customer_id'
            . " AND k.disposition = 'answered' AND k.started_at < o.created_at"
            . ' AND k.started_at >= DATE_SUB(o.created_at, INTERVAL %5$d DAY)'
            . ' ORDER BY k.started_at DESC, k.entity_id DESC LIMIT 1) AS call_entity_id'
            . ' FROM %6$s o WHERE %7$s AND o.customer_id IS NOT NULL'
            . " AND (o.state IS NULL OR o.state <> 'canceled')) a"
            . ' INNER JOIN %4$s c ON c.entity_id = a.call_entity_id%8$s',
            $this->sql->table('bandeau_call_sale'),
            $local,
            $this->sql->storeSql(),
            $this->sql->table('bandeau_call'),
            $days,
            $this->sql->table('sales_order'),
            $where,
            $this->sql->storeJoins()
        );
        return $this->resource->getConnection()->query($sql, $bind)->rowCount();
    }
}
