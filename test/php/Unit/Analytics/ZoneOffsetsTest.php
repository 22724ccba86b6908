<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Model\Analytics\ZoneOffsets;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * ZoneOffsets against PHP's own DateTime, minute by minute, on DST change days of zones with whole,
 * half-hour (Lord Howe: a 30-minute DST) and 45-minute offsets, and one that skips midnight (Havana).
 */
class ZoneOffsetsTest extends TestCase
{
    public static function days(): array
    {
        return [
            'Paris spring' => ['Europe/Paris', '2026-03-29'],
            'Paris autumn' => ['Europe/Paris', '2026-10-25'],
            'New York spring' => ['America/New_York', '2026-03-08'],
            'New York autumn' => ['America/New_York', '2026-11-01'],
            'Lord Howe spring' => ['Australia/Lord_Howe', '2026-10-04'],
            'Lord Howe autumn' => ['Australia/Lord_Howe', '2026-04-05'],
            'Havana spring (no midnight)' => ['America/Havana', '2026-03-08'],
            'Kathmandu' => ['Asia/Kathmandu', '2026-06-01'],
            'UTC' => ['UTC', '2026-06-01'],
        ];
    }

    #[DataProvider('days')]
    public function testHourAndDayRangesHoldExactlyTheInstantsOfThatLocalHourAndDay(string $name, string $date): void
    {
        $zone = new \DateTimeZone($name);
        $offsets = new ZoneOffsets();
        $start = strtotime($date . ' 00:00:00 UTC') - 86400;
        $byHour = [];
        $byDay = [];
        for ($t = $start; $t < $start + 3 * 86400; $t += 60) {
            $local = (new \DateTimeImmutable('@' . $t))->setTimezone($zone);
            $byHour[$local->format('Y-m-d G')][] = $t;
            $byDay[$local->format('Y-m-d')][] = $t;
        }
        for ($hour = 0; $hour < 24; $hour++) {
            [$from, $to] = $offsets->hourRange($zone, $date, $hour);
            $minutes = $byHour[$date . ' ' . $hour] ?? [];
            if ($minutes === []) {
                self::assertSame($from, $to, "hour $hour does not exist on $date in $name");
                continue;
            }
            self::assertSame([min($minutes), max($minutes) + 60], [$from, $to], "$name $date hour $hour");
            self::assertCount(($to - $from) / 60, $minutes, "$name $date hour $hour is one piece");
        }
        [$from, $to] = $offsets->dayRange($zone, $date, $date);
        self::assertSame([min($byDay[$date]), max($byDay[$date]) + 60], [$from, $to], "$name $date");
    }

    public function testIntervalsAreContiguousAndCarryTheZonesOffsets(): void
    {
        $zone = new \DateTimeZone('Europe/Paris');
        $from = strtotime('2026-01-01 00:00:00 UTC');
        $to = strtotime('2027-01-01 00:00:00 UTC');
        $intervals = (new ZoneOffsets())->intervals($zone, $from, $to);
        self::assertSame([
            [$from, strtotime('2026-03-29 01:00:00 UTC'), 3600],
            [strtotime('2026-03-29 01:00:00 UTC'), strtotime('2026-10-25 01:00:00 UTC'), 7200],
            [strtotime('2026-10-25 01:00:00 UTC'), $to, 3600],
        ], $intervals);
        self::assertSame([], (new ZoneOffsets())->intervals($zone, $to, $from));
    }

    public function testLocalSqlIsOneCaseOverTheTransitionsOfTheRange(): void
    {
        $offsets = new ZoneOffsets();
        $paris = new \DateTimeZone('Europe/Paris');
        self::assertSame(
            "(c.started_at + INTERVAL (CASE WHEN c.started_at < '2026-03-29 01:00:00' THEN 3600 ELSE 7200 END) SECOND)",
            $offsets->localSql('c.started_at', $paris, strtotime('2026-03-01 UTC'), strtotime('2026-04-01 UTC'))
        );
        self::assertSame(
            '(c.started_at + INTERVAL 7200 SECOND)',
            $offsets->localSql('c.started_at', $paris, strtotime('2026-06-01 UTC'), strtotime('2026-07-01 UTC'))
        );
        self::assertSame(
            '(k.at + INTERVAL -18000 SECOND)',
            $offsets->localSql('k.at', new \DateTimeZone('America/New_York'), strtotime('2026-01-01 UTC'), strtotime('2026-01-02 UTC'))
        );
    }
}
