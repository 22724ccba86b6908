<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Observer\AnalyticsOrderSaved;
use Bandeau\Cti\Test\Support\AnalyticsWorld;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Psr\Log\NullLogger;

/**
 * "Calls that sold" (bandeau_call_sale): an order goes to the latest answered call with its customer
 * within the sale window before it; canceled and guest orders are not attributed.
 */
class AnalyticsSalesTest extends SqlTestCase
{
    private AnalyticsWorld $world;

    protected function setUp(): void
    {
        parent::setUp();
        $this->world = new AnalyticsWorld($this->resource, 'Europe/Paris', 7);
        $this->world->seedPeople();
    }

    private function attributed(): array
    {
        return array_map(
            static fn (array $r) => [(int)$r['order_id'], (int)$r['call_entity_id']],
            $this->db->fetchAll('SELECT order_id, call_entity_id FROM bandeau_call_sale ORDER BY order_id')
        );
    }

    public function testLatestAnsweredCallWithinTheWindowBeforeTheOrderWins(): void
    {
        $w = $this->world;
        $old = $w->call(['customer_id' => 5, 'started_at' => '2026-04-01 10:00:00', 'agent_user_id' => 1]);
        $latest = $w->call([
            'customer_id' => 5, 'started_at' => '2026-04-03 21:30:00', 'agent_user_id' => 2, 'route' => 'sales',
            'campaign_id' => 2, 'direction' => 'outbound',
        ]);
        $w->call(['customer_id' => 5, 'started_at' => '2026-04-04 09:00:00', 'disposition' => 'missed']);
        $w->call(['customer_id' => 5, 'started_at' => '2026-04-05 09:00:00']); // after the order
        $w->call(['customer_id' => 6, 'started_at' => '2026-04-04 09:00:00']); // another customer
        $w->order(100, 5, '2026-04-04 12:00:00', 123.45);
        $w->sales->refreshOrders([100]);
        self::assertSame([[100, $latest]], $this->attributed());
        self::assertSame([
            'order_id' => '100', 'call_entity_id' => (string)$latest, 'customer_id' => '5',
            'call_local_date' => '2026-04-03', 'store_id' => '2', 'direction' => 'outbound', 'agent_user_id' => '2',
            'route' => 'sales', 'campaign_id' => '2', 'order_created_at' => '2026-04-04 12:00:00',
            'revenue' => '123.4500',
        ], $this->row('SELECT * FROM bandeau_call_sale'));
        self::assertNotSame($old, $latest);
    }

    public function testWindowEdgeCanceledAndGuestOrders(): void
    {
        $w = $this->world;
        $call = $w->call(['customer_id' => 7, 'started_at' => '2026-05-01 10:00:00']);
        $w->order(201, 7, '2026-05-08 10:00:00', 10); // exactly 7 days: inside
        $w->order(202, 7, '2026-05-08 10:00:01', 10); // one second past: outside
        $w->order(203, 7, '2026-05-02 10:00:00', 10, 'canceled');
        $w->order(204, null, '2026-05-02 10:00:00', 10); // guest
        $w->order(205, 7, '2026-05-01 10:00:00', 10); // same second as the call: not after it
        $w->sales->refreshOrders([201, 202, 203, 204, 205]);
        self::assertSame([[201, $call]], $this->attributed());

        // A window of 8 days takes the second order too (after a rebuild).
        $wide = new AnalyticsWorld($this->resource, 'Europe/Paris', 8);
        $wide->rebuilder->rebuild();
        self::assertSame([[201, $call], [202, $call]], $this->attributed());
        self::assertEquals($wide->oracle()['sales'], $wide->snapshot()['sales']);
    }

    public function testTheObserverAttributesOnPlacementAndDropsOnCancel(): void
    {
        $w = $this->world;
        $call = $w->call(['customer_id' => 8, 'started_at' => '2026-06-01 10:00:00']);
        $w->order(301, 8, '2026-06-02 10:00:00', 99);
        $observer = new AnalyticsOrderSaved($w->sales, new NullLogger());
        $event = static fn () => new Observer(['event' => new Event(['order' => new DataObject(['entity_id' => 301])])]);
        $observer->execute($event());
        self::assertSame([[301, $call]], $this->attributed());
        $this->db->query("UPDATE sales_order SET state = 'canceled' WHERE entity_id = 301");
        $observer->execute($event());
        self::assertSame([], $this->attributed());
        // A save without an order, or a failing attribution, never throws.
        $observer->execute(new Observer(['event' => new Event([])]));
        $this->db->query('RENAME TABLE bandeau_call_sale TO bandeau_call_sale_away');
        try {
            $observer->execute($event());
        } finally {
            $this->db->query('RENAME TABLE bandeau_call_sale_away TO bandeau_call_sale');
        }
        self::assertSame([], $this->attributed());
    }

    public function testACallRecordedAfterTheOrderOrLosingItsCustomerMovesTheAttribution(): void
    {
        $w = $this->world;
        $first = $w->call(['customer_id' => 9, 'started_at' => '2026-06-01 10:00:00']);
        $w->order(401, 9, '2026-06-03 10:00:00', 50);
        $w->sales->refreshOrders([401]);
        self::assertSame([[401, $first]], $this->attributed());
        // The bridge delivers a later call (before the order) only now.
        $later = $w->call(['customer_id' => 9, 'started_at' => '2026-06-02 10:00:00']);
        $w->aggregator->refreshEntities([$later]);
        self::assertSame([[401, $later]], $this->attributed());
        // Erasure unlinks the customer from that call: the order goes back to the first call.
        $this->db->query('UPDATE bandeau_call SET customer_id = NULL WHERE entity_id = ?', [$later]);
        $w->aggregator->refreshEntities([$later]);
        self::assertSame([[401, $first]], $this->attributed());
    }
}
