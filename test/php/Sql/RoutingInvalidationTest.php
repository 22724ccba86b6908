<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Bridge\BridgeNotifier;
use Bandeau\Cti\Model\Bridge\RevocationTransportInterface;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\AffectedNumbers;
use Bandeau\Cti\Model\Routing\CacheInvalidator;
use Bandeau\Cti\Model\Routing\InvalidationBuffer;
use Bandeau\Cti\Observer\FlushRoutingInvalidations;
use Bandeau\Cti\Observer\RoutingAddressSaved;
use Bandeau\Cti\Observer\RoutingCacheObserver;
use Bandeau\Cti\Observer\RoutingCustomerSaved;
use Bandeau\Cti\Observer\RoutingOrderSaved;
use Bandeau\Cti\Observer\RoutingRulesSaved;
use Bandeau\Cti\Observer\RoutingShipmentSaved;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Unit\Queue\MemoryLogger;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Model\AbstractModel;

/**
 * Issue 15: a committed save of a customer, address, order or shipment, or of the routing
 * configuration, sends the bridge ONE signed POST /routing/invalidate with the numbers whose
 * facts changed (read from the phone index on MariaDB); a bridge that is down never fails the save.
 * One request that commits several objects (a customer with its addresses, a shipment with its
 * order) still sends one notice: the observers collect, the end of the request sends.
 */
class RoutingInvalidationTest extends SqlTestCase
{
    private const NOW = 1_796_126_400;

    /** @var array<int, array{url: string, body: string, headers: array<string, string>}> */
    private array $sent = [];
    /** @var \Closure|null fn(): int, or throws */
    private ?\Closure $answer = null;
    private MemoryLogger $logger;
    private Config $config;
    private PhoneIndexer $indexer;

