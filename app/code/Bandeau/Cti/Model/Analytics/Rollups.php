<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * The narrow rollups of bandeau_call_stat_hourly the dashboard reads, each summed from it with one
 * INSERT ... SELECT ... GROUP BY over the dates (or the hour) the caller has just recomputed, in the
 * caller's transaction: they are never more or less true than the hourly table.
 *
 * The hourly table holds about one row per two calls (eight dimensions); a year of it is millions of
 * rows. Each rollup keeps only the dimensions one block of the dashboard groups or filters by, so a
 * range reads thousands of rows: per hour for the heat map, the days and the totals; per route and
 * queue; per agent. The agent filter reads the *_agent tables, whose primary key starts with the
 * agent, so one agent's range is one short key range.
 */
class Rollups
{
    public const HOUR = 'bandeau_call_stat_hour';
    public const HOUR_AGENT = 'bandeau_call_stat_hour_agent';
    public const ROUTE = 'bandeau_call_stat_route';
    public const ROUTE_AGENT = 'bandeau_call_stat_route_agent';
    public const AGENT = 'bandeau_call_stat_agent';

    /** Summed columns, as in bandeau_call_stat_hourly. */
    public const MEASURES = [
        'calls', 'answered', 'missed', 'abandoned', 'other', 'ring_s', 'talk_s', 'wait_s', 'transfers_out',
        'transfers_in',
    ];

    /** Each rollup's key (its primary key, in order). */
    public const KEYS = [
        self::HOUR => ['local_date', 'hour', 'store_id', 'direction'],
        self::HOUR_AGENT => ['agent_user_id', 'local_date', 'hour', 'store_id', 'direction'],
        self::ROUTE => ['local_date', 'store_id', 'direction', 'route', 'queue_name'],
        self::ROUTE_AGENT => ['agent_user_id', 'local_date', 'store_id', 'direction', 'route', 'queue_name'],
        self::AGENT => ['local_date', 'store_id', 'direction', 'agent_user_id'],
    ];

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * Sums every rollup again for the local dates [$from, $to] (after the hourly rows of those dates
     * were rewritten).
     *
     * @param string $from 'Y-m-d'
     * @param string $to 'Y-m-d'
     */
    public function refreshDates(string $from, string $to): void
    {
        foreach (array_keys(self::KEYS) as $table) {
            $this->refresh($table, 'local_date >= ? AND local_date <= ?', [$from, $to]);
        }
    }

    /**
     * Before one local hour of the hourly table is rewritten (in the same transaction): takes that
     * hour's rows out of the date rollups, so that addHour() only has to add the new ones (a call's
     * refresh then reads one hour of the hourly table, not its whole day).
     *
     * @param string $date
     * @param int $hour
     */
    public function subtractHour(string $date, int $hour): void
    {
        foreach (self::KEYS as $table => $keys) {
            if (in_array('hour', $keys, true)) {
                continue;
            }
            $key = implode(', ', $keys);
            $this->resource->getConnection()->query(
                sprintf(
                    'UPDATE %1$s t INNER JOIN (SELECT %2$s, %3$s FROM %4$s WHERE local_date = ? AND hour = ?'
                    . ' GROUP BY %2$s) h USING (%2$s) SET %5$s',
                    $this->table($table),
                    $key,
                    implode(', ', array_map(static fn (string $m): string => "SUM($m) AS $m", self::MEASURES)),
                    $this->table('bandeau_call_stat_hourly'),
                    // Never below zero, even on rollups out of step (before their first fill).
                    implode(', ', array_map(
                        static fn (string $m): string => "t.$m = GREATEST(CAST(t.$m AS SIGNED) - h.$m, 0)",
                        self::MEASURES
                    ))
                ),
                [$date, $hour]
            );
        }
    }

    /**
     * After one local hour of the hourly table was rewritten (in the same transaction): that hour of
     * the hour rollups written again, its rows added to the date rollups (subtractHour() took the
     * former ones out), and the date rows left with nothing deleted.
     *
     * @param string $date
     * @param int $hour
     */
    public function addHour(string $date, int $hour): void
    {
        $connection = $this->resource->getConnection();
        foreach (self::KEYS as $table => $keys) {
            if (in_array('hour', $keys, true)) {
                $this->refresh($table, 'local_date = ? AND hour = ?', [$date, $hour]);
                continue;
            }
            $connection->query(
                $this->insert($table, 'local_date = ? AND hour = ?') . ' ON DUPLICATE KEY UPDATE '
                . implode(', ', array_map(static fn (string $m): string => "$m = $m + VALUES($m)", self::MEASURES)),
                [$date, $hour]
            );
            $connection->query(
                sprintf('DELETE FROM %s WHERE local_date = ? AND calls = 0 AND transfers_in = 0', $this->table($table)),
                [$date]
            );
        }
    }

    /**
     * Deletes every rollup row matching a condition on local_date (the rebuild's clean-up).
     *
     * @param string $where
     * @param array<int, string> $bind
     */
    public function delete(string $where, array $bind = []): void
    {
        $connection = $this->resource->getConnection();
        foreach (array_keys(self::KEYS) as $table) {
            $connection->query(
                sprintf('DELETE FROM %s%s', $this->table($table), $where === '' ? '' : ' WHERE ' . $where),
                $bind
            );
        }
    }

    /**
     * Rewrites the rows of one rollup matching $where from the hourly rows matching it.
     *
     * @param string $table
     * @param string $where
     * @param array<int, int|string> $bind
     */
    private function refresh(string $table, string $where, array $bind): void
    {
        $connection = $this->resource->getConnection();
        $connection->query(sprintf('DELETE FROM %s WHERE %s', $this->table($table), $where), $bind);
        $connection->query($this->insert($table, $where), $bind);
    }

    /**
     * INSERT into one rollup of the hourly rows matching $where, summed by the rollup's key.
     *
     * @param string $table
     * @param string $where
     * @return string
     */
    private function insert(string $table, string $where): string
    {
        return sprintf(
            'INSERT INTO %1$s (%2$s, %3$s) SELECT %2$s, %4$s FROM %5$s WHERE %6$s GROUP BY %2$s',
            $this->table($table),
            implode(', ', self::KEYS[$table]),
            implode(', ', self::MEASURES),
            implode(', ', array_map(static fn (string $m): string => 'SUM(' . $m . ')', self::MEASURES)),
            $this->table('bandeau_call_stat_hourly'),
            $where
        );
    }

    /**
     * @param string $name
     * @return string
     */
    private function table(string $name): string
    {
        return $this->resource->getTableName($name);
    }
}
