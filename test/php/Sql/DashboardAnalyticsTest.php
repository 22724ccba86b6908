<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Analytics\AggregateStats;
use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\CampaignFixtures;

/**
 * AggregateStats over a small hand-written set of aggregate rows: the exact figures the dashboard
 * shows (shape, key order, types, rounding, zero-filled days, tie-breaks), the filters, and the
 * campaign range read in the reporting zone (Europe/Paris here).
 */
class DashboardAnalyticsTest extends SqlTestCase
{
    private CampaignFixtures $fx;
    private int $ann;
    private int $bob;
    private int $campaign;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $this->ann = $this->fx->agent('1001', 'Ann');
        $this->bob = $this->fx->agent('1002', 'Bob');
        $this->hourly('2023-11-13', 9, 1, 'inbound', $this->ann, 'sales', 'q1', 0, [
            'calls' => 3, 'answered' => 2, 'missed' => 1, 'ring_s' => 20, 'talk_s' => 300, 'transfers_out' => 1,
        ]);
        $this->hourly('2023-11-13', 9, 1, 'inbound', 0, 'sales', 'q1', 0, [
            'calls' => 2, 'missed' => 1, 'abandoned' => 1,
        ]);
        $this->campaign = $this->campaignBuiltAt('Carts <b>', '2023-11-13 10:00:00');
        $this->hourly('2023-11-14', 14, 2, 'outbound', $this->bob, '', '', $this->campaign, [
            'calls' => 1, 'answered' => 1, 'ring_s' => 5, 'talk_s' => 60,
        ]);
        $this->hourly('2023-11-14', 9, 1, 'inbound', $this->bob, 'sales', 'q1', 0, ['transfers_in' => 1]);
        $this->hourly('2023-11-12', 23, 1, 'inbound', $this->ann, 'sales', 'q1', 0, ['calls' => 40, 'answered' => 40]);
        $this->hourly('2023-11-16', 0, 1, 'inbound', $this->ann, 'sales', 'q1', 0, ['calls' => 50, 'missed' => 50]);

        $this->unknown('2023-11-13', '+33100000001', 2, 1, '2023-11-13 08:00:00');
        $this->unknown('2023-11-14', '+33100000001', 1, 0, '2023-11-14 09:00:00');
        $this->unknown('2023-11-14', '+33100000002', 3, 3, '2023-11-14 10:00:00');
        $this->unknown('2023-11-16', '+33999999999', 90, 0, '2023-11-16 10:00:00');

