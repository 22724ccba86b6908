<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Analytics\AggregateStats;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Analytics\RawStats;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Test\Support\AnalyticsWorld;

/**
 * The dashboard's figures from the aggregates (AggregateStats) equal the same figures computed
 * from the raw calls and orders (RawStats), on generated data in Europe/Paris: several agents,
 * routes and queues, transfers to an agent and outside, missed and abandoned calls, calls on both
 * DST change days, a call spanning midnight, orders inside and outside the sale window, a canceled
 * order, unknown callers, campaigns with called and never-called contacts. Checked after a full
 * rebuild, after the incremental path (each recorded call, each placed order) and after the cron
 * catch-up, for several filters: everything, one store, one direction, one agent, a range cutting
 * months, the DST days alone.
 */
class AnalyticsFiguresTest extends SqlTestCase
{
    private const ZONE = 'Europe/Paris';

    private AnalyticsWorld $world;
    private AggregateStats $aggregate;
    private RawStats $raw;
    private int $nextOrder = 5000;

    protected function setUp(): void
    {
        parent::setUp();
        $this->world = new AnalyticsWorld($this->resource, self::ZONE, 7);
        $figures = new Figures();
        $this->aggregate = new AggregateStats(
            $this->resource,
            $this->world->config,
            $this->world->zone,
            $figures,
            new Names($this->resource, $figures)
        );
        $this->raw = new RawStats(
            $this->resource,
            $this->world->zone,
            $this->world->offsets,
            $figures,
            new Names($this->resource, $figures),
            $this->world->sales
        );
        $this->world->seedPeople();
        $this->campaigns();
    }

    /**
     * @return array<string, StatsFilter>
     */
    private function filters(): array
    {
        return [
            'all of 2026' => new StatsFilter('2026-01-01', '2026-12-31'),
            'store 1' => new StatsFilter('2026-01-01', '2026-12-31', 1),
            'store 2, inbound' => new StatsFilter('2026-01-01', '2026-12-31', 2, 'inbound'),
            'outbound' => new StatsFilter('2026-01-01', '2026-12-31', 0, 'outbound'),
            'internal' => new StatsFilter('2026-01-01', '2026-12-31', 0, 'internal'),
            'agent 1' => new StatsFilter('2026-01-01', '2026-12-31', 0, '', 1),
            'agent 2 (transfer target)' => new StatsFilter('2026-01-01', '2026-12-31', 0, '', 2),
            'range cutting months' => new StatsFilter('2026-01-20', '2026-03-29'),
            'spring DST day' => new StatsFilter('2026-03-29', '2026-03-29'),
            'autumn DST day, agent 3' => new StatsFilter('2026-10-25', '2026-10-25', 0, '', 3),
            'midnight edge' => new StatsFilter('2026-02-01', '2026-02-15'),
        ];
    }

    public function testFiguresFromAggregatesEqualFiguresFromRawCallsAfterARebuild(): void
    {
        $this->scenario();
        $this->world->generate(400, 16);
        $this->world->rebuilder->rebuild();

        $this->assertSameFigures('after rebuild');
        $this->assertScenarioFigures();
    }

    public function testFiguresStayEqualThroughTheIncrementalPathAndTheCatchUp(): void
    {
        $this->world->generate(200, 61, 1000);
        $this->world->rebuilder->rebuild();
        $this->assertSameFigures('after rebuild');

        // Calls recorded after the rebuild: each goes through the Aggregator as the plugin does, each
        // order through the attribution as the order observer does.
        $before = (int)$this->db->fetchOne('SELECT MAX(entity_id) FROM bandeau_call');
        $ordersBefore = array_map('intval', $this->db->fetchCol('SELECT entity_id FROM sales_order'));
        $this->scenario();
        $this->world->generate(150, 62, 3000);
        $calls = $this->db->fetchCol('SELECT call_id FROM bandeau_call WHERE entity_id > ?', [$before]);
        // The same calls recorded again and wrapped up: no double count.
        $this->db->query("UPDATE bandeau_call SET note = 'wrapped up', outcome = 'sold' WHERE entity_id > ? AND entity_id % 3 = 0", [$before]);
        // A call that was still ringing ends now; an order is canceled.
        $ringing = $this->db->fetchCol(
            'SELECT call_id FROM bandeau_call WHERE disposition IS NULL AND entity_id <= ? ORDER BY entity_id LIMIT 3',
            [$before]
        );
        self::assertCount(3, $ringing);
        $this->db->query(
            "UPDATE bandeau_call SET disposition = 'answered', answered_at = started_at + INTERVAL 9 SECOND, talk_s = 42,"
            . ' agent_user_id = 2 WHERE call_id IN (?, ?, ?)',
            $ringing
        );
        $canceled = (int)$this->db->fetchOne("SELECT MIN(order_id) FROM bandeau_call_sale");
        $this->db->query("UPDATE sales_order SET state = 'canceled', status = 'canceled' WHERE entity_id = ?", [$canceled]);
        foreach (array_merge($calls, $ringing, $calls) as $callId) {
            $this->world->aggregator->refreshCalls([$callId]);
        }
        $orders = array_diff(array_map('intval', $this->db->fetchCol('SELECT entity_id FROM sales_order')), $ordersBefore);
        self::assertNotEmpty($orders);
        $this->world->sales->refreshOrders(array_merge($orders, [$canceled]));

        $this->assertSameFigures('after the incremental path');
        $this->assertScenarioFigures();

        $this->world->catchUp->run();
        $this->assertSameFigures('after the catch-up');
    }

