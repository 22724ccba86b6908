<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Campaign;

use Bandeau\Cti\Model\Campaign\CampaignFormParser;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Campaign\BuildMessage;
use Bandeau\Cti\Model\Campaign\CallingHours;
use Bandeau\Cti\Model\Campaign\IdList;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Magento\Framework\Exception\InputException;
use PHPUnit\Framework\TestCase;

class CampaignFormParserTest extends TestCase
{
    private const VALID = [
        'name' => ' Carts this week ',
        'min_age_hours' => '2',
        'max_age_hours' => '168',
        'min_value' => '49,90',
        'customer_group_ids' => ['2', '1', 'x'],
        'store_ids' => [],
        'timezone' => 'Europe/Paris',
        'hours_start' => '09:00',
        'hours_end' => '18:30',
        'weekdays' => ['1', '2', '3', '4', '5', '9'],
        'max_attempts' => '4',
        'retry_delay_minutes' => '120',
        'power_dial' => '1',
        'conversion_days' => '14',
        'agent_ids' => ['7'],
    ];

    public function testParsesAValidForm(): void
    {
        $form = self::parser()->parse(self::VALID, 1700000000, 3, [7, 8]);
        $campaign = $form['campaign'];
        self::assertSame([7], $form['agentIds']);
        self::assertSame('Carts this week', $campaign->name);
        self::assertSame([2, 168, 49.9, [1, 2], []], [
            $campaign->audience->minAgeHours, $campaign->audience->maxAgeHours, $campaign->audience->minValue,
            $campaign->audience->customerGroupIds, $campaign->audience->storeIds,
        ]);
        self::assertSame(['Europe/Paris', '09:00', '18:30', [1, 2, 3, 4, 5]], [
            $campaign->timezone, $campaign->hoursStart, $campaign->hoursEnd, $campaign->weekdays,
        ]);
        self::assertSame([4, 120, true, 14, 3, 'building', '2023-11-14 22:13:20'], [
            $campaign->maxAttempts, $campaign->retryDelayMinutes, $campaign->powerDial, $campaign->conversionDays,
            $campaign->createdBy, $campaign->status, $campaign->audienceAt,
        ]);
        self::assertSame('1,2', $campaign->toRow()['customer_group_ids']);
        self::assertNull($campaign->toRow()['store_ids']);
    }

    public function testRefusesInvalidForms(): void
    {
        $cases = [
            'no name' => ['name' => ''],
            'ages reversed' => ['min_age_hours' => '200'],
            'negative value' => ['min_value' => '-5'],
            'bad zone' => ['timezone' => 'Europe/Atlantis'],
            'hours reversed' => ['hours_start' => '19:00'],
            'bad hour' => ['hours_end' => '7pm'],
            'no day' => ['weekdays' => ['8']],
            'no agent' => ['agent_ids' => []],
            'agent without extension' => ['agent_ids' => ['9']],
            'attempts' => ['max_attempts' => '0'],
            'delay' => ['retry_delay_minutes' => '2'],
            'conversion' => ['conversion_days' => 'abc'],
        ];
        foreach ($cases as $label => $change) {
            try {
                self::parser()->parse(array_merge(self::VALID, $change), 1700000000, 3, [7, 8]);
                self::fail('accepted: ' . $label);
            } catch (InputException $e) {
                self::assertNotSame('', $e->getMessage(), $label);
            }
        }
    }

    public function testChartBarsAreProportional(): void
    {
        $chart = (new ResultsChart())->bars(['Contacts' => 200, 'Called' => 100, 'Reached' => 0, '<b>' => -3]);
        self::assertSame(ResultsChart::WIDTH, $chart['width']);
        self::assertSame(4 * ResultsChart::ROW_HEIGHT + 10, $chart['height']);
        $room = ResultsChart::WIDTH - ResultsChart::LABEL_WIDTH - 60;
        self::assertSame([$room, intdiv($room, 2), 0, 0], array_column($chart['bars'], 'width'));
        self::assertSame('<b>', $chart['bars'][3]['label'], 'escaping is the template\'s job');
        self::assertSame(0, (new ResultsChart())->bars(['a' => 0])['bars'][0]['width']);
    }

    public function testQueueMessages(): void
    {
        $message = new BuildMessage();
        self::assertSame('{"campaignId":12}', $message->encode(12));
        self::assertSame(12, $message->campaignId('{"campaignId":12}'));
        self::assertNull($message->campaignId('{"campaignId":"12"}'));
        self::assertNull($message->campaignId('nonsense'));
        self::assertNull($message->campaignId(null));
    }

    public function testIdListsAreSortedUniqueIdsOnly(): void
    {
        $ids = new IdList();
        self::assertSame([1, 2, 3], $ids->parse('3,1,2,1'));
        self::assertSame([1, 7], $ids->parse(['7', ' 1 ', 'x', '-2', 1.5, null, '12345678901']));
        self::assertSame([], $ids->parse(null));
        self::assertSame([], $ids->parse(''));
    }

    private static function parser(): CampaignFormParser
    {
        return new CampaignFormParser(new CallingHours(), new IdList(), new UtcTime());
    }
}
