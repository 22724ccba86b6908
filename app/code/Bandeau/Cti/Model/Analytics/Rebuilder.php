<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\LocalizedException;

/**
 * Rebuilds the analytics tables from the call log and the orders, one local month at a time, with
 * set-based INSERT ... SELECT statements (CallBucketSql, SaleAttribution::rebuildRange): a month's
 * rows are deleted and written again in one transaction, so the dashboard never reads a half month.
 *
 * Without bounds, everything is rebuilt and the catch-up state is reset to "now" in the current
 * reporting zone (the way to apply a changed zone). Held under a database lock shared with the cron
 * catch-up, so the two never run at once.
 */
class Rebuilder
{
    public const LOCK = 'bandeau_cti_analytics';
    /** A month's primary key range holding up to this many ids per call of the month is read by range. */
    private const SPARSE_FACTOR = 4;

    /**
     * @param ResourceConnection $resource
     * @param CallBucketSql $sql
     * @param ZoneOffsets $offsets
     * @param ReportingZone $reportingZone
     * @param SaleAttribution $sales
     * @param AnalyticsState $state
     * @param Rollups $rollups
     */
    public function __construct(
        private ResourceConnection $resource,
        private CallBucketSql $sql,
        private ZoneOffsets $offsets,
        private ReportingZone $reportingZone,
        private SaleAttribution $sales,
        private AnalyticsState $state,
        private Rollups $rollups
    ) {
    }

    /**
     * The local months to rebuild, each [firstDate, lastDate] ('Y-m-d').
     *
     * @param string|null $from first local date, null = the first call or order
     * @param string|null $to last local date, null = the last call or order
     * @return list<array{0: string, 1: string}>
     * @throws LocalizedException on a malformed date or $from after $to
     */
    public function months(?string $from, ?string $to): array
    {
        foreach (['from' => $from, 'to' => $to] as $name => $date) {
            if ($date !== null && !$this->isDate($date)) {
                throw new LocalizedException(__('--%1 must be a date as YYYY-MM-DD, got "%2".', $name, $date));
            }
        }
        if ($from === null || $to === null) {
            [$first, $last] = $this->dataBounds();
            $from ??= $first;
            $to ??= $last;
        }
        if ($from === null || $to === null) {
            return [];
        }
        if ($from > $to) {
            throw new LocalizedException(__('--from (%1) is after --to (%2).', $from, $to));
        }
        $months = [];
        $start = $from;
        while ($start <= $to) {
            $end = (new \DateTimeImmutable($start, new \DateTimeZone('UTC')))->modify('last day of this month')
                ->format('Y-m-d');
            $months[] = [$start, min($end, $to)];
            $start = (new \DateTimeImmutable($end, new \DateTimeZone('UTC')))->modify('+1 day')->format('Y-m-d');
        }
        return $months;
    }

    /**
     * Rebuilds the months of months($from, $to).
     *
     * @param string|null $from
     * @param string|null $to
     * @param callable(int $done, int $total, string $month, array $counts): void|null $progress after each month
     * @return array{months: int, hourlyRows: int, unknownRows: int, sales: int}
     * @throws LocalizedException when another rebuild or catch-up holds the lock, or on bad dates
     */
    public function rebuild(?string $from = null, ?string $to = null, ?callable $progress = null): array
    {
        $months = $this->months($from, $to);
        $full = $from === null && $to === null;
        if (!$this->lock()) {
            throw new LocalizedException(
                __('Another call analytics rebuild or catch-up is running; try again when it has finished.')
            );
        }
        try {
            $marks = $this->state->currentMarks();
            $totals = ['months' => 0, 'hourlyRows' => 0, 'unknownRows' => 0, 'sales' => 0];
            if ($full) {
                $this->clearOutside($months);
            }
            foreach ($months as $i => [$first, $last]) {
                $counts = $this->rebuildMonth($first, $last);
                foreach ($counts as $key => $count) {
                    $totals[$key] += $count;
                }
                $totals['months']++;
                if ($progress !== null) {
                    $progress($i + 1, count($months), substr($first, 0, 7), $counts);
                }
            }
            // Numbers without rows any more (erased, retention) leave the totals too.
            $this->resource->getConnection()->query(sprintf(
                'DELETE t FROM %s t LEFT JOIN %s u ON u.party_key = t.party_key WHERE u.party_key IS NULL',
                $this->sql->table('bandeau_call_stat_unknown_total'),
                $this->sql->table('bandeau_call_stat_unknown')
            ));
            if (!$full && $months !== []) {
                // Orders placed just after the range may be won or lost by its calls.
                $end = $this->offsets->localMidnight($this->reportingZone->zone(), $months[count($months) - 1][1], 1);
                $totals['sales'] += $this->sales->rebuildRange($end, $end + $this->sales->windowDays() * 86400 + 1);
            }
            if ($full) {
                $this->state->markRebuilt($this->reportingZone->zone()->getName(), $marks);
            }
            return $totals;
        } finally {
            $this->unlock();
        }
    }

