<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * The narrow rollups of bandeau_call_stat_hourly the dashboard reads, in the caller's transaction
 * either summed from it with one INSERT ... SELECT ... GROUP BY over the dates the caller has just
 * rebuilt, or given the difference one recomputed hour made (applyHour()): they are never more or
 * less true than the hourly table.
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

    /** The key of bandeau_call_stat_hourly (its primary key). */
    public const HOURLY_KEY = [
        'local_date', 'hour', 'store_id', 'direction', 'agent_user_id', 'route', 'queue_name', 'campaign_id',
    ];

    /**
     * The rows of one local hour of the hourly table (keys and measures), to be given to applyHour()
     * before and after that hour is rewritten; read FOR UPDATE, so that a concurrent rewrite of the
     * same hour waits.
     *
     * @param string $date
     * @param int $hour
     * @return array<int, array<string, mixed>>
     */
    public function hourRows(string $date, int $hour): array
    {
        return $this->resource->getConnection()->fetchAll(
            sprintf(
                'SELECT %s, %s FROM %s WHERE local_date = ? AND hour = ? FOR UPDATE',
                implode(', ', self::HOURLY_KEY),
                implode(', ', self::MEASURES),
                $this->table('bandeau_call_stat_hourly')
            ),
            [$date, $hour]
        );
    }

    /**
     * After one local hour of the hourly table was rewritten (in the same transaction): adds to every
     * rollup the difference between that hour's rows after and before (hourRows()), and deletes the
     * rollup rows it left with nothing. A recorded call changes one or two hourly rows, so this
     * writes a few rollup rows instead of summing the hour or the day again; the sums are the same.
     *
     * @param array<int, array<string, mixed>> $before
     * @param array<int, array<string, mixed>> $after
     */
    public function applyHour(array $before, array $after): void
    {
        $changes = [];
        foreach ([[$before, -1], [$after, 1]] as [$rows, $sign]) {
            foreach ($rows as $row) {
                $key = json_encode(array_map(
                    'strval',
                    array_intersect_key($row, array_flip(self::HOURLY_KEY))
                ));
                foreach (self::MEASURES as $m) {
                    $changes[$key][$m] = ($changes[$key][$m] ?? 0) + $sign * (int)$row[$m];
                }
            }
        }
        $changes = array_filter($changes, static fn (array $d): bool => array_filter($d) !== []);
        if ($changes === []) {
            return;
        }
        foreach (self::KEYS as $table => $keys) {
            $deltas = [];
            foreach ($changes as $key => $delta) {
                $values = array_combine(self::HOURLY_KEY, json_decode($key, true));
                $rollupKey = json_encode(array_map(static fn (string $k): string => $values[$k], $keys));
                foreach ($delta as $m => $d) {
                    $deltas[$rollupKey][$m] = ($deltas[$rollupKey][$m] ?? 0) + $d;
                }
            }
            $this->addDeltas($table, $keys, $deltas);
        }
    }

    /**
     * Adds deltas to rows of one rollup (created when missing), then deletes those left with nothing.
     *
     * @param string $table
     * @param string[] $keys
     * @param array<string, array<string, int>> $deltas by JSON list of the key's values
     */
    private function addDeltas(string $table, array $keys, array $deltas): void
    {
        $connection = $this->resource->getConnection();
        $upsert = sprintf(
            'INSERT INTO %s (%s, %s) VALUES (%s, %s) ON DUPLICATE KEY UPDATE %s',
            $this->table($table),
            implode(', ', $keys),
            implode(', ', self::MEASURES),
            implode(', ', array_fill(0, count($keys), '?')),
            implode(', ', array_fill(0, count(self::MEASURES), 'GREATEST(?, 0)')),
            // Never below zero, even on rollups out of step (before their first fill).
            implode(', ', array_map(
                static fn (string $m): string => "$m = GREATEST(CAST($m AS SIGNED) + ?, 0)",
                self::MEASURES
            ))
        );
        $emptied = [];
        foreach ($deltas as $key => $delta) {
            if (array_filter($delta) === []) {
                continue;
            }
            $values = json_decode($key, true);
            $measures = array_map(static fn (string $m): int => $delta[$m], self::MEASURES);
            $connection->query($upsert, array_merge($values, $measures, $measures));
            if ($delta['calls'] < 0 || $delta['transfers_in'] < 0) {
                $emptied[] = $values;
            }
        }
        $match = '(' . implode(' AND ', array_map(static fn (string $k): string => "$k = ?", $keys)) . ')';
        foreach (array_chunk($emptied, 100) as $chunk) {
            $connection->query(
                sprintf(
                    'DELETE FROM %s WHERE calls = 0 AND transfers_in = 0 AND (%s)',
                    $this->table($table),
                    implode(' OR ', array_fill(0, count($chunk), $match))
                ),
                array_merge(...$chunk)
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
