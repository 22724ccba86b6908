<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\CallerFacts;
use Bandeau\Cti\Model\Routing\FactsQuery;
use Bandeau\Cti\Model\Routing\RoutingTester;
use Bandeau\Cti\Model\Routing\RuleEvaluator;
use Bandeau\Cti\Model\Routing\RuleRowParser;
use Bandeau\Cti\Model\Routing\RuleSetReader;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Store\Model\ScopeInterface;
use Psr\Log\NullLogger;

/**
 * POST /V1/bandeau/routing/facts on MariaDB: the phone index finds the customer and the guest
 * orders; open orders, shipments, lifetime sales, open cart and the store view's locale follow.
 * Then the admin's "test a number" box on the same data with the shipped default rules.
 */
class RoutingFactsTest extends SqlTestCase
{
    /** 2026-12-01T12:00:00Z */
    private const NOW = 1796126400;

    private PhoneIndexer $indexer;
    private CallerFacts $facts;
    private ArrayScopeConfig $scopeConfig;

    protected function setUp(): void
    {
        parent::setUp();
        $config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $config);
        // Store-scope locale: store 1 is French, store 2 German; the default scope is English.
        $this->scopeConfig = new class ([]) extends ArrayScopeConfig {
            public function getValue($path, $scopeType = 'default', $scopeCode = null)
            {
                if ($path === CallerFacts::XML_PATH_LOCALE) {
                    $byStore = [1 => 'fr_FR', 2 => 'de_DE'];
                    return $scopeType === ScopeInterface::SCOPE_STORE && isset($byStore[(int)$scopeCode])
                        ? $byStore[(int)$scopeCode] : 'en_US';
                }
                return parent::getValue($path, $scopeType, $scopeCode);
            }
        };
        $this->facts = new CallerFacts(new FactsQuery($this->resource), new PhoneNormaliser(), $config, $this->scopeConfig);
        $this->seed();
    }

    private function customer(int $id, string $first, string $last, int $group, int $store, string $phone): void
    {
        $this->insert('customer_entity', [
            'entity_id' => $id, 'email' => strtolower($first) . '@example.com', 'group_id' => $group,
            'firstname' => $first, 'lastname' => $last, 'store_id' => $store,
        ]);
        $this->insert('customer_address_entity', [
            'parent_id' => $id, 'country_id' => 'FR', 'firstname' => $first, 'lastname' => $last, 'telephone' => $phone,
        ]);
        $this->indexer->reindexCustomer($id);
    }

    /**
     * @param array<string, mixed> $row
     */
    private function order(int $id, ?int $customerId, string $state, string $status, string $created, string $phone, array $row = []): void
    {
        $this->insert('sales_order', array_merge([
            'entity_id' => $id, 'increment_id' => sprintf('%09d', $id), 'customer_id' => $customerId,
            'state' => $state, 'status' => $status, 'store_id' => 1, 'base_grand_total' => '100.0000',
            'created_at' => $created,
        ], $row));
        $this->insert('sales_order_address', [
            'parent_id' => $id, 'address_type' => 'billing', 'country_id' => 'FR', 'firstname' => 'X',
            'lastname' => 'Y', 'telephone' => $phone,
        ]);
        $this->indexer->reindexOrder($id);
    }

    private function ship(int $orderId, string $at): void
    {
        $this->insert('sales_shipment', ['order_id' => $orderId, 'store_id' => 1, 'created_at' => $at]);
    }

    private function seed(): void
    {
        // Camille (store 1, fr_FR): an open unshipped order, a completed one, a canceled one, a refund.
        $this->customer(2, 'Camille', 'Durand', 1, 1, '06 12 34 56 78');
        $this->order(101, 2, 'complete', 'complete', '2026-10-01 10:00:00', '06 12 34 56 78', [
            'base_grand_total' => '3000.0000', 'base_total_refunded' => '89.5000',
        ]);
        $this->ship(101, '2026-10-03 09:00:00');
        $this->order(102, 2, 'new', 'pending', '2026-11-19 15:47:00', '06 12 34 56 78', ['base_grand_total' => '500.0000']);
        $this->order(90, 2, 'canceled', 'canceled', '2026-09-01 10:00:00', '06 12 34 56 78', ['base_grand_total' => '9999.0000']);
        $this->insert('quote', ['customer_id' => 2, 'is_active' => 1, 'items_count' => 2]);

        // Jonas (store 2, de_DE, VIP group 4): order shipped 3 days ago, one in payment review; no cart.
        $this->customer(3, 'Jonas', 'Becker', 4, 2, '+49 30 1234567');
        $this->order(103, 3, 'processing', 'processing', '2026-11-20 08:00:00', '+49 30 1234567', ['store_id' => 2]);
        $this->ship(103, '2026-11-28 12:00:00');
        $this->order(104, 3, 'payment_review', 'fraud', '2026-11-29 08:00:00', '+49 30 1234567', ['store_id' => 2]);
        $this->insert('quote', ['customer_id' => 3, 'is_active' => 1, 'items_count' => 0]);
        $this->insert('quote', ['customer_id' => 3, 'is_active' => 0, 'items_count' => 3]);

        // A guest: two orders with the same number, one open, one closed; and Camille's number on a guest order too.
        $this->order(201, null, 'processing', 'processing', '2026-11-25 08:00:00', '07 00 00 00 01', ['store_id' => 2]);
        $this->order(200, null, 'closed', 'closed', '2026-11-01 08:00:00', '07 00 00 00 01');
        $this->ship(201, '2026-11-30 18:30:00');
        $this->order(202, null, 'holded', 'holded', '2026-11-26 08:00:00', '06 12 34 56 78');
        // Another registered customer's order carrying Camille's number: not Camille's.
        $this->customer(5, 'Other', 'Person', 1, 1, '01 99 99 99 99');
        $this->order(105, 5, 'new', 'pending', '2026-11-30 08:00:00', '06 12 34 56 78');
    }

    public function testACustomerWithAnOpenUnshippedOrder(): void
    {
        $facts = $this->facts->getFacts('+33612345678')->toArray();
        self::assertSame('+33612345678', $facts['phone']);
        self::assertTrue($facts['known']);
        self::assertSame([
            'id' => 2, 'name' => 'Camille Durand', 'group_id' => 1, 'store_id' => 1, 'locale' => 'fr_FR',
            // 3000 - 89.50 refunded + 500 (the canceled 9,999 does not count); other customers' orders neither.
            'lifetime_sales' => 3410.5, 'open_cart' => true,
        ], $facts['customer']);
        // Open orders: Camille's 102 and the guest order 202 with her number, newest first; not 101
        // (complete), not 90 (canceled), not 105 (another customer's).
        self::assertSame([
            ['increment_id' => '000000202', 'state' => 'holded', 'status' => 'holded',
                'created_at' => '2026-11-26T08:00:00Z', 'shipped' => false, 'store_id' => 1],
            ['increment_id' => '000000102', 'state' => 'new', 'status' => 'pending',
                'created_at' => '2026-11-19T15:47:00Z', 'shipped' => false, 'store_id' => 1],
        ], $facts['orders']);
        self::assertSame(['order_increment_id' => '000000101', 'shipped_at' => '2026-10-03T09:00:00Z'], $facts['last_shipment']);
        // Any written form of the number finds the same facts.
        self::assertSame($facts, $this->facts->getFacts('06 12 34 56 78')->toArray());
    }

    public function testPaymentReviewAndAShipmentThreeDaysAgoWithTheStoreLocale(): void
    {
        $facts = $this->facts->getFacts('+49301234567')->toArray();
        self::assertSame('de_DE', $facts['customer']['locale']);
        self::assertSame(4, $facts['customer']['group_id']);
        self::assertFalse($facts['customer']['open_cart'], 'an empty or inactive cart is not open');
        self::assertSame(200.0, $facts['customer']['lifetime_sales']);
        self::assertSame(['000000104', '000000103'], array_column($facts['orders'], 'increment_id'));
        self::assertSame(['payment_review', 'processing'], array_column($facts['orders'], 'state'));
        self::assertSame('fraud', $facts['orders'][0]['status']);
        self::assertSame([false, true], array_column($facts['orders'], 'shipped'));
        self::assertSame(['order_increment_id' => '000000103', 'shipped_at' => '2026-11-28T12:00:00Z'], $facts['last_shipment']);
    }

    public function testAGuestIsKnownByItsOrdersWithoutACustomer(): void
    {
        $facts = $this->facts->getFacts('+33700000001')->toArray();
        self::assertTrue($facts['known']);
        self::assertNull($facts['customer']);
        self::assertSame(['000000201'], array_column($facts['orders'], 'increment_id'));
        self::assertSame(2, $facts['orders'][0]['store_id']);
        self::assertTrue($facts['orders'][0]['shipped']);
        self::assertSame(['order_increment_id' => '000000201', 'shipped_at' => '2026-11-30T18:30:00Z'], $facts['last_shipment']);
    }

    public function testANumberOnlyOnARegisteredCustomersOrderNamesThatCustomer(): void
    {
        // Jonas gave his office number for one (complete) order only: it is his.
        $this->order(106, 3, 'complete', 'complete', '2026-11-10 08:00:00', '07 00 00 00 09', ['store_id' => 2]);
        $facts = $this->facts->getFacts('+33700000009')->toArray();
        self::assertTrue($facts['known']);
        self::assertSame(3, $facts['customer']['id']);
        self::assertSame(['000000104', '000000103'], array_column($facts['orders'], 'increment_id'));
    }

    public function testAnUnknownNumberAndAnUnreadableOne(): void
    {
        self::assertSame(
            ['phone' => '+33611111111', 'known' => false, 'customer' => null, 'orders' => [], 'last_shipment' => null],
            $this->facts->getFacts('+33611111111')->toArray()
        );
        $unreadable = $this->facts->getFacts('not a number')->toArray();
        self::assertFalse($unreadable['known']);
        self::assertNull($unreadable['customer']);
    }

    public function testOrdersWithAnIncrementIdOutsideTheContractAreLeftOut(): void
    {
        $this->order(300, null, 'new', 'pending', '2026-11-30 08:00:00', '07 00 00 00 02', ['increment_id' => 'A "B"']);
        $this->order(301, null, 'new', 'pending', '2026-11-29 08:00:00', '07 00 00 00 02');
        $facts = $this->facts->getFacts('+33700000002')->toArray();
        self::assertSame(['000000301'], array_column($facts['orders'], 'increment_id'));
    }

    public function testAtMostTwentyOpenOrdersNewestFirst(): void
    {
        for ($i = 0; $i < 25; $i++) {
            $this->order(400 + $i, null, 'new', 'pending', sprintf('2026-11-%02d 08:00:00', $i + 1), '07 00 00 00 03');
        }
        $orders = $this->facts->getFacts('+33700000003')->toArray()['orders'];
        self::assertCount(20, $orders);
        self::assertSame('000000424', $orders[0]['increment_id']);
        self::assertSame('000000405', $orders[19]['increment_id']);
    }

    public function testTheTestBoxExplainsWithTheShippedRules(): void
    {
        $xml = simplexml_load_file(dirname(__DIR__, 3) . '/app/code/Bandeau/Cti/etc/config.xml');
        $this->scopeConfig->setRaw(RuleSetReader::XML_PATH_RULES, (string)$xml->default->bandeau_routing->rules->list);
        $this->scopeConfig->setRaw(RuleSetReader::XML_PATH_VIP_GROUPS, '4');
        $tester = new RoutingTester(
            $this->facts,
            new RuleSetReader($this->scopeConfig, new RuleRowParser(), new NullLogger()),
            new RuleEvaluator(),
            new PhoneNormaliser(),
            Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']),
            new FixedClock(self::NOW)
        );

        $camille = $tester->test('06 12 34 56 78')->toArray();
        self::assertSame('not_shipped', $camille['rule']['code']);
        self::assertSame(['sales', 'rule', 5, 'bandeau/order-being-prepared', '000000202', 'fr', 2, 'Camille Durand'], [
            $camille['route'], $camille['reason'], $camille['priority'], $camille['message'], $camille['order'],
            $camille['lang'], $camille['customer_id'], $camille['customer_name'],
        ]);
        self::assertSame([['code' => 'order_not_shipped', 'order' => '000000202']], $camille['why']);
        self::assertSame('+33612345678', $camille['facts']['phone']);

        $jonas = $tester->test('+49 30 1234567')->toArray();
        self::assertSame(['vip', 'vip', 10, true, 'de'], [
            $jonas['route'], $jonas['rule']['code'], $jonas['priority'], $jonas['vip'], $jonas['lang'],
        ]);
        self::assertSame([['code' => 'vip']], $jonas['why']);

        $guest = $tester->test('07 00 00 00 01')->toArray();
        self::assertSame('delivered_recently', $guest['rule']['code']);
        self::assertSame([['code' => 'shipped_recently', 'order' => '000000201', 'days' => 0]], $guest['why']);
        self::assertNull($guest['customer_id']);

        $unknown = $tester->test('06 11 11 11 11')->toArray();
        self::assertSame(['default', 'unknown_number', null, [], 0], [
            $unknown['route'], $unknown['reason'], $unknown['rule'], $unknown['why'], $unknown['priority'],
        ]);

        $unreadable = $tester->test('abc')->toArray();
        self::assertSame(['default', 'no_caller_id', null], [$unreadable['route'], $unreadable['reason'], $unreadable['facts']]);
        // Bandeau's Default Country left at US on a French shop (general/country/default FR): a national
        // number the shop knows is found with the shop's country; one it does not know stays read as US.
        $usFirst = new RoutingTester(
            $this->facts,
            new RuleSetReader($this->scopeConfig, new RuleRowParser(), new NullLogger()),
            new RuleEvaluator(),
            new PhoneNormaliser(),
            Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'US', Config::XML_PATH_SHOP_COUNTRY => 'FR']),
            new FixedClock(self::NOW)
        );
        $national = $usFirst->test('06 12 34 56 78')->toArray();
        self::assertSame(['+33612345678', 'not_shipped', 2], [$national['phone'], $national['rule']['code'], $national['customer_id']]);
        self::assertSame('+12125550100', $usFirst->test('(212) 555-0100')->toArray()['phone']);
        self::assertSame('+33611111111', $usFirst->test('+33 6 11 11 11 11')->toArray()['phone']);
    }
}