    protected function setUp(): void
    {
        parent::setUp();
        $this->logger = new MemoryLogger();
        $this->config = Builders::config([
            Config::XML_PATH_DEFAULT_COUNTRY => 'FR',
            Config::XML_PATH_BRIDGE_ADMIN_URL => 'http://127.0.0.1:8789/',
        ]);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $this->config);
        $this->insert('customer_entity', ['entity_id' => 2, 'email' => 'c@example.com', 'firstname' => 'C', 'lastname' => 'D']);
        $this->insert('customer_address_entity', [
            'entity_id' => 20, 'parent_id' => 2, 'country_id' => 'FR', 'firstname' => 'C', 'lastname' => 'D',
            'telephone' => '06 12 34 56 78',
        ]);
        $this->indexer->reindexCustomer(2);
        // Camille's order, delivered to her office number.
        $this->insert('sales_order', ['entity_id' => 102, 'increment_id' => '000000102', 'customer_id' => 2, 'state' => 'new']);
        $this->insert('sales_order_address', [
            'parent_id' => 102, 'address_type' => 'shipping', 'country_id' => 'FR', 'telephone' => '01 23 45 67 89',
        ]);
        $this->indexer->reindexOrder(102);
        // A guest order.
        $this->insert('sales_order', ['entity_id' => 201, 'increment_id' => '000000201', 'state' => 'processing']);
        $this->insert('sales_order_address', [
            'parent_id' => 201, 'address_type' => 'billing', 'country_id' => 'BE', 'telephone' => '0470 12 34 56',
        ]);
        $this->indexer->reindexOrder(201);
    }

    private function buffer(bool $deferred = true): InvalidationBuffer
    {
        $transport = new class ($this->sent, $this->answer) implements RevocationTransportInterface {
            public function __construct(private array &$sent, private ?\Closure &$answer)
            {
            }

            public function post(string $url, string $body, array $headers): int
            {
                $this->sent[] = ['url' => $url, 'body' => $body, 'headers' => $headers];
                return $this->answer !== null ? ($this->answer)() : 200;
            }
        };
        $invalidator = new CacheInvalidator(new BridgeNotifier($this->config, $transport), new FixedClock(self::NOW), $this->logger);
        return new InvalidationBuffer($invalidator, $this->logger, $deferred);
    }

    private function observer(string $class, InvalidationBuffer $buffer): RoutingCacheObserver
    {
        $numbers = new AffectedNumbers($this->resource, new PhoneNormaliser(), $this->config);
        return new $class($buffer, $numbers, $this->logger);
    }

    /**
     * One request: the commit observers Magento runs, in its order, then the end of the request
     * (controller_front_send_response_before).
     *
     * @param array<int, array{0: class-string, 1: array}> $events
     */
    private function request(array $events): void
    {
        $buffer = $this->buffer();
        foreach ($events as [$class, $data]) {
            $this->observer($class, $buffer)->execute(new Observer(['event' => new Event($data)]));
        }
        (new FlushRoutingInvalidations($buffer, $this->logger))->execute(new Observer(['event' => new Event([])]));
    }

    /** A request that commits one object. */
    private function fire(string $class, array $data): void
    {
        $this->request([[$class, $data]]);
    }

    /**
     * The one notification sent, its signature checked; returns its body.
     */
    private function onlyNotification(): array
    {
        self::assertCount(1, $this->sent);
        $request = $this->sent[0];
        self::assertSame('http://127.0.0.1:8789/routing/invalidate', $request['url']);
        self::assertSame('application/json', $request['headers']['Content-Type']);
        self::assertSame(
            'sha256=' . hash_hmac('sha256', $request['body'], Builders::SECRET),
            $request['headers']['X-Bandeau-Signature']
        );
        $body = json_decode($request['body'], true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(['phones', 'rules', 'iat'], array_keys($body));
        self::assertSame(self::NOW, $body['iat']);
        return $body;
    }

    public function testACustomerSaveSendsEveryNumberOfTheCustomer(): void
    {
        $this->fire(RoutingCustomerSaved::class, ['customer' => new DataObject(['entity_id' => 2])]);
        $body = $this->onlyNotification();
        self::assertSame(['+33123456789', '+33612345678'], $body['phones']);
        self::assertFalse($body['rules']);
    }

    public function testAnAddressEditSendsTheOldAndTheNewNumber(): void
    {
        $address = new class (['entity_id' => 20, 'parent_id' => 2, 'country_id' => 'FR', 'telephone' => '06 99 88 77 66']) extends AbstractModel {
        };
        $address->setOrigData('telephone', '06 12 34 56 78');
        $this->db->query('UPDATE customer_address_entity SET telephone = ? WHERE entity_id = 20', ['06 99 88 77 66']);
        $this->indexer->reindexCustomer(2);
        $this->fire(RoutingAddressSaved::class, ['customer_address' => $address]);
        $phones = $this->onlyNotification()['phones'];
        sort($phones);
        // The new number, the old one (no longer in the index) and the customer's order number.
        self::assertSame(['+33123456789', '+33612345678', '+33699887766'], $phones);
    }

    public function testAnOrderSaveSendsItsNumbersAndItsCustomers(): void
    {
        $this->fire(RoutingOrderSaved::class, ['order' => new DataObject(['entity_id' => 102])]);
        self::assertSame(['+33123456789', '+33612345678'], $this->onlyNotification()['phones']);
        $this->sent = [];
        $this->fire(RoutingOrderSaved::class, ['data_object' => new DataObject(['entity_id' => 201])]);
        self::assertSame(['+32470123456'], $this->onlyNotification()['phones']);
    }

    public function testAShipmentSaveSendsItsOrdersNumbers(): void
    {
        $this->fire(RoutingShipmentSaved::class, ['shipment' => new DataObject(['entity_id' => 5, 'order_id' => 201])]);
        self::assertSame(['+32470123456'], $this->onlyNotification()['phones']);
    }

    /**
     * CustomerRepository::save as Magento 2.4.6 runs it for the admin's customer form: the customer
     * model is saved (customer_save_commit_after), then each address through AddressRepository
     * (customer_address_save_commit_after each), then a removed one is deleted. Three or four
     * commits, one notice with every number.
     */
    public function testACustomerSaveWithItsAddressesSendsOneNotice(): void
    {
        $this->insert('customer_address_entity', [
            'entity_id' => 21, 'parent_id' => 2, 'country_id' => 'FR', 'firstname' => 'C', 'lastname' => 'D',
            'telephone' => '06 55 44 33 22',
        ]);
        $this->indexer->reindexCustomer(2);
        $address = static fn (int $id, string $telephone) => new class ([
            'entity_id' => $id, 'parent_id' => 2, 'country_id' => 'FR', 'telephone' => $telephone,
        ]) extends AbstractModel {
        };
        $this->request([
            [RoutingCustomerSaved::class, ['customer' => new DataObject(['entity_id' => 2])]],
            [RoutingAddressSaved::class, ['customer_address' => $address(20, '06 12 34 56 78')]],
            [RoutingAddressSaved::class, ['customer_address' => $address(21, '06 55 44 33 22')]],
            [RoutingAddressSaved::class, ['data_object' => $address(22, '07 00 00 00 01')]],
        ]);
        $phones = $this->onlyNotification()['phones'];
        sort($phones);
        self::assertSame(['+33123456789', '+33612345678', '+33655443322', '+33700000001'], $phones);
    }

    /**
     * An order saved twice in one request (placed, then invoiced by an online capture; each save
     * commits and fires sales_order_save_commit_after): one notice.
     */
    public function testAnOrderSavedTwiceInARequestSendsOneNotice(): void
    {
        $this->request([
            [RoutingOrderSaved::class, ['order' => new DataObject(['entity_id' => 102])]],
            [RoutingOrderSaved::class, ['order' => new DataObject(['entity_id' => 102])]],
        ]);
        self::assertSame(['+33123456789', '+33612345678'], $this->onlyNotification()['phones']);
    }

    /**
     * Magento's Shipment Save controller commits the shipment and its order in one transaction:
     * sales_order_shipment_save_commit_after and sales_order_save_commit_after, one notice.
     */
    public function testAShipmentSavedWithItsOrderSendsOneNotice(): void
    {
        $this->request([
            [RoutingShipmentSaved::class, ['shipment' => new DataObject(['entity_id' => 5, 'order_id' => 102])]],
            [RoutingOrderSaved::class, ['order' => new DataObject(['entity_id' => 102])]],
        ]);
        self::assertSame(['+33123456789', '+33612345678'], $this->onlyNotification()['phones']);
    }

    public function testTheBufferSendsAFullNotificationAtOnceAndNothingTwice(): void
    {
        $buffer = $this->buffer();
        $buffer->add(array_map(static fn (int $i): string => sprintf('+336%08d', $i), range(1, 99)));
        self::assertSame([], $this->sent, 'collected, not sent');
        $buffer->add(['+33600000001', '+33600000100', '+33600000101']);
        self::assertCount(1, $this->sent, 'sent as soon as a notification is full');
        self::assertCount(100, json_decode($this->sent[0]['body'], true)['phones']);
        $buffer->add([], true);
        self::assertTrue($buffer->flush());
        self::assertCount(2, $this->sent);
        self::assertSame(['phones' => ['+33600000101'], 'rules' => true], array_slice(json_decode($this->sent[1]['body'], true), 0, 2));
        // The end of the request, then the shutdown flush: nothing left.
        (new FlushRoutingInvalidations($buffer, $this->logger))->execute(new Observer(['event' => new Event([])]));
        $buffer->flushQuietly();
        self::assertCount(2, $this->sent);
        self::assertTrue($buffer->isEmpty());
    }

    /** bin/magento, cron and queue consumers have no end of request: each commit is sent at once. */
    public function testOutsideHttpEachCommitIsSentAtOnce(): void
    {
        $buffer = $this->buffer(false);
        $this->observer(RoutingShipmentSaved::class, $buffer)->execute(new Observer(['event' => new Event([
            'shipment' => new DataObject(['entity_id' => 5, 'order_id' => 201]),
        ])]));
        self::assertCount(1, $this->sent);
        self::assertTrue($buffer->isEmpty());
        // The default follows the PHP SAPI: this test runs on the command line.
        $default = new InvalidationBuffer(new CacheInvalidator(new BridgeNotifier($this->config, new class implements RevocationTransportInterface {
            public function post(string $url, string $body, array $headers): int
            {
                return 200;
            }
        }), new FixedClock(self::NOW), $this->logger), $this->logger);
        $default->add(['+33612345678']);
        self::assertTrue($default->isEmpty());
    }

    public function testARoutingConfigSaveSendsRulesTrueWithoutNumbers(): void
    {
        $this->fire(RoutingRulesSaved::class, ['website' => '', 'store' => '', 'changed_paths' => ['bandeau_routing/rules/list']]);
        $body = $this->onlyNotification();
        self::assertSame([], $body['phones']);
        self::assertTrue($body['rules']);
    }

    public function testNothingIsSentForAnUnsavedObjectOrANumberlessCustomer(): void
    {
        $this->fire(RoutingOrderSaved::class, ['order' => new DataObject([])]);
        $this->insert('customer_entity', ['entity_id' => 9, 'email' => 'n@example.com']);
        $this->fire(RoutingCustomerSaved::class, ['customer' => new DataObject(['entity_id' => 9])]);
        self::assertSame([], $this->sent);
    }

    public function testABridgeThatIsDownDoesNotFailTheSaveAndIsLoggedWithoutTheNumbers(): void
    {
        $this->answer = static function (): int {
            throw new \RuntimeException('Failed to connect to 127.0.0.1 port 8789: Connection refused');
        };
        $this->fire(RoutingOrderSaved::class, ['order' => new DataObject(['entity_id' => 102])]);
        self::assertCount(1, $this->sent);
        self::assertCount(1, $this->logger->records);
        [$level, $message, $context] = $this->logger->records[0];
        self::assertSame('warning', $level);
        self::assertStringContainsString('could not be told that routing facts changed', $message);
        self::assertSame(2, $context['phones']);
        self::assertStringNotContainsString('612345678', (string)json_encode($this->logger->records));
    }

    public function testARefusalAndABridgeWithoutRoutingAreLogged(): void
    {
        $this->answer = static fn (): int => 401;
        $this->fire(RoutingRulesSaved::class, []);
        $this->answer = static fn (): int => 404;
        $this->fire(RoutingRulesSaved::class, []);
        self::assertSame(['warning', 'info'], array_column($this->logger->records, 0));
    }

    public function testADatabaseFailureIsLoggedNotThrown(): void
    {
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        $this->fire(RoutingCustomerSaved::class, ['customer' => new DataObject(['entity_id' => 2])]);
        self::assertSame([], $this->sent);
        self::assertSame('error', $this->logger->records[0][0]);
        self::assertStringStartsWith('Bandeau: routing cache invalidation failed', $this->logger->records[0][1]);
    }

    public function testWithoutAnAdminUrlOrSecretNothingIsSent(): void
    {
        $this->config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']);
        $this->fire(RoutingRulesSaved::class, []);
        self::assertSame([], $this->sent);
        self::assertSame([], $this->logger->records);
    }

    public function testMoreThanAHundredNumbersGoInSeveralNotifications(): void
    {
        $config = $this->config;
        $transportSent = [];
        $transport = new class ($transportSent) implements RevocationTransportInterface {
            public function __construct(private array &$sent)
            {
            }

            public function post(string $url, string $body, array $headers): int
            {
                $this->sent[] = json_decode($body, true);
                return 200;
            }
        };
        $invalidator = new CacheInvalidator(new BridgeNotifier($config, $transport), new FixedClock(self::NOW), $this->logger);
        $phones = array_map(static fn (int $i): string => sprintf('+336%08d', $i), range(1, 150));
        self::assertTrue($invalidator->invalidate(array_merge($phones, ['not a number', '+33 6 12']), true));
        self::assertSame([100, 50], array_map(static fn (array $b): int => count($b['phones']), $transportSent));
        self::assertSame([true, false], array_column($transportSent, 'rules'));
    }
}
