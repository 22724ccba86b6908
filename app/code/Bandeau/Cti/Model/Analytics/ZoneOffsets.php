<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

/**
 * UTC to local time for SQL, from PHP's zone data (DateTimeZone::getTransitions()), because
 * MariaDB's named time zones (CONVERT_TZ with 'Europe/Paris') need the mysql.time_zone tables,
 * which many installs never load.
 *
 * A UTC range is cut into intervals of constant offset; SQL adds the interval's offset to a UTC
 * DATETIME column (localSql()). Times are Unix seconds in PHP and 'Y-m-d H:i:s' UTC strings in SQL.
 */
class ZoneOffsets
{
    /**
     * The intervals of constant UTC offset covering [$fromUtc, $toUtc).
     *
     * @param \DateTimeZone $zone
     * @param int $fromUtc
     * @param int $toUtc
     * @return list<array{0: int, 1: int, 2: int}> [fromUtc, toUtc, offsetSeconds], in order, contiguous
     */
    public function intervals(\DateTimeZone $zone, int $fromUtc, int $toUtc): array
    {
        if ($toUtc <= $fromUtc) {
            return [];
        }
        $transitions = $zone->getTransitions($fromUtc, $toUtc) ?: [];
        $intervals = [];
        $start = $fromUtc;
        $offset = $this->offsetAt($zone, $fromUtc);
        foreach ($transitions as $transition) {
            $at = (int)$transition['ts'];
            if ($at <= $fromUtc) {
                continue;
            }
            if ($at >= $toUtc) {
                break;
            }
            if ((int)$transition['offset'] === $offset) {
                continue;
            }
            $intervals[] = [$start, $at, $offset];
            $start = $at;
            $offset = (int)$transition['offset'];
        }
        $intervals[] = [$start, $toUtc, $offset];
        return $intervals;
    }

    /**
     * SQL expression of the local DATETIME of a UTC DATETIME column, exact for values in [$fromUtc, $toUtc).
     *
     * A CASE over the transitions of the range (one branch per DST change): no join, no zone table.
     * Values outside the range get the offset of the nearest interval.
     *
     * @param string $column a column reference, e.g. "c.started_at" (not user input)
     * @param \DateTimeZone $zone
     * @param int $fromUtc
     * @param int $toUtc
     * @return string
     */
    public function localSql(string $column, \DateTimeZone $zone, int $fromUtc, int $toUtc): string
    {
        $intervals = $this->intervals($zone, $fromUtc, max($toUtc, $fromUtc + 1));
        $last = array_pop($intervals);
        if ($intervals === []) {
            return sprintf('(%s + INTERVAL %d SECOND)', $column, $last[2]);
        }
        $branches = '';
        foreach ($intervals as [, $to, $offset]) {
            $branches .= sprintf(" WHEN %s < '%s' THEN %d", $column, gmdate('Y-m-d H:i:s', $to), $offset);
        }
        return sprintf('(%s + INTERVAL (CASE%s ELSE %d END) SECOND)', $column, $branches, $last[2]);
    }

    /**
     * The UTC bounds [from, to) of the local days $fromDate to $toDate (inclusive, 'Y-m-d').
     *
     * @param \DateTimeZone $zone
     * @param string $fromDate
     * @param string $toDate
     * @return array{0: int, 1: int}
     */
    public function dayRange(\DateTimeZone $zone, string $fromDate, string $toDate): array
    {
        return [$this->localMidnight($zone, $fromDate), $this->localMidnight($zone, $toDate, 1)];
    }

    /**
     * The UTC bounds [from, to) of the instants whose local time falls in the hour $hour of $date.
     *
     * On the spring-forward day the missing hour is empty (from = to); on the fall-back day the
     * repeated hour spans two UTC hours.
     *
     * @param \DateTimeZone $zone
     * @param string $date 'Y-m-d'
     * @param int $hour 0-23
     * @return array{0: int, 1: int}
     */
    public function hourRange(\DateTimeZone $zone, string $date, int $hour): array
    {
        $naive = (new \DateTimeImmutable($date . ' 00:00:00', new \DateTimeZone('UTC')))->getTimestamp()
            + $hour * 3600;
        $from = null;
        $to = null;
        // Offsets stay within -12 h..+14 h: the instants of this local hour lie within 15 h of its naive UTC time.
        foreach ($this->intervals($zone, $naive - 54000, $naive + 57600) as [$start, $end, $offset]) {
            $lo = max($start, $naive - $offset);
            $hi = min($end, $naive + 3600 - $offset);
            if ($lo < $hi) {
                $from = $from === null ? $lo : min($from, $lo);
                $to = $to === null ? $hi : max($to, $hi);
            }
        }
        return $from === null ? [$naive, $naive] : [$from, $to];
    }

    /**
     * The first UTC instant of a local date (+ $days days), local midnight or, when midnight is
     * skipped by a DST change, the first instant after it.
     *
     * @param \DateTimeZone $zone
     * @param string $date
     * @param int $days
     * @return int
     */
    public function localMidnight(\DateTimeZone $zone, string $date, int $days = 0): int
    {
        $day = new \DateTimeImmutable($date . ' 00:00:00', new \DateTimeZone('UTC'));
        if ($days !== 0) {
            $day = $day->modify(sprintf('%+d day', $days));
        }
        $naive = $day->getTimestamp();
        $from = null;
        foreach ($this->intervals($zone, $naive - 54000, $naive + 86400 + 57600) as [$start, $end, $offset]) {
            $lo = max($start, $naive - $offset);
            $hi = min($end, $naive + 86400 - $offset);
            if ($lo < $hi) {
                $from = $from === null ? $lo : min($from, $lo);
            }
        }
        return $from ?? $naive;
    }

    /**
     * @param \DateTimeZone $zone
     * @param int $utc
     * @return int
     */
    private function offsetAt(\DateTimeZone $zone, int $utc): int
    {
        return $zone->getOffset(new \DateTimeImmutable('@' . $utc));
    }
}