    private function assertSameFigures(string $when): void
    {
        foreach ($this->filters() as $label => $filter) {
            $raw = $this->raw->figures($filter);
            $aggregate = $this->aggregate->figures($filter);
            self::assertSame(array_keys($raw), array_keys($aggregate), "$when, $label: keys");
            foreach ($raw as $block => $figures) {
                self::assertSame($figures, $aggregate[$block], "$when, $label: $block");
            }
        }
    }

    /**
     * The oracle itself is checked on the hand-written calls (the same figures a person counts).
     */
    private function assertScenarioFigures(): void
    {
        $day = $this->raw->figures(new StatsFilter('2026-03-29', '2026-03-29', 0, '', 0));
        $cells = [];
        foreach ($day['heatmap'] as [$dow, $hour, $calls]) {
            if ($calls > 0) {
                $cells[$hour] = ($cells[$hour] ?? 0) + $calls;
            }
        }
        // 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST: no call in the skipped local hour 2.
        self::assertGreaterThanOrEqual(1, $cells[1] ?? 0);
        self::assertGreaterThanOrEqual(1, $cells[3] ?? 0);
        self::assertArrayNotHasKey(2, $cells);

        $unknown = $this->raw->figures(new StatsFilter('2026-01-01', '2026-12-31', 0, 'inbound'))['unknownCallers'];
        self::assertSame([4, 2, '2026-05-04 09:00:00'], array_slice(array_column($unknown, null, 0)['+33199999999'], 1));
        self::assertSame([], $this->raw->figures(new StatsFilter('2026-01-01', '2026-12-31', 0, 'outbound'))['unknownCallers']);

        $may = $this->raw->figures(new StatsFilter('2026-05-04', '2026-05-04', 2, 'inbound'));
        // Customer 20 (store 2): answered by agent 1, transferred to agent 2's extension 102.
        $agents = array_column($may['byAgent'], null, 0);
        self::assertSame(1, $agents[2][3], 'agent 2: one call transferred in');
        self::assertSame(1, $agents[1][2], 'agent 1: answered it');

        $sales = $this->raw->figures(new StatsFilter('2026-05-01', '2026-05-31', 0, '', 0))['sales'];
        $orderIds = array_map('intval', $this->db->fetchCol(
            "SELECT entity_id FROM sales_order WHERE increment_id LIKE 'S-%' ORDER BY entity_id"
        ));
        self::assertCount(4, $orderIds);
        $attributed = $this->db->fetchCol(
            'SELECT order_id FROM bandeau_call_sale WHERE order_id IN (' . implode(',', $orderIds) . ') ORDER BY order_id'
        );
        // inside the window (1 day, 6 days 23 h after the call); not canceled, not before the call
        self::assertSame([(string)$orderIds[0], (string)$orderIds[1]], $attributed);
        self::assertGreaterThanOrEqual(2, $sales['orders']);
    }

