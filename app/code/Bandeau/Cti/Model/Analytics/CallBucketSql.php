<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * The set-based statements that fill the analytics tables from bandeau_call, shared by the
 * incremental path (Aggregator: one local hour or day) and the rebuild (Rebuilder: one month).
 *
 * Every statement reads the calls whose started_at lies in a UTC range [?, ?) and, through the
 * CASE expression of ZoneOffsets::localSql(), keeps those whose local start lies in a local
 * range [?, ?): the caller deletes the same local range first, in the same transaction, so
 * running it twice never counts a call twice.
 *
 * Rules (the dashboard's figures rest on them):
 * - a call counts once it has ended (disposition set), in the bucket of its local start;
 * - store = the customer's store view, else the linked order's, else 0;
 * - answered/missed/abandoned by disposition; other = busy, failed, voicemail;
 * - ring time = answered_at - started_at over answered calls; talk and queue wait summed as recorded;
 * - a call transferred to an agent's extension adds transfers_in = 1 to a row of that agent
 *   (nothing else), and every transfer adds transfers_out = 1 to the call's own row.
 */
class CallBucketSql
{
    /** Dispositions counted in "other". */
    public const OTHER = ['busy', 'failed', 'voicemail'];

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * INSERT of the calls' own rows into bandeau_call_stat_hourly.
     *
     * Binds: utcFrom, utcTo, localFrom, localTo (all 'Y-m-d H:i:s').
     *
     * @param string $local SQL of the local start (ZoneOffsets::localSql('c.started_at', ...))
     * @return string
     */
    public function hourlyInsert(string $local): string
    {
        $other = "'" . implode("', '", self::OTHER) . "'";
        return sprintf(
            'INSERT INTO %1$s (local_date, hour, store_id, direction, agent_user_id, route, queue_name, campaign_id,'
            . ' calls, answered, missed, abandoned, other, ring_s, talk_s, wait_s, transfers_out, transfers_in)'
            . ' SELECT DATE(%2$s), HOUR(%2$s), %3$s, c.direction, COALESCE(c.agent_user_id, 0),'
            . " COALESCE(c.route, ''), COALESCE(c.queue_name, ''), COALESCE(c.campaign_id, 0),"
            . " COUNT(*), SUM(c.disposition = 'answered'), SUM(c.disposition = 'missed'),"
            . " SUM(c.disposition = 'abandoned'), SUM(c.disposition IN (%4\$s)),"
            . " SUM(IF(c.disposition = 'answered' AND c.answered_at IS NOT NULL,"
            . ' GREATEST(TIMESTAMPDIFF(SECOND, c.started_at, c.answered_at), 0), 0)),'
            . ' SUM(c.talk_s), SUM(COALESCE(c.wait_s, 0)),'
            . " SUM(c.transferred_to IS NOT NULL AND c.transferred_to <> ''), 0"
            . ' FROM %5$s'
            . ' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8',
            $this->table('bandeau_call_stat_hourly'),
            $local,
            $this->storeSql(),
            $other,
            $this->callsFrom($local, '')
        );
    }

    /**
     * INSERT of the transfer targets' rows (transfers_in) into bandeau_call_stat_hourly, after hourlyInsert().
     *
     * Binds: as hourlyInsert().
     *
     * @param string $local
     * @return string
     */
    public function transfersInsert(string $local): string
    {
        return sprintf(
            'INSERT INTO %1$s (local_date, hour, store_id, direction, agent_user_id, route, queue_name, campaign_id,'
            . ' transfers_in)'
            . ' SELECT DATE(%2$s), HOUR(%2$s), %3$s, c.direction, t.user_id,'
            . " COALESCE(c.route, ''), COALESCE(c.queue_name, ''), COALESCE(c.campaign_id, 0), COUNT(*)"
            . ' FROM %4$s'
            . ' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8'
            . ' ON DUPLICATE KEY UPDATE transfers_in = %1$s.transfers_in + VALUES(transfers_in)',
            $this->table('bandeau_call_stat_hourly'),
            $local,
            $this->storeSql(),
            $this->callsFrom(
                $local,
                sprintf(' INNER JOIN %s t ON t.bandeau_extension = c.transferred_to', $this->table('admin_user')),
                " AND c.transferred_to IS NOT NULL AND c.transferred_to <> ''"
            )
        );
    }

    /**
     * INSERT into bandeau_call_stat_unknown: inbound ended calls without a customer, per local date and number.
     *
     * Binds: as hourlyInsert(), then the party keys of $parties placeholders.
     *
     * @param string $local
     * @param int $parties 0: every number; n: only n numbers (placeholders)
     * @return string
     */
    public function unknownInsert(string $local, int $parties = 0): string
    {
        $only = $parties > 0
            ? ' AND c.party_key IN (' . implode(', ', array_fill(0, $parties, '?')) . ')'
            : '';
        return sprintf(
            'INSERT INTO %1$s (local_date, party_key, calls, missed, last_call_at)'
            . ' SELECT DATE(%2$s), c.party_key, COUNT(*), SUM(c.disposition IN (\'missed\', \'abandoned\')),'
            . ' MAX(c.started_at)'
            . ' FROM %3$s'
            . ' GROUP BY 1, 2',
            $this->table('bandeau_call_stat_unknown'),
            $local,
            $this->callsFrom(
                $local,
                '',
                " AND c.direction = 'inbound' AND c.customer_id IS NULL AND c.party_key IS NOT NULL" . $only,
                false
            )
        );
    }

    /**
     * SQL of a call's store view (needs the joins of callsFrom()).
     *
     * @return string
     */
    public function storeSql(): string
    {
        return 'COALESCE(ce.store_id, so.store_id, 0)';
    }

    /**
     * The joins storeSql() needs, for a call aliased c.
     *
     * @return string
     */
    public function storeJoins(): string
    {
        return sprintf(
            ' LEFT JOIN %s ce ON ce.entity_id = c.customer_id LEFT JOIN %s so ON so.entity_id = c.order_id',
            $this->table('customer_entity'),
            $this->table('sales_order')
        );
    }

    /**
     * Prefixed table name.
     *
     * @param string $name
     * @return string
     */
    public function table(string $name): string
    {
        return $this->resource->getTableName($name);
    }

    /**
     * FROM ... WHERE of the ended calls started in [utcFrom, utcTo) whose local start is in [localFrom, localTo).
     *
     * @param string $local
     * @param string $joins
     * @param string $where
     * @param bool $withStore
     * @return string
     */
    private function callsFrom(string $local, string $joins, string $where = '', bool $withStore = true): string
    {
        return sprintf(
            '%1$s c%2$s%3$s WHERE c.started_at >= ? AND c.started_at < ? AND %4$s >= ? AND %4$s < ?'
            . ' AND c.disposition IS NOT NULL%5$s',
            $this->table('bandeau_call'),
            $joins,
            $withStore ? $this->storeJoins() : '',
            $local,
            $where
        );
    }
}
