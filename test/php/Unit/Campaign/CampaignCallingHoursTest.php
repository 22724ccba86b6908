<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Campaign;

use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\CallingHours;
use Bandeau\Cti\Model\Campaign\Campaign;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * CallingHours::isOpen() across time zones and daylight-saving changes.
 */
class CampaignCallingHoursTest extends TestCase
{
    private static function campaign(string $zone, string $start = '09:00', string $end = '18:00', array $days = [1, 2, 3, 4, 5]): Campaign
    {
        return new Campaign(1, 'Carts', new AudienceFilter(), '2024-01-01 00:00:00', $zone, $start, $end, $days);
    }

    private static function at(string $utc): int
    {
        return (new \DateTimeImmutable($utc, new \DateTimeZone('UTC')))->getTimestamp();
    }

    public static function instants(): array
    {
        return [
            // Paris in winter is UTC+1: 09:00 local = 08:00 UTC.
            'Paris winter, 08:59 local' => ['Europe/Paris', '2024-01-15 07:59:59', false],
            'Paris winter, 09:00 local' => ['Europe/Paris', '2024-01-15 08:00:00', true],
            'Paris winter, 17:59 local' => ['Europe/Paris', '2024-01-15 16:59:59', true],
            'Paris winter, 18:00 local (end is exclusive)' => ['Europe/Paris', '2024-01-15 17:00:00', false],
            // Paris in summer is UTC+2: the same UTC instant is an hour later locally.
            'Paris summer, 09:00 local' => ['Europe/Paris', '2024-07-15 07:00:00', true],
            'Paris summer, 08:59 local' => ['Europe/Paris', '2024-07-15 06:59:00', false],
            'Paris summer, 18:00 local' => ['Europe/Paris', '2024-07-15 16:00:00', false],
            // Spring forward (Sunday 31 March 2024) then Monday 1 April: 09:00 CEST = 07:00 UTC.
            'Paris Monday after spring forward, 09:00' => ['Europe/Paris', '2024-04-01 07:00:00', true],
            'Paris Friday before spring forward, 08:30' => ['Europe/Paris', '2024-03-29 07:30:00', false],
            // Fall back (Sunday 27 October 2024): Monday 28, 09:00 CET = 08:00 UTC.
            'Paris Monday after fall back, 08:30 (07:30 UTC)' => ['Europe/Paris', '2024-10-28 07:30:00', false],
            'Paris Monday after fall back, 09:00 (08:00 UTC)' => ['Europe/Paris', '2024-10-28 08:00:00', true],
            // Weekends and weekdays are local days.
            'Paris Saturday noon' => ['Europe/Paris', '2024-01-13 11:00:00', false],
            'Monday 08:30 in Auckland (NZDT, UTC+13) is Sunday 19:30 UTC' => ['Pacific/Auckland', '2024-01-14 19:30:00', false],
            'Monday 09:30 in Auckland is Sunday in UTC, open' => ['Pacific/Auckland', '2024-01-14 20:30:00', true],
            'Saturday 09:30 in Auckland is Friday in UTC, closed' => ['Pacific/Auckland', '2024-01-19 20:30:00', false],
            'Monday 10:00 in Auckland' => ['Pacific/Auckland', '2024-01-14 21:00:00', true],
            'Friday 17:00 in New York (EST) is Friday 22:00 UTC' => ['America/New_York', '2024-01-19 22:00:00', true],
            'Friday 18:30 in New York is Saturday UTC' => ['America/New_York', '2024-01-19 23:30:00', false],
            // US clocks change on 10 March 2024, Europe's on 31 March: 09:00 New York = 13:00 UTC then.
            'New York between the two changes, 09:00 EDT' => ['America/New_York', '2024-03-20 13:00:00', true],
            'New York between the two changes, 08:30 EDT' => ['America/New_York', '2024-03-20 12:30:00', false],
            'UTC zone' => ['UTC', '2024-01-15 09:00:00', true],
            'Kolkata half-hour offset, 09:00 IST = 03:30 UTC' => ['Asia/Kolkata', '2024-01-15 03:30:00', true],
            'Kolkata 08:59 IST' => ['Asia/Kolkata', '2024-01-15 03:29:00', false],
        ];
    }

    #[DataProvider('instants')]
    public function testIsOpen(string $zone, string $utc, bool $open): void
    {
        self::assertSame($open, (new CallingHours())->isOpen(self::campaign($zone), self::at($utc)));
    }

    public function testTheSameInstantIsOpenInOneZoneAndClosedInAnother(): void
    {
        $hours = new CallingHours();
        $instant = self::at('2024-01-15 08:30:00');
        self::assertTrue($hours->isOpen(self::campaign('Europe/Paris'), $instant));
        self::assertFalse($hours->isOpen(self::campaign('America/New_York'), $instant));
        self::assertTrue($hours->isOpen(self::campaign('Europe/Paris'), new \DateTimeImmutable('2024-01-15 09:30:00', new \DateTimeZone('Europe/Paris'))));
    }

    public function testBadSettingsNeverOpen(): void
    {
        $hours = new CallingHours();
        $instant = self::at('2024-01-15 12:00:00');
        self::assertFalse($hours->isOpen(self::campaign('Mars/Olympus'), $instant));
        self::assertFalse($hours->isOpen(self::campaign('UTC', '9h', '18:00'), $instant));
        self::assertFalse($hours->isOpen(self::campaign('UTC', '09:00', '18:00', []), $instant));
        self::assertNull($hours->nextOpening(self::campaign('UTC', '09:00', '18:00', []), $instant));
        self::assertTrue($hours->isOpen(self::campaign('UTC', '00:00', '24:00', [1]), $instant));
        self::assertSame(570, $hours->minutes('09:30'));
        self::assertNull($hours->minutes('25:00'));
    }

    public function testNextOpeningAndRefusalMessage(): void
    {
        $hours = new CallingHours();
        $campaign = self::campaign('Europe/Paris');
        // Friday 19:00 in Paris: next opening Monday 09:00 Paris.
        $friday = self::at('2024-01-19 18:00:00');
        self::assertSame('2024-01-22T09:00:00+01:00', $hours->nextOpening($campaign, $friday)->format(DATE_ATOM));
        // Saturday 30 March 2024 (before spring forward): Monday 1 April 09:00 is CEST.
        self::assertSame(
            '2024-04-01T09:00:00+02:00',
            $hours->nextOpening($campaign, self::at('2024-03-30 12:00:00'))->format(DATE_ATOM)
        );
        $open = self::at('2024-01-15 10:00:00');
        self::assertSame($open, $hours->nextOpening($campaign, $open)->getTimestamp());
        self::assertSame(
            'Outside calling hours for "Carts": calls are allowed from 09:00 to 18:00 (Europe/Paris) on Monday, '
            . 'Tuesday, Wednesday, Thursday, Friday. Next opening: 2024-01-22 09:00.',
            (string)$hours->refusal($campaign, $friday)
        );
    }
}
