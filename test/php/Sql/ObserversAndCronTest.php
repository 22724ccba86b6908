<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Cron\AnonymiseExpiredCalls;
use Bandeau\Cti\Cron\ReindexPhones;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Bandeau\Cti\Model\Lookup\CustomerCardQuery;
use Bandeau\Cti\Observer\AnonymiseCustomerCalls;
use Bandeau\Cti\Observer\LinkCustomerFormPhone;
use Bandeau\Cti\Observer\ReindexCustomerPhones;
use Bandeau\Cti\Observer\ReindexOrderPhones;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Psr\Log\AbstractLogger;

class ObserversAndCronTest extends SqlTestCase
{
    private CallRepository $repository;
    private PhoneIndexer $indexer;
    private CallAnonymiser $anonymiser;
    private AbstractLogger $logger;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('customer_address_entity', [
            'entity_id' => 100, 'parent_id' => 12, 'country_id' => 'FR', 'firstname' => 'M', 'lastname' => 'C',
            'telephone' => '06 12 34 56 78',
        ]);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '42', 'customer_id' => null]);
        $this->insert('sales_order_address', [
            'entity_id' => 500, 'parent_id' => 42, 'country_id' => 'FR', 'telephone' => '07 00 00 00 01',
        ]);
        $config = Builders::config([Config::XML_PATH_RETENTION_DAYS => '30']);
        $this->repository = Builders::callRepository($this->resource);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $config);
        $this->anonymiser = Builders::callAnonymiser($this->resource, [Config::XML_PATH_RETENTION_DAYS => '30'], strtotime('2024-06-01T00:00:00Z'));
        $this->logger = new class extends AbstractLogger {
            public array $lines = [];

            public function log($level, string|\Stringable $message, array $context = []): void
            {
                $this->lines[] = $level . ': ' . $message;
            }
        };
    }

    private function entity(int $id): object
    {
        return new class (['entity_id' => $id]) extends \Magento\Framework\Model\AbstractModel {
            protected $_idFieldName = 'entity_id';
        };
    }

    private function observer(string $key, object $object): Observer
    {
        return new Observer(['event' => new Event([$key => $object, 'data_object' => $object])]);
    }

    public function testCustomerDeleteObserverAnonymises(): void
    {
        $this->repository->save(new Call([
            'call_id' => 'c', 'direction' => 'inbound', 'started_at' => '2024-05-30T00:00:00Z',
            'customer_id' => 12, 'from' => '+33612345678', 'note' => 'private',
        ]));
        // A call from the customer's address number that no agent linked to the card.
        $this->indexer->reindexCustomer(12);
        $this->repository->save(new Call([
            'call_id' => 'unlinked', 'direction' => 'inbound', 'started_at' => '2024-05-30T00:00:00Z',
            'from' => '+33 6 12 34 56 78', 'note' => 'private too',
        ]));
        (new AnonymiseCustomerCalls($this->anonymiser))->execute($this->observer('customer', $this->entity(12)));
        foreach (['c', 'unlinked'] as $id) {
            self::assertNull($this->repository->getByCallId($id)->getNote(), $id);
            self::assertNull($this->repository->getByCallId($id)->getFrom(), $id);
        }
    }

    public function testAddressAndOrderObserversIndex(): void
    {
        (new ReindexCustomerPhones($this->indexer, $this->logger))
            ->execute($this->observer('customer_address', new DataObject(['parent_id' => 12])));
        (new ReindexOrderPhones($this->indexer, $this->logger))
            ->execute($this->observer('order', $this->entity(42)));
        self::assertSame(
            ['+33612345678', '+33700000001'],
            $this->db->fetchCol('SELECT phone_e164 FROM bandeau_phone_index ORDER BY phone_e164')
        );
    }

    public function testNumberTypedOnTheNewCustomerFormIsLinkedToTheCustomer(): void
    {
        $this->insert('customer_entity', ['entity_id' => 77, 'email' => 'new@example.com', 'firstname' => 'Nina']);
        $observer = new LinkCustomerFormPhone($this->indexer, new PhoneNormaliser(), Builders::config(), $this->logger);
        $save = fn (string $phone) => $observer->execute(new Observer(['event' => new Event([
            'customer' => new class {
                public function getId(): int
                {
                    return 77;
                }
            },
            'request' => new Request(['customer' => ['firstname' => 'Nina', 'bandeau_phone' => $phone]]),
        ])]));
        $save('+33 6 98 76 54 32');
        $save('+33698765432'); // saved again: still one link
        $save('not a phone');
        self::assertSame(
            [['phone_e164' => '+33698765432', 'source' => 'customer_form', 'customer_id' => '77']],
            $this->db->fetchAll(
                "SELECT phone_e164, source, customer_id FROM bandeau_phone_index WHERE source = 'customer_form'"
            )
        );
        // The screen pop finds the new customer by that number.
        self::assertSame(['77'], array_map(
            fn (array $r) => (string)$r['entity_id'],
            (new CustomerCardQuery($this->resource))->customers('+33698765432')
        ));
        // A full rebuild keeps it (no address row backs it), deleting the customer removes it.
        $this->indexer->reindexAll();
        self::assertSame(1, (int)$this->db->fetchOne("SELECT COUNT(*) FROM bandeau_phone_index WHERE source = 'customer_form'"));
        $this->db->getPdo()->exec('DELETE FROM customer_entity WHERE entity_id = 77');
        self::assertSame(0, (int)$this->db->fetchOne("SELECT COUNT(*) FROM bandeau_phone_index WHERE source = 'customer_form'"));
    }

    public function testIndexFailuresAreLoggedNotThrown(): void
    {
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        (new ReindexCustomerPhones($this->indexer, $this->logger))
            ->execute($this->observer('customer_address', new DataObject(['parent_id' => 12])));
        self::assertStringStartsWith('error: Bandeau: could not index', $this->logger->lines[0]);
    }

    public function testCronJobs(): void
    {
        $this->repository->save(new Call([
            'call_id' => 'old', 'direction' => 'inbound', 'started_at' => '2024-01-01T00:00:00Z', 'from' => '+33612345678',
        ]));
        (new AnonymiseExpiredCalls($this->anonymiser, $this->logger))->execute();
        self::assertNull($this->repository->getByCallId('old')->getFrom());
        (new ReindexPhones($this->indexer, $this->logger))->execute();
        self::assertSame('2', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'));
        self::assertCount(2, $this->logger->lines);
    }
}
