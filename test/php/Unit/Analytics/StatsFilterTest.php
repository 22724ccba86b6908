<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Model\Clock\FixedClock;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The dashboard filter: defaults in the reporting zone, lenient GET parsing with the corrections
 * reported, the 366-day cap, and a strict constructor.
 */
class StatsFilterTest extends TestCase
{
    private function read(array $params, string $zone = 'UTC', int $now = DashboardFixture::NOW): StatsFilter
    {
        return StatsFilter::fromRequest($params, new FixedClock($now), $zone);
    }

    public function testDefaultIsTheLast30LocalDaysTodayIncluded(): void
    {
        // 2023-11-14 22:13:20 UTC is already the 15th in Tokyo.
        $utc = $this->read([]);
        self::assertSame(['2023-10-16', '2023-11-14'], [$utc->from, $utc->to]);
        $tokyo = $this->read([], 'Asia/Tokyo');
        self::assertSame(['2023-10-17', '2023-11-15'], [$tokyo->from, $tokyo->to]);
        self::assertSame(30, $tokyo->days());
        self::assertSame([], $tokyo->corrections);
        self::assertSame([0, '', 0], [$tokyo->storeId, $tokyo->direction, $tokyo->agentUserId]);
    }

    public function testUnknownZoneFallsBackToUtc(): void
    {
        self::assertSame('2023-11-14', $this->read([], 'Mars/Olympus')->to);
    }

    public function testReadsEveryParameter(): void
    {
        $filter = $this->read(['from' => '2023-03-01', 'to' => '2023-03-31', 'store' => '2', 'direction' => 'outbound',
            'agent' => '7']);
        self::assertSame(
            ['from' => '2023-03-01', 'to' => '2023-03-31', 'store' => '2', 'direction' => 'outbound', 'agent' => '7'],
            $filter->toParams()
        );
        self::assertSame([], $filter->corrections);
        self::assertSame(31, $filter->days());
        self::assertSame('2023-03-26', $filter->dates()[25], 'the DST day is one date like the others');
    }

    public function testOnlyAFromCountsFromItToToday(): void
    {
        $filter = $this->read(['from' => '2023-11-01']);
        self::assertSame(['2023-11-01', '2023-11-14'], [$filter->from, $filter->to]);
    }

    public function testRangeIsCappedAt366DaysEndingOnTo(): void
    {
        $filter = $this->read(['from' => '2020-01-01', 'to' => '2023-06-30']);
        self::assertSame(['2022-06-30', '2023-06-30'], [$filter->from, $filter->to]);
        self::assertSame(StatsFilter::MAX_DAYS, $filter->days());
        self::assertSame([StatsFilter::CORRECTED_RANGE], $filter->corrections);
        $leap = $this->read(['from' => '2023-03-01', 'to' => '2024-02-29']);
        self::assertSame(366, $leap->days());
        self::assertSame([], $leap->corrections);
    }

    public function testReversedRangeIsSwapped(): void
    {
        $filter = $this->read(['from' => '2023-05-10', 'to' => '2023-05-01']);
        self::assertSame(['2023-05-01', '2023-05-10'], [$filter->from, $filter->to]);
        self::assertSame([StatsFilter::CORRECTED_ORDER], $filter->corrections);
    }

    /**
     * @return array<string, array{0: array, 1: string[]}>
     */
    public static function badValues(): array
    {
        return [
            'impossible date' => [['from' => '2023-02-30'], [StatsFilter::CORRECTED_FROM]],
            'other format' => [['to' => '14/11/2023'], [StatsFilter::CORRECTED_TO]],
            'far past' => [['from' => '1970-01-01'], [StatsFilter::CORRECTED_FROM]],
            'array' => [['from' => ['x']], [StatsFilter::CORRECTED_FROM]],
            'negative store' => [['store' => '-1'], [StatsFilter::CORRECTED_STORE]],
            'store with text' => [['store' => '1 OR 1=1'], [StatsFilter::CORRECTED_STORE]],
            'huge agent' => [['agent' => '99999999999'], [StatsFilter::CORRECTED_AGENT]],
            'direction' => [['direction' => 'sideways'], [StatsFilter::CORRECTED_DIRECTION]],
            'direction array' => [['direction' => ['inbound']], [StatsFilter::CORRECTED_DIRECTION]],
        ];
    }

    #[DataProvider('badValues')]
    public function testBadValuesFallBackToDefaultsAndAreReported(array $params, array $corrections): void
    {
        $filter = $this->read($params);
        self::assertSame($corrections, $filter->corrections);
        self::assertSame([0, '', 0], [$filter->storeId, $filter->direction, $filter->agentUserId]);
        self::assertSame('2023-11-14', $filter->to);
    }

    public function testEmptyAndZeroMeanAll(): void
    {
        $filter = $this->read(['store' => '0', 'agent' => '', 'direction' => '', 'from' => '', 'to' => '']);
        self::assertSame([], $filter->corrections);
    }

    /**
     * @return array<string, array{0: string, 1: string, 2: int, 3: string, 4: int}>
     */
    public static function refused(): array
    {
        return [
            'not a date' => ['2023-1-1', '2023-01-31', 0, '', 0],
            'reversed' => ['2023-02-01', '2023-01-31', 0, '', 0],
            'too long' => ['2022-01-01', '2023-01-02', 0, '', 0],
            'negative store' => ['2023-01-01', '2023-01-31', -1, '', 0],
            'direction' => ['2023-01-01', '2023-01-31', 0, 'both', 0],
        ];
    }

    #[DataProvider('refused')]
    public function testConstructorRefusesBadValues(
        string $from,
        string $to,
        int $store,
        string $direction,
        int $agent
    ): void {
        $this->expectException(\InvalidArgumentException::class);
        new StatsFilter($from, $to, $store, $direction, $agent);
    }
}
