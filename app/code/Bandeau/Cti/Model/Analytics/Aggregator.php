<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * Keeps the analytics tables true for given calls (recorded, wrapped up, anonymised...).
 *
 * Idempotent: each local hour holding one of the calls is recomputed from the call log (its rows
 * deleted, then rebuilt by one INSERT ... SELECT, in one transaction), never incremented, so the same
 * record delivered twice or a later wrap-up counts the call once; the rollups get the difference
 * between that hour's rows after and before (Rollups::applyHour()). Callers without an account are
 * recomputed per (local date, number), or for the whole local day when a call was anonymised (its
 * former number must leave the table). Orders of the calls' customers within the sale window are
 * attributed again (SaleAttribution).
 */
class Aggregator
{
    /** Calls read per statement. */
    private const BATCH = 500;

    /**
     * @param ResourceConnection $resource
     * @param CallBucketSql $sql
     * @param ZoneOffsets $offsets
     * @param ReportingZone $reportingZone
     * @param SaleAttribution $sales
     * @param Rollups $rollups
     */
    public function __construct(
        private ResourceConnection $resource,
        private CallBucketSql $sql,
        private ZoneOffsets $offsets,
        private ReportingZone $reportingZone,
        private SaleAttribution $sales,
        private Rollups $rollups
    ) {
    }

    /**
     * Refreshes the aggregates of the calls with these bridge call ids.
     *
     * @param string[] $callIds
     * @return int the local hours recomputed
     */
    public function refreshCalls(array $callIds): int
    {
        return $this->refresh('call_id', array_values(array_unique(array_map('strval', $callIds))));
    }

    /**
     * Refreshes the aggregates of the calls with these entity ids.
     *
     * @param int[] $entityIds
     * @return int the local hours recomputed
     */
    public function refreshEntities(array $entityIds): int
    {
        return $this->refresh('entity_id', array_values(array_unique(array_map('intval', $entityIds))));
    }

    /**
     * Reads the calls, then recomputes their hours, unknown callers and sales.
     *
     * @param string $column
     * @param array $ids
     * @return int
     */
    private function refresh(string $column, array $ids): int
    {
        if ($ids === []) {
            return 0;
        }
        $connection = $this->resource->getConnection();
        $zone = $this->reportingZone->zone();
        $hours = [];
        $parties = [];
        $days = [];
        $calls = [];
        foreach (array_chunk($ids, self::BATCH) as $chunk) {
            $rows = $connection->fetchAll(
                sprintf(
                    'SELECT entity_id, started_at, direction, customer_id, party_key, anonymised_at'
                    . ' FROM %s WHERE %s IN (%s)',
                    $this->sql->table('bandeau_call'),
                    $column,
                    implode(', ', array_fill(0, count($chunk), '?'))
                ),
                $chunk
            );
            foreach ($rows as $row) {
                $start = (new \DateTimeImmutable((string)$row['started_at'], new \DateTimeZone('UTC')))
                    ->setTimezone($zone);
                $date = $start->format('Y-m-d');
                $hours[$date . ' ' . $start->format('G')] = [$date, (int)$start->format('G')];
                if ($row['anonymised_at'] !== null) {
                    $days[$date] = true;
                } elseif ($row['direction'] === 'inbound' && $row['party_key'] !== null) {
                    $parties[$date][(string)$row['party_key']] = true;
                }
                $calls[] = $row;
            }
        }
        foreach ($hours as [$date, $hour]) {
            $this->refreshHour($zone, $date, $hour);
        }
        foreach (array_keys($days) as $date) {
            $this->refreshUnknown($zone, (string)$date, []);
            unset($parties[$date]);
        }
        foreach ($parties as $date => $keys) {
            foreach (array_chunk(array_keys($keys), self::BATCH) as $chunk) {
                $this->refreshUnknown($zone, (string)$date, array_map('strval', $chunk));
            }
        }
        $this->sales->refreshForCalls($calls);
        return count($hours);
    }