    /**
     * Hand-written calls and orders on top of the random ones.
     */
    private function scenario(): void
    {
        $w = $this->world;
        // Spring DST day in Paris (2026-03-29, 01:00 UTC): before and after the change.
        $w->call(['started_at' => '2026-03-29 00:30:00', 'disposition' => 'missed', 'queue_name' => 'sales', 'route' => 'sales', 'customer_id' => 3]);
        $w->call(['started_at' => '2026-03-29 01:30:00', 'disposition' => 'answered', 'agent_user_id' => 1, 'talk_s' => 120, 'queue_name' => 'sales', 'customer_id' => 4]);
        // Autumn DST day (2026-10-25, 01:00 UTC): local 02:30 twice.
        $w->call(['started_at' => '2026-10-25 00:30:00', 'disposition' => 'abandoned', 'queue_name' => 'support', 'wait_s' => 40]);
        $w->call(['started_at' => '2026-10-25 01:30:00', 'disposition' => 'answered', 'agent_user_id' => 3, 'talk_s' => 30, 'direction' => 'outbound', 'customer_id' => 5, 'campaign_id' => 1]);
        // Spanning midnight: starts 23:50 local on 2026-01-31, talks two hours.
        $w->call(['started_at' => '2026-01-31 22:50:00', 'answered_at' => '2026-01-31 22:50:20', 'ended_at' => '2026-02-01 00:50:20', 'agent_user_id' => 2, 'talk_s' => 7200, 'customer_id' => 6]);
        // A transfer from agent 1 to agent 2's extension, and one to an outside number.
        $w->call(['started_at' => '2026-05-04 08:00:00', 'agent_user_id' => 1, 'talk_s' => 300, 'transferred_to' => '102', 'customer_id' => 20, 'route' => 'vip', 'queue_name' => 'sales']);
        $w->call(['started_at' => '2026-05-04 08:30:00', 'agent_user_id' => 3, 'talk_s' => 50, 'transferred_to' => '+33612345678', 'customer_id' => 19]);
        // Unknown callers: one number calls four times (twice missed or abandoned).
        foreach (['08:00', '08:10', '08:20', '09:00'] as $i => $time) {
            $w->call([
                'started_at' => '2026-05-04 ' . $time . ':00',
                'disposition' => ['missed', 'abandoned', 'answered', 'busy'][$i],
                'agent_user_id' => $i === 2 ? 2 : null,
                'party_key' => '+33199999999',
            ]);
        }
        // Customer 11's answered call and orders: inside the window, at its edge, canceled, before the call.
        $w->call(['started_at' => '2026-05-10 10:00:00', 'agent_user_id' => 2, 'talk_s' => 200, 'customer_id' => 11, 'route' => 'sales', 'direction' => 'outbound', 'campaign_id' => 2]);
        $this->order(11, '2026-05-11 10:00:00', 120.50);
        $this->order(11, '2026-05-17 09:00:00', 80.25);
        $this->order(11, '2026-05-14 10:00:00', 33.00, 'canceled');
        $this->order(11, '2026-05-10 09:59:59', 10.00);
        // Customer 12: the window starts over at each answered call; the missed call does not count.
        $w->call(['started_at' => '2026-05-20 10:00:00', 'disposition' => 'missed', 'customer_id' => 12]);
        $w->call(['started_at' => '2026-05-20 11:00:00', 'agent_user_id' => 3, 'talk_s' => 60, 'customer_id' => 12, 'direction' => 'outbound']);
        $this->order(12, '2026-05-27 10:59:00', 15.00, 'new', 'T-');
        $this->order(12, '2026-05-28 12:00:00', 16.00, 'new', 'T-');
    }

    /**
     * Two campaigns built in 2026 (contacts called and never called, some of each ordering within
     * the conversion days) and one built in 2025 (outside every range).
     */
    private function campaigns(): void
    {
        foreach ([[1, 'Carts March', '2026-03-28 10:00:00'], [2, 'Carts <May>', '2026-05-09 10:00:00'], [3, 'Old', '2025-06-01 10:00:00']] as [$id, $name, $built]) {
            $this->db->query(
                'INSERT INTO bandeau_campaign (campaign_id, name, status, audience_at, conversion_days, built_at, created_at)'
                . " VALUES (?, ?, 'done', ?, 7, ?, ?)",
                [$id, $name, $built, $built, $built]
            );
            for ($customer = 1; $customer <= 12; $customer++) {
                $called = $customer % 2 === 1 ? gmdate('Y-m-d H:i:s', strtotime($built . ' UTC') + 86400 * $id) : null;
                $this->db->query(
                    'INSERT INTO bandeau_campaign_contact (campaign_id, quote_id, customer_id, phone_e164, cart_total,'
                    . ' cart_updated_at, status, first_contacted_at) VALUES (?, ?, ?, ?, 50, ?, ?, ?)',
                    [$id, $id * 100 + $customer, $customer, '+3362000000' . $customer, $built, $called ? 'done' : 'new', $called]
                );
            }
        }
        // Conversions: customer 1 (called) 2 days after its first call, customer 2 (hold-out) 3 days
        // after the build, customer 3 (called) 10 days after (too late), customer 5 canceled.
        $this->order(1, '2026-03-31 10:00:00', 70.00, 'new', 'C-');
        $this->order(2, '2026-03-31 10:00:00', 60.00, 'new', 'C-');
        $this->order(3, '2026-04-08 10:00:00', 50.00, 'new', 'C-');
        $this->order(5, '2026-03-30 10:00:00', 40.00, 'canceled', 'C-');
    }

    private function order(int $customerId, string $createdAt, float $total, string $state = 'new', string $prefix = 'S-'): int
    {
        $id = $this->nextOrder++;
        $this->db->query(
            'INSERT INTO sales_order (entity_id, increment_id, customer_id, state, status, store_id, base_grand_total, created_at)'
            . ' VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [$id, $prefix . $id, $customerId, $state, $state, 1 + $customerId % 2, $total, $createdAt]
        );
        return $id;
    }
}
