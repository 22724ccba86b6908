<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Lookup\Index;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Lookup\CustomerCardQuery;
use Bandeau\Cti\Model\Lookup\OrderStatusLabels;
use Bandeau\Cti\Model\Lookup\PhoneBarLookup;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\FixedMoneyFormatter;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Phrase;
use Magento\Sales\Model\Order\Config as OrderConfig;
use Psr\Log\NullLogger;

/**
 * The phone bar's screen pop on MariaDB: index lookup joined to customers, groups, orders and quotes,
 * and the admin controller answering exactly test/contract/admin.lookup.response.json.
 */
class PhoneBarLookupTest extends SqlTestCase
{
    private const CONTRACT = __DIR__ . '/../../contract/admin.lookup.response.json';
    /** What Magento's order status configuration holds (Stores > Order Status): admin labels. */
    private const STATUS_LABELS = ['processing' => 'Processing', 'complete' => 'Complete', 'canceled' => 'Canceled'];

    private PhoneIndexer $indexer;
    private PhoneBarLookup $lookup;

    protected function setUp(): void
    {
        parent::setUp();
        $config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'US']);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $config);
        $this->lookup = new PhoneBarLookup(
            new CustomerCardQuery($this->resource),
            new PhoneNormaliser(),
            $config,
            new FixedMoneyFormatter(),
            new FakeBackendUrl(),
            new OrderStatusLabels(new OrderConfig(self::STATUS_LABELS))
        );
        $this->seed();
    }

    private function seed(): void
    {
        $this->insert('customer_group', ['customer_group_id' => 1, 'customer_group_code' => 'General']);
        $this->insert('customer_group', ['customer_group_id' => 2, 'customer_group_code' => 'Wholesale']);
        foreach (['processing' => 'Processing', 'complete' => 'Complete', 'canceled' => 'Canceled'] as $code => $label) {
            $this->insert('sales_order_status', ['status' => $code, 'label' => $label]);
        }
        $this->insert('customer_entity', [
            'entity_id' => 12, 'email' => 'roni_cost@example.com', 'group_id' => 1, 'firstname' => 'Veronica',
            'lastname' => 'Costello', 'updated_at' => '2025-01-01 00:00:00',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 120, 'parent_id' => 12, 'country_id' => 'US', 'firstname' => 'Veronica',
            'lastname' => 'Costello', 'telephone' => '(212) 229-3326',
        ]);
        $orders = [
            // id, increment, state/status, total, created
            [17, '000000017', 'complete', '200.0000', '2026-03-14 09:05:00'],
            [9, '000000009', 'canceled', '999.0000', '2025-12-01 08:00:00'],
            [31, '000000031', 'complete', '870.0000', '2026-09-02 16:40:00'],
            [42, '000000042', 'processing', '214.0000', '2026-11-18 10:12:00'],
        ];
        foreach ($orders as [$id, $increment, $status, $total, $created]) {
            $this->insert('sales_order', [
                'entity_id' => $id, 'increment_id' => $increment, 'customer_id' => 12, 'state' => $status,
                'status' => $status, 'grand_total' => $total, 'base_grand_total' => $total,
                'order_currency_code' => 'USD', 'base_currency_code' => 'USD', 'created_at' => $created,
            ]);
        }
        $this->insert('quote', [
            'entity_id' => 500, 'customer_id' => 12, 'is_active' => 1, 'items_count' => 2, 'items_qty' => '2.0000',
            'grand_total' => '89.9000', 'quote_currency_code' => 'USD', 'updated_at' => '2026-11-20 08:00:00',
        ]);
        // Marie: the number only in a checkout address, an old inactive quote, no order.
        $this->insert('customer_entity', [
            'entity_id' => 7, 'email' => 'marie.curie@example.com', 'group_id' => 2, 'firstname' => 'Marie',
            'lastname' => 'Curie', 'updated_at' => '2024-06-01 00:00:00',
        ]);
        $this->insert('quote', [
            'entity_id' => 501, 'customer_id' => 7, 'is_active' => 0, 'items_count' => 1, 'items_qty' => '1.0000',
            'grand_total' => '10.0000', 'quote_currency_code' => 'USD', 'updated_at' => '2024-06-01 00:00:00',
        ]);
        $this->insert('quote_address', [
            'address_id' => 900, 'quote_id' => 501, 'customer_id' => 7, 'address_type' => 'billing',
            'country_id' => 'US', 'telephone' => '+1 212.229.3326',
        ]);
        // Veronica's calls: the newest three go on her card with their wrap-up (outcome, note).
        $calls = [
            ['1760000000.1', 'inbound', 'answered', '2026-10-01 08:00:00', 'Order placed', 'Too old for the card'],
            ['1762781100.3', 'inbound', 'answered', '2026-11-10 13:25:00', 'Complaint', 'Strap arrived torn; replacement sent.'],
            ['1763630400.18', 'inbound', 'answered', '2026-11-20 09:20:00', 'Question answered',
                'Asked when the backpack ships; told her Friday.'],
            ['1763383500.7', 'outbound', 'missed', '2026-11-17 12:45:00', null, null],
        ];
        foreach ($calls as [$callId, $direction, $disposition, $started, $outcome, $note]) {
            $this->insert('bandeau_call', [
                'call_id' => $callId, 'direction' => $direction, 'disposition' => $disposition, 'started_at' => $started,
                'customer_id' => 12, 'outcome' => $outcome, 'note' => $note,
            ]);
        }
        // A guest order with the same number: no customer card.
        $this->insert('sales_order', ['entity_id' => 60, 'increment_id' => '000000060', 'customer_id' => null]);
        $this->insert('sales_order_address', [
            'entity_id' => 600, 'parent_id' => 60, 'address_type' => 'billing', 'country_id' => 'US',
            'firstname' => 'Guest', 'lastname' => 'Buyer', 'telephone' => '212-229-3326',
        ]);
        $this->indexer->reindexAll();
    }

    private function controller(array $params, array $perms = ['phone_bar']): array
    {
        $controller = new Index(
            new Context(new Request([], 'POST', $params), Builders::authorization($perms)),
            new JsonFactory(),
            $this->lookup,
            new NullLogger()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), (string)$response->getBody()];
    }

    public function testControllerAnswersExactlyTheContractExample(): void
    {
        self::assertTrue(is_subclass_of(Index::class, HttpPostActionInterface::class));
        self::assertFalse(is_subclass_of(Index::class, HttpGetActionInterface::class));
        self::assertSame('Bandeau_Cti::phone_bar', Index::ADMIN_RESOURCE);
        [$status, $body] = $this->controller(['phone' => '+1 (212) 229-3326']);
        self::assertSame(200, $status);
        $expected = json_decode((string)file_get_contents(self::CONTRACT), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame($expected, json_decode($body, true, 512, JSON_THROW_ON_ERROR));
    }

    public function testOrderStatusesAreMagentosLabelsInTheAdminsLanguage(): void
    {
        // The admin user reads French: the module's fr_FR.csv translates Magento's default labels.
        $rows = array_map('str_getcsv', file(__DIR__ . '/../../../app/code/Bandeau/Cti/i18n/fr_FR.csv', FILE_IGNORE_NEW_LINES));
        Phrase::$dictionary = array_column($rows, 1, 0);
        try {
            $this->db->query("UPDATE sales_order SET status = 'pending_payment' WHERE entity_id = 17");
            $orders = $this->lookup->lookup('2122293326')['customers'][0]['lastOrders'];
            self::assertSame(['En cours de traitement', 'Terminée', 'En attente de paiement'], array_column($orders, 'status'));
        } finally {
            Phrase::$dictionary = [];
        }
    }

    public function testEveryWrittenFormFindsTheSameCards(): void
    {
        foreach (['2122293326', '001 212 229 3326', '+1-212-229-3326 ext. 4', '212.229.3326'] as $form) {
            $result = $this->lookup->lookup($form);
            self::assertSame('+12122293326', $result['phone'], $form);
            self::assertSame([12, 7], array_column($result['customers'], 'customerId'), $form);
        }
    }

    public function testLifetimeSalesLeaveOutCanceledOrdersAndLastOrdersAreTheNewestThree(): void
    {
        $card = $this->lookup->lookup('2122293326')['customers'][0];
        self::assertSame('$1,284.00', $card['lifetimeSales'], '200 + 870 + 214, not the canceled 999');
        self::assertSame(['000000042', '000000031', '000000017'], array_column($card['lastOrders'], 'incrementId'));
    }

    public function testMostRecentActivityFirstAndAtMostTwentyCustomers(): void
    {
        $this->db->query("UPDATE quote SET updated_at = '2027-01-01 00:00:00', is_active = 1 WHERE entity_id = 501");
        self::assertSame([7, 12], array_column($this->lookup->lookup('2122293326')['customers'], 'customerId'));
        for ($id = 100; $id < 125; $id++) {
            $this->insert('customer_entity', ['entity_id' => $id, 'email' => "c$id@example.com", 'firstname' => 'C', 'lastname' => (string)$id]);
            $this->insert('customer_address_entity', [
                'entity_id' => 1000 + $id, 'parent_id' => $id, 'country_id' => 'US', 'firstname' => 'C',
                'lastname' => (string)$id, 'telephone' => '212 229 3326',
            ]);
        }
        $this->indexer->reindexAll();
        $customers = $this->lookup->lookup('2122293326')['customers'];
        self::assertCount(CustomerCardQuery::MAX_CUSTOMERS, $customers);
        self::assertSame(7, $customers[0]['customerId'], 'open cart touched in 2027');
    }

    public function testOpenCartIsTheActiveQuoteWithItems(): void
    {
        $this->db->query('UPDATE quote SET items_count = 0 WHERE entity_id = 500');
        self::assertNull($this->lookup->lookup('2122293326')['customers'][0]['openCart']);
    }

    public function testUnknownAndUnreadableNumbers(): void
    {
        self::assertSame([
            'phone' => '+12125550100',
            'customers' => [],
            'newCustomerUrl' => 'https://shop.example.com/admin_x1/customer/index/new/key/a1b2c3/?bandeau_phone=%2B12125550100',
        ], $this->lookup->lookup('(212) 555-0100'));
        $result = $this->lookup->lookup("hello\r\nworld");
        self::assertSame('helloworld', $result['phone']);
        self::assertSame([], $result['customers']);
        self::assertStringNotContainsString('bandeau_phone', $result['newCustomerUrl']);
    }

    public function testControllerRefusesMissingOrOverlongNumbers(): void
    {
        foreach ([[], ['phone' => ''], ['phone' => str_repeat('1', 65)], ['phone' => ['x']]] as $params) {
            [$status, $body] = $this->controller($params);
            self::assertSame(400, $status);
            self::assertSame('invalid_phone', json_decode($body, true)['error']['code']);
        }
    }

    public function testControllerReportsLookupFailureAsJson(): void
    {
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        [$status, $body] = $this->controller(['phone' => '2122293326']);
        self::assertSame(500, $status);
        self::assertSame('lookup_failed', json_decode($body, true)['error']['code']);
    }
}