    /**
     * Recomputes the rows of one local hour, and the rollups summed from them.
     *
     * @param \DateTimeZone $zone
     * @param string $date
     * @param int $hour
     */
    public function refreshHour(\DateTimeZone $zone, string $date, int $hour): void
    {
        [$from, $to] = $this->offsets->hourRange($zone, $date, $hour);
        $localFrom = sprintf('%s %02d:00:00', $date, $hour);
        $localTo = gmdate('Y-m-d H:i:s', strtotime($localFrom . ' UTC') + 3600);
        $local = $this->offsets->localSql('c.started_at', $zone, $from - 3600, $to + 3600);
        $bind = [gmdate('Y-m-d H:i:s', $from), gmdate('Y-m-d H:i:s', $to), $localFrom, $localTo];
        $connection = $this->resource->getConnection();
        $connection->beginTransaction();
        try {
            $before = $this->rollups->hourRows($date, $hour);
            $connection->query(
                sprintf(
                    'DELETE FROM %s WHERE local_date = ? AND hour = ?',
                    $this->sql->table('bandeau_call_stat_hourly')
                ),
                [$date, $hour]
            );
            if ($from < $to) {
                $connection->query($this->sql->hourlyInsert($local), $bind);
                $connection->query($this->sql->transfersInsert($local), $bind);
            }
            $this->rollups->applyHour($before, $this->rollups->hourRows($date, $hour));
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
    }

    /**
     * Recomputes the callers without an account of one local day: these numbers, or all ([]).
     *
     * @param \DateTimeZone $zone
     * @param string $date
     * @param string[] $partyKeys
     */
    public function refreshUnknown(\DateTimeZone $zone, string $date, array $partyKeys): void
    {
        [$from, $to] = $this->offsets->dayRange($zone, $date, $date);
        $local = $this->offsets->localSql('c.started_at', $zone, $from - 3600, $to + 3600);
        $next = gmdate('Y-m-d', strtotime($date . ' 00:00:00 UTC') + 86400);
        $bind = array_merge(
            [
                gmdate('Y-m-d H:i:s', $from - 7200),
                gmdate('Y-m-d H:i:s', $to + 7200),
                $date . ' 00:00:00',
                $next . ' 00:00:00',
            ],
            $partyKeys
        );
        $table = $this->sql->table('bandeau_call_stat_unknown');
        $connection = $this->resource->getConnection();
        $numbersOfDay = static fn (): array => array_map(
            'strval',
            $connection->fetchCol(sprintf('SELECT party_key FROM %s WHERE local_date = ?', $table), [$date])
        );
        $connection->beginTransaction();
        try {
            // The whole day: its former numbers too, so that a number which left (anonymised) leaves the totals.
            $touched = $partyKeys === [] ? $numbersOfDay() : $partyKeys;
            if ($partyKeys === []) {
                $connection->query(sprintf('DELETE FROM %s WHERE local_date = ?', $table), [$date]);
            } else {
                $connection->query(
                    sprintf(
                        'DELETE FROM %s WHERE local_date = ? AND party_key IN (%s)',
                        $table,
                        implode(', ', array_fill(0, count($partyKeys), '?'))
                    ),
                    array_merge([$date], $partyKeys)
                );
            }
            $connection->query($this->sql->unknownInsert($local, count($partyKeys)), $bind);
            if ($partyKeys === []) {
                $touched = array_merge($touched, $numbersOfDay());
            }
            $this->refreshUnknownTotals($touched);
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
    }

    /**
     * Sums again the totals of these numbers (bandeau_call_stat_unknown_total): a number without rows
     * any more has none.
     *
     * @param string[] $partyKeys
     */
    private function refreshUnknownTotals(array $partyKeys): void
    {
        $connection = $this->resource->getConnection();
        foreach (array_chunk(array_values(array_unique($partyKeys)), self::BATCH) as $chunk) {
            $in = implode(', ', array_fill(0, count($chunk), '?'));
            $totals = $this->sql->table('bandeau_call_stat_unknown_total');
            $connection->query(sprintf('DELETE FROM %s WHERE party_key IN (%s)', $totals, $in), $chunk);
            $connection->query($this->sql->unknownTotalUpsert($in), $chunk);
        }
    }
}
