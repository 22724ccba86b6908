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
 * - store = the customer's store view when the call has a customer, else the linked order's, else 0;
 * - answered/missed/abandoned by disposition; other = busy, failed, voicemail;
 * - ring time = answered_at - started_at over answered calls; talk and queue wait summed as recorded;
 * - a call transferred to an agent's extension adds transfers_in = 1 to a row of that agent
 *   (nothing else), and every transfer adds transfers_out = 1 to the call's own row.
 */
class CallBucketSql
{
    /** Dispositions counted in "other". */
    public const OTHER = ['busy', 'failed', 'voicemail'];

    /** @var array<string, string|null>|null index name by its leading columns ('a,b'), null until read */
    private ?array $indexes = null;

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * INSERT of the calls' own rows into bandeau_call_stat_hourly.
     *
     * Binds: utcFrom, utcTo, localFrom, localTo (all 'Y-m-d H:i:s'), then with $byEntity the first
     * and last entity_id to read.
     *
     * @param string $local SQL of the local start (ZoneOffsets::localSql('c.started_at', ...))
     * @param bool $byEntity read the calls by primary key range (see Rebuilder) rather than by started_at
     * @return string
     */
    public function hourlyInsert(string $local, bool $byEntity = false): string
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
            $this->callsFrom($local, $byEntity, '')
        );
    }

    /**
     * INSERT of the transfer targets' rows (transfers_in) into bandeau_call_stat_hourly, after hourlyInsert().
     *
     * Binds: as hourlyInsert().
     *
     * @param string $local
     * @param bool $byEntity
     * @return string
     */
    public function transfersInsert(string $local, bool $byEntity = false): string
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
                $byEntity,
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
     * @param bool $byEntity
     * @return string
     */
    public function unknownInsert(string $local, int $parties = 0, bool $byEntity = false): string
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
                $byEntity,
                '',
                " AND c.direction = 'inbound' AND c.customer_id IS NULL AND c.party_key IS NOT NULL" . $only,
                false,
                // A few numbers: read only their calls of the range, not the whole range.
                $parties > 0 ? ['party_key', 'started_at'] : ['started_at']
            )
        );
    }

    /**
     * Upsert of bandeau_call_stat_unknown_total, each number's calls over every date, for the numbers
     * $keys selects (placeholders or a subquery), summed again from bandeau_call_stat_unknown after
     * their rows changed. The dashboard reads the total as a bound (AggregateStats): it may be above
     * the calls still there (the rebuild sums a month's numbers while later months are still the old
     * ones), never below.
     *
     * @param string $keys
     * @return string
     */
    public function unknownTotalUpsert(string $keys): string
    {
        return sprintf(
            'INSERT INTO %1$s (party_key, calls) SELECT u.party_key, SUM(u.calls) FROM %2$s u'
            . ' WHERE u.party_key IN (%3$s) GROUP BY u.party_key ON DUPLICATE KEY UPDATE calls = VALUES(calls)',
            $this->table('bandeau_call_stat_unknown_total'),
            $this->table('bandeau_call_stat_unknown'),
            $keys
        );
    }

    /**
     * The subquery of the numbers with calls on the local dates [?, ?], for unknownTotalUpsert().
     *
     * @return string
     */
    public function unknownKeysOfDates(): string
    {
        return sprintf(
            'SELECT DISTINCT d.party_key FROM %s d WHERE d.local_date >= ? AND d.local_date <= ?',
            $this->table('bandeau_call_stat_unknown')
        );
    }

    /**
     * SQL of a call's store view (needs the joins of callsFrom()).
     *
     * @return string
     */
    public function storeSql(): string
    {
        return 'CASE WHEN c.customer_id IS NOT NULL THEN COALESCE(ce.store_id, 0)'
            . ' WHEN c.order_id IS NOT NULL THEN COALESCE(so.store_id, 0) ELSE 0 END';
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
     * By primary key range, the month's rows are read in one sequential pass of the clustered index;
     * otherwise through the index starting with $index (started_at, or party_key then started_at),
     * named as this database names it (a table prefix changes the name), so the optimizer never
     * scans the whole log for one hour or month.
     *
     * @param string $local
     * @param bool $byEntity
     * @param string $joins
     * @param string $where
     * @param bool $withStore
     * @param string[] $index leading columns of the index to read the calls through
     * @return string
     */
    private function callsFrom(
        string $local,
        bool $byEntity,
        string $joins,
        string $where = '',
        bool $withStore = true,
        array $index = ['started_at']
    ): string {
        $hint = '';
        $name = $byEntity ? null : ($this->indexOn($index) ?? $this->indexOn(['started_at']));
        if ($name !== null) {
            $hint = ' FORCE INDEX (' . $this->resource->getConnection()->quoteIdentifier($name) . ')';
        }
        return sprintf(
            '%1$s c%2$s%3$s%4$s WHERE c.started_at >= ? AND c.started_at < ? AND %5$s >= ? AND %5$s < ?%6$s'
            . ' AND c.disposition IS NOT NULL%7$s',
            $this->table('bandeau_call'),
            $hint,
            $joins,
            $withStore ? $this->storeJoins() : '',
            $local,
            $byEntity ? ' AND c.entity_id >= ? AND c.entity_id <= ?' : '',
            $where
        );
    }

    /**
     * Name of the index of bandeau_call that starts with started_at, or null.
     *
     * @return string|null
     */
    public function startedAtIndex(): ?string
    {
        return $this->indexOn(['started_at']);
    }

    /**
     * Name of an index of bandeau_call whose leading columns are these, in this order, or null.
     *
     * @param string[] $columns
     * @return string|null
     */
    public function indexOn(array $columns): ?string
    {
        if ($this->indexes === null) {
            $keys = [];
            $rows = $this->resource->getConnection()->fetchAll(
                sprintf('SHOW INDEX FROM %s', $this->table('bandeau_call'))
            );
            foreach ($rows as $row) {
                $keys[(string)$row['Key_name']][(int)$row['Seq_in_index']] = (string)$row['Column_name'];
            }
            $this->indexes = [];
            foreach ($keys as $name => $keyColumns) {
                ksort($keyColumns);
                $keyColumns = array_values($keyColumns);
                // Every prefix of the key, the first index found for it kept.
                for ($n = count($keyColumns); $n > 0; $n--) {
                    $this->indexes[implode(',', array_slice($keyColumns, 0, $n))] ??= (string)$name;
                }
            }
        }
        return $this->indexes[implode(',', $columns)] ?? null;
    }
}