    /**
     * Takes the lock shared by the rebuild and the catch-up, without waiting. Named after the
     * database too: installs sharing a server do not block each other.
     *
     * @return bool false when another process holds it
     */
    public function lock(): bool
    {
        return (int)$this->resource->getConnection()->fetchOne(
            "SELECT GET_LOCK(CONCAT(IFNULL(DATABASE(), ''), '/', ?), 0)",
            [self::LOCK]
        ) === 1;
    }

    /**
     * Releases lock().
     */
    public function unlock(): void
    {
        $this->resource->getConnection()->fetchOne(
            "SELECT RELEASE_LOCK(CONCAT(IFNULL(DATABASE(), ''), '/', ?))",
            [self::LOCK]
        );
    }

    /**
     * Rebuilds the local dates [$first, $last] of one month.
     *
     * @param string $first
     * @param string $last
     * @return array{hourlyRows: int, unknownRows: int, sales: int}
     */
    private function rebuildMonth(string $first, string $last): array
    {
        $zone = $this->reportingZone->zone();
        [$from, $to] = $this->offsets->dayRange($zone, $first, $last);
        $local = $this->offsets->localSql('c.started_at', $zone, $from - 7200, $to + 7200);
        $next = (new \DateTimeImmutable($last, new \DateTimeZone('UTC')))->modify('+1 day')->format('Y-m-d');
        // A little wider in UTC, exact in local time: a zone that repeats its midnight stays exact.
        $bind = [
            gmdate('Y-m-d H:i:s', $from - 7200),
            gmdate('Y-m-d H:i:s', $to + 7200),
            $first . ' 00:00:00',
            $next . ' 00:00:00',
        ];
        $connection = $this->resource->getConnection();
        $span = $connection->fetchRow(
            sprintf(
                'SELECT MIN(entity_id) AS lo, MAX(entity_id) AS hi, COUNT(*) AS n FROM %s'
                . ' WHERE started_at >= ? AND started_at < ?',
                $this->sql->table('bandeau_call')
            ),
            array_slice($bind, 0, 2)
        );
        $count = (int)($span['n'] ?? 0);
        // Calls are stored about in the order they happen: then the month is one compact primary key
        // range, read sequentially (many times faster than index lookups). Otherwise, the index.
        $byEntity = $count > 0 && (int)$span['hi'] - (int)$span['lo'] + 1 <= self::SPARSE_FACTOR * $count;
        if ($byEntity) {
            $bind = array_merge($bind, [(int)$span['lo'], (int)$span['hi']]);
        }
        $hourly = 0;
        $unknown = 0;
        $connection->beginTransaction();
        try {
            foreach (['bandeau_call_stat_hourly', 'bandeau_call_stat_unknown'] as $table) {
                $connection->query(
                    sprintf('DELETE FROM %s WHERE local_date >= ? AND local_date <= ?', $this->sql->table($table)),
                    [$first, $last]
                );
            }
            if ($count > 0) {
                $hourly = $connection->query($this->sql->hourlyInsert($local, $byEntity), $bind)->rowCount();
                $connection->query($this->sql->transfersInsert($local, $byEntity), $bind);
                $unknown = $connection->query($this->sql->unknownInsert($local, 0, $byEntity), $bind)->rowCount();
                $connection->query($this->sql->unknownTotalUpsert($this->sql->unknownKeysOfDates()), [$first, $last]);
            }
            $this->rollups->refreshDates($first, $last);
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
        return ['hourlyRows' => $hourly, 'unknownRows' => $unknown, 'sales' => $this->sales->rebuildRange($from, $to)];
    }

    /**
     * Before a full rebuild: deletes the rows outside the months rebuilt (all rows when there are none).
     *
     * @param list<array{0: string, 1: string}> $months
     */
    private function clearOutside(array $months): void
    {
        $connection = $this->resource->getConnection();
        if ($months === []) {
            $tables = [
                'bandeau_call_stat_hourly',
                'bandeau_call_stat_unknown',
                'bandeau_call_stat_unknown_total',
                'bandeau_call_sale',
            ];
            foreach ($tables as $table) {
                $connection->query(sprintf('DELETE FROM %s', $this->sql->table($table)));
            }
            $this->rollups->delete('');
            return;
        }
        $first = $months[0][0];
        $last = $months[count($months) - 1][1];
        foreach (['bandeau_call_stat_hourly', 'bandeau_call_stat_unknown'] as $table) {
            $connection->query(
                sprintf('DELETE FROM %s WHERE local_date < ? OR local_date > ?', $this->sql->table($table)),
                [$first, $last]
            );
        }
        $this->rollups->delete('local_date < ? OR local_date > ?', [$first, $last]);
        // Orders outside the bounds (none when the bounds come from the data) and orphans.
        $zone = $this->reportingZone->zone();
        $connection->query(
            sprintf(
                'DELETE s FROM %s s LEFT JOIN %s o ON o.entity_id = s.order_id'
                . ' WHERE o.entity_id IS NULL OR o.created_at < ? OR o.created_at >= ?',
                $this->sql->table('bandeau_call_sale'),
                $this->sql->table('sales_order')
            ),
            [
                gmdate('Y-m-d H:i:s', $this->offsets->localMidnight($zone, $first)),
                gmdate('Y-m-d H:i:s', $this->offsets->localMidnight($zone, $last, 1)),
            ]
        );
    }

    /**
     * Local dates of the first and last call or order, or nulls when there is neither.
     *
     * @return array{0: string|null, 1: string|null}
     */
    private function dataBounds(): array
    {
        $connection = $this->resource->getConnection();
        $calls = $connection->fetchRow(
            sprintf('SELECT MIN(started_at) AS lo, MAX(started_at) AS hi FROM %s', $this->sql->table('bandeau_call'))
        );
        $orders = $connection->fetchRow(
            sprintf('SELECT MIN(created_at) AS lo, MAX(created_at) AS hi FROM %s', $this->sql->table('sales_order'))
        );
        $lo = array_filter([$calls['lo'] ?? null, $orders['lo'] ?? null]);
        $hi = array_filter([$calls['hi'] ?? null, $orders['hi'] ?? null]);
        if ($lo === [] || $hi === []) {
            return [null, null];
        }
        $zone = $this->reportingZone->zone();
        $local = static fn (string $utc): string => (new \DateTimeImmutable($utc, new \DateTimeZone('UTC')))
            ->setTimezone($zone)->format('Y-m-d');
        return [$local(min($lo)), $local(max($hi))];
    }

    /**
     * @param string $date
     * @return bool
     */
    private function isDate(string $date): bool
    {
        $parsed = \DateTimeImmutable::createFromFormat('!Y-m-d', $date, new \DateTimeZone('UTC'));
        return $parsed !== false && $parsed->format('Y-m-d') === $date;
    }
}