        $buyer = $this->fx->customer(null);
        $this->sale($buyer, '2023-11-13', 1, 'inbound', $this->ann, 'sales', 0, '100.5000');
        $this->sale($buyer, '2023-11-14', 2, 'outbound', $this->bob, '', $this->campaign, '40.2500');
        $this->sale($buyer, '2023-11-16', 1, 'inbound', $this->ann, 'sales', 0, '999.0000');
        // The dashboard reads the rollups, summed from the hourly rows as the Aggregator does.
        (new Rollups($this->resource))->refreshDates('2023-11-01', '2023-11-30');
        $sql = new CallBucketSql($this->resource);
        $this->db->query($sql->unknownTotalUpsert($sql->unknownKeysOfDates()), ['2023-11-01', '2023-11-30']);
    }

    private function stats(): AggregateStats
    {
        $config = new ArrayScopeConfig([
            ReportingZone::XML_PATH_TIMEZONE => 'Europe/Paris',
            AggregateStats::XML_PATH_SALE_WINDOW_DAYS => '5',
        ]);
        return new AggregateStats(
            $this->resource,
            $config,
            new ReportingZone($config),
            new Figures(),
            new Names($this->resource, new Figures())
        );
    }

    private function hourly(
        string $date,
        int $hour,
        int $store,
        string $direction,
        int $agent,
        string $route,
        string $queue,
        int $campaign,
        array $measures
    ): void {
        $this->fx->insert('bandeau_call_stat_hourly', [
            'local_date' => $date, 'hour' => $hour, 'store_id' => $store, 'direction' => $direction,
            'agent_user_id' => $agent, 'route' => $route, 'queue_name' => $queue, 'campaign_id' => $campaign,
        ] + $measures);
    }

    private function unknown(string $date, string $number, int $calls, int $missed, string $last): void
    {
        $this->fx->insert('bandeau_call_stat_unknown', [
            'local_date' => $date, 'party_key' => $number, 'calls' => $calls, 'missed' => $missed,
            'last_call_at' => $last,
        ]);
    }

    private function sale(
        int $customer,
        string $date,
        int $store,
        string $direction,
        int $agent,
        string $route,
        int $campaign,
        string $revenue
    ): void {
        $order = $this->fx->insert('sales_order', [
            'increment_id' => uniqid('S', true), 'customer_id' => $customer, 'state' => 'new',
            'base_grand_total' => $revenue, 'created_at' => $date . ' 12:00:00',
        ]);
        $this->fx->insert('bandeau_call_sale', [
            'order_id' => $order, 'call_entity_id' => $order, 'customer_id' => $customer,
            'call_local_date' => $date, 'store_id' => $store, 'direction' => $direction,
            'agent_user_id' => $agent, 'route' => $route, 'campaign_id' => $campaign,
            'order_created_at' => $date . ' 12:00:00', 'revenue' => $revenue,
        ]);
    }

    private function campaignBuiltAt(string $name, string $builtAt): int
    {
        $id = $this->fx->campaign([], ['name' => $name]);
        $this->db->query('UPDATE bandeau_campaign SET built_at = ? WHERE campaign_id = ?', [$builtAt, $id]);
        return $id;
    }

    private function contact(int $campaign, ?string $firstContactedAt, ?string $orderAt, string $state = 'new'): void
    {
        $customer = $this->fx->customer(null);
        $this->fx->contact($campaign, $customer, ['first_contacted_at' => $firstContactedAt]);
        if ($orderAt !== null) {
            $this->fx->insert('sales_order', [
                'increment_id' => uniqid('C', true), 'customer_id' => $customer, 'state' => $state,
                'base_grand_total' => 10, 'created_at' => $orderAt,
            ]);
        }
    }

    public function testFiguresHaveTheContractShapeAndValues(): void
    {
        $this->contact($this->campaign, '2023-11-13 12:00:00', '2023-11-15 12:00:00');
        $this->contact($this->campaign, '2023-11-13 12:00:00', null);
        // Ordered before the call: not converted.
        $this->contact($this->campaign, '2023-11-13 12:00:00', '2023-11-13 11:00:00');
        $this->contact($this->campaign, null, '2023-11-14 10:00:00');
        $this->contact($this->campaign, null, '2023-11-23 10:00:00');
        $this->contact($this->campaign, null, '2023-11-14 10:00:00', 'canceled');
        // Built at 00:30 local on the 13th (in range), and 00:30 local on the 16th (out of range).
        $early = $this->campaignBuiltAt('Early', '2023-11-12 23:30:00');
        $this->campaignBuiltAt('Late', '2023-11-15 23:30:00');

        $figures = $this->stats()->figures(new StatsFilter('2023-11-13', '2023-11-15'));

        self::assertSame(
            ['filter', 'totals', 'heatmap', 'daily', 'byRoute', 'byQueue', 'byAgent', 'missedHours', 'sales',
                'campaigns', 'unknownCallers'],
            array_keys($figures)
        );
        self::assertSame(
            ['from' => '2023-11-13', 'to' => '2023-11-15', 'storeId' => 0, 'direction' => '', 'agentUserId' => 0],
            $figures['filter']
        );
        self::assertSame([
            'calls' => 6, 'answered' => 3, 'missed' => 2, 'abandoned' => 1, 'other' => 0,
            'answerRate' => 0.5, 'missedRate' => 0.3333, 'abandonedRate' => 0.1667,
            'avgRingS' => 8.3, 'avgTalkS' => 120.0,
        ], $figures['totals']);

        self::assertCount(168, $figures['heatmap']);
        self::assertSame([1, 0, 0, 0], $figures['heatmap'][0]);
        self::assertSame([1, 9, 5, 3], $figures['heatmap'][9]);
        self::assertSame([2, 14, 1, 0], $figures['heatmap'][24 + 14]);
        self::assertSame([7, 23, 0, 0], $figures['heatmap'][167]);
        self::assertSame(6, array_sum(array_column($figures['heatmap'], 2)));

        self::assertSame([
            ['2023-11-13', 5, 2, 2, 1],
            ['2023-11-14', 1, 1, 0, 0],
            ['2023-11-15', 0, 0, 0, 0],
        ], $figures['daily']);
        self::assertSame([
            ['sales', 5, 2, 2, 1, 0.4, 10.0, 150.0],
            ['', 1, 1, 0, 0, 1.0, 5.0, 60.0],
        ], $figures['byRoute']);
        self::assertSame([
            ['q1', 5, 2, 2, 1, 0.4, 10.0, 150.0],
            ['', 1, 1, 0, 0, 1.0, 5.0, 60.0],
        ], $figures['byQueue']);
        self::assertSame([
            [$this->ann, 'Ann 1001', 2, 0, 2, 0, 300, 150.0],
            [$this->bob, 'Bob 1002', 1, 1, 2, 0, 60, 60.0],
        ], $figures['byAgent']);
        self::assertSame([[1, 9, 3, 5]], $figures['missedHours']);
        self::assertSame([
            'windowDays' => 5,
            'orders' => 2,
            'revenue' => 140.75,
            'byAgent' => [[$this->ann, 'Ann 1001', 1, 100.5], [$this->bob, 'Bob 1002', 1, 40.25]],
            'byRoute' => [['sales', 1, 100.5], ['', 1, 40.25]],
            'byCampaign' => [[$this->campaign, 'Carts <b>', 1, 40.25]],
        ], $figures['sales']);
        self::assertSame([
            [$this->campaign, 'Carts <b>', 3, 1, 0.3333, 3, 1, 0.3333],
            [$early, 'Early', 0, 0, 0.0, 0, 0, 0.0],
        ], $figures['campaigns']);
        self::assertSame([
            ['+33100000001', 3, 1, '2023-11-14 09:00:00'],
            ['+33100000002', 3, 3, '2023-11-14 10:00:00'],
        ], $figures['unknownCallers']);
    }

    public function testAgentFilterKeepsTheAgentsCallsAndTransfersIn(): void
    {
        $figures = $this->stats()->figures(new StatsFilter('2023-11-13', '2023-11-15', 0, '', $this->bob));
        self::assertSame(1, $figures['totals']['calls']);
        self::assertSame([[$this->bob, 'Bob 1002', 1, 1, 2, 0, 60, 60.0]], $figures['byAgent']);
        self::assertSame([[$this->bob, 'Bob 1002', 1, 40.25]], $figures['sales']['byAgent']);
        self::assertSame([], $figures['missedHours']);
    }

    public function testStoreAndDirectionFilters(): void
    {
        $store = $this->stats()->figures(new StatsFilter('2023-11-13', '2023-11-15', 2));
        self::assertSame(1, $store['totals']['calls']);
        self::assertSame(40.25, $store['sales']['revenue']);
        self::assertCount(2, $store['unknownCallers'], 'an unknown caller has no store: not narrowed');

        $outbound = $this->stats()->figures(new StatsFilter('2023-11-13', '2023-11-15', 0, 'outbound'));
        self::assertSame(1, $outbound['totals']['calls']);
        self::assertSame([], $outbound['unknownCallers'], 'callers without an account are inbound only');
    }

    public function testTopUnknownCallersAreTheRangesOwnEvenWhenOthersCalledMoreInAll(): void
    {
        // 60 numbers in the range (more than one batch of candidates, ties at the cut), and numbers that
        // called far more outside it: the top of the range is what grouping the range gives.
        for ($n = 1; $n <= 60; $n++) {
            $number = sprintf('+332000000%02d', $n);
            $this->unknown('2023-11-13', $number, 1 + $n % 7, $n % 2, '2023-11-13 08:00:00');
            $this->unknown('2023-10-02', $number, $n, 0, '2023-10-02 08:00:00');
        }
        for ($n = 1; $n <= 50; $n++) {
            $this->unknown('2023-10-01', sprintf('+339000000%02d', $n), 500 + $n, 0, '2023-10-01 08:00:00');
            $this->unknown('2023-11-14', sprintf('+339000000%02d', $n), $n === 7 ? 9 : 1, 0, '2023-11-14 08:00:00');
        }
        $sql = new CallBucketSql($this->resource);
        $this->db->query($sql->unknownTotalUpsert($sql->unknownKeysOfDates()), ['2023-10-01', '2023-11-30']);

        $expected = array_map(
            static fn (array $r): array => [$r['party_key'], (int)$r['calls'], (int)$r['missed'], $r['last']],
            $this->db->fetchAll(
                'SELECT party_key, SUM(calls) AS calls, SUM(missed) AS missed, MAX(last_call_at) AS last'
                . ' FROM bandeau_call_stat_unknown WHERE local_date BETWEEN ? AND ?'
                . ' GROUP BY party_key ORDER BY calls DESC, party_key ASC LIMIT 20',
                ['2023-11-13', '2023-11-15']
            )
        );
        $figures = $this->stats()->figures(new StatsFilter('2023-11-13', '2023-11-15'));
        self::assertSame('+33900000007', $figures['unknownCallers'][0][0]);
        self::assertSame($expected, $figures['unknownCallers']);
    }

    public function testEmptyRangeStillHasEveryCellAndDay(): void
    {
        $figures = $this->stats()->figures(new StatsFilter('2024-02-28', '2024-03-01'));
        self::assertSame(0, $figures['totals']['calls']);
        self::assertSame(0.0, $figures['totals']['answerRate']);
        self::assertCount(168, $figures['heatmap']);
        self::assertSame(['2024-02-28', '2024-02-29', '2024-03-01'], array_column($figures['daily'], 0));
        self::assertSame([], $figures['byRoute']);
        self::assertSame(0.0, $figures['sales']['revenue']);
    }
}
