<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\CallerLookup;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;

class PhoneLookupTest extends SqlTestCase
{
    private PhoneIndexer $indexer;
    private CallerLookup $lookup;

    protected function setUp(): void
    {
        parent::setUp();
        $config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $config);
        $this->lookup = new CallerLookup($this->resource, new PhoneNormaliser(), $config);

        $this->insert('customer_entity', [
            'entity_id' => 12, 'email' => 'marie.curie@example.com', 'firstname' => 'Marie', 'lastname' => 'Curie',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 100, 'parent_id' => 12, 'country_id' => 'FR', 'firstname' => 'Marie',
            'lastname' => 'Curie', 'telephone' => '06 12 34 56 78',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 101, 'parent_id' => 12, 'country_id' => 'FR', 'firstname' => 'Marie',
            'lastname' => 'Curie', 'telephone' => 'n/a',
        ]);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '000000042', 'customer_id' => 12]);
        $this->insert('sales_order_address', [
            'entity_id' => 500, 'parent_id' => 42, 'customer_id' => 12, 'address_type' => 'billing',
            'country_id' => 'FR', 'firstname' => 'Marie', 'lastname' => 'Curie',
            'email' => 'marie.curie@example.com', 'telephone' => '+33 6 12 34 56 78',
        ]);
        $this->insert('sales_order', ['entity_id' => 43, 'increment_id' => '000000043', 'customer_id' => null]);
        $this->insert('sales_order_address', [
            'entity_id' => 501, 'parent_id' => 43, 'customer_id' => null, 'address_type' => 'billing',
            'country_id' => 'US', 'firstname' => 'Guest', 'lastname' => 'Buyer',
            'email' => 'guest@example.com', 'telephone' => '(415) 555-0123',
        ]);
    }

    public function testLookupAnswersTheContractExample(): void
    {
        self::assertSame(4, $this->indexer->reindexAll() + 1, 'three numbers indexed, "n/a" skipped');
        $result = $this->lookup->lookup(RestOutput::contract('calls.lookup.request.json')['phone']);
        self::assertSame(RestOutput::contract('calls.lookup.response.json'), RestOutput::toArray($result));
    }

    public function testNationalAndInternationalFormsFindTheSameCustomer(): void
    {
        $this->indexer->reindexAll();
        foreach (['0612345678', '+33 (0)6 12 34 56 78', '0033612345678'] as $form) {
            $result = $this->lookup->lookup($form);
            self::assertSame('+33612345678', $result->getPhone(), $form);
            self::assertCount(2, $result->getMatches(), $form);
        }
    }

    public function testGuestOrderNumberUsesTheAddressCountry(): void
    {
        $this->indexer->reindexAll();
        $matches = $this->lookup->lookup('+1 415-555-0123')->getMatches();
        self::assertCount(1, $matches);
        self::assertNull($matches[0]->getCustomerId());
        self::assertSame('Guest Buyer', $matches[0]->getName());
        self::assertSame('guest@example.com', $matches[0]->getEmail());
        self::assertSame(43, $matches[0]->getOrderId());
    }

    /**
     * Issue 11: an order whose billing and shipping addresses carry the same number was listed twice.
     */
    public function testAnOrderIsOneMatchWhenBothItsAddressesCarryTheNumber(): void
    {
        $this->insert('sales_order', ['entity_id' => 44, 'increment_id' => '000000044', 'customer_id' => null]);
        $this->insert('sales_order_address', [
            'entity_id' => 503, 'parent_id' => 44, 'customer_id' => null, 'address_type' => 'shipping',
            'country_id' => 'BE', 'firstname' => 'Gift', 'lastname' => 'Recipient',
            'email' => 'guest2@example.com', 'telephone' => '+32 470 12 34 56',
        ]);
        $this->insert('sales_order_address', [
            'entity_id' => 504, 'parent_id' => 44, 'customer_id' => null, 'address_type' => 'billing',
            'country_id' => 'BE', 'firstname' => 'Jan', 'lastname' => 'Peeters',
            'email' => 'guest2@example.com', 'telephone' => '0470 12 34 56',
        ]);
        // Same number on both addresses of order 42 (the customer's) and on a second address of the customer.
        $this->insert('sales_order_address', [
            'entity_id' => 502, 'parent_id' => 42, 'customer_id' => 12, 'address_type' => 'shipping',
            'country_id' => 'FR', 'firstname' => 'Marie', 'lastname' => 'Curie',
            'email' => 'marie.curie@example.com', 'telephone' => '06.12.34.56.78',
        ]);
        $this->db->query('UPDATE customer_address_entity SET telephone = ? WHERE entity_id = ?', ['0612345678', 101]);
        $this->indexer->reindexAll();
        self::assertSame('2', $this->db->fetchOne(
            "SELECT COUNT(*) FROM bandeau_phone_index WHERE order_id = 44 AND phone_e164 = '+32470123456'"
        ), 'both addresses stay indexed');

        $guest = $this->lookup->lookup('+32 470 12 34 56')->getMatches();
        self::assertCount(1, $guest);
        self::assertSame(44, $guest[0]->getOrderId());
        self::assertSame('Jan Peeters', $guest[0]->getName(), 'named after the billing address');

        $marie = array_map(
            static fn ($m) => [$m->getSource(), $m->getCustomerId(), $m->getOrderId()],
            $this->lookup->lookup('06 12 34 56 78')->getMatches()
        );
        self::assertSame([['customer_address', 12, null], ['order_address', 12, 42]], $marie);
    }

    public function testNoMatchAndUnreadableNumbers(): void
    {
        $this->indexer->reindexAll();
        self::assertSame(
            RestOutput::contract('calls.lookup.nomatch.response.json'),
            RestOutput::toArray($this->lookup->lookup('+1 415 555 0100'))
        );
        self::assertSame([], $this->lookup->lookup('hello')->getMatches());
    }

    public function testReindexCustomerFollowsAddressChangesAndIsIdempotent(): void
    {
        $this->indexer->reindexCustomer(12);
        $this->indexer->reindexCustomer(12);
        self::assertSame('1', $this->db->fetchOne("SELECT COUNT(*) FROM bandeau_phone_index WHERE source = 'customer_address'"));
        $this->db->query('UPDATE customer_address_entity SET telephone = ? WHERE entity_id = ?', ['07 00 00 00 01', 100]);
        $this->indexer->reindexCustomer(12);
        self::assertSame('+33700000001', $this->db->fetchOne('SELECT phone_e164 FROM bandeau_phone_index WHERE source_id = 100'));
        self::assertSame([], array_filter(
            $this->lookup->lookup('0612345678')->getMatches(),
            static fn ($m) => $m->getSource() === 'customer_address'
        ));
    }

    public function testReindexOrderAndDeletedAddressesLeaveTheIndex(): void
    {
        $this->indexer->reindexOrder(42);
        self::assertSame('1', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'));
        $this->indexer->reindexAll();
        $this->db->query('DELETE FROM sales_order WHERE entity_id = ?', [43]);
        self::assertSame([], $this->lookup->lookup('+14155550123')->getMatches(), 'cascade from sales_order');
        $this->db->query('DELETE FROM customer_address_entity WHERE entity_id = ?', [100]);
        $this->indexer->reindexAll();
        self::assertCount(1, $this->lookup->lookup('0612345678')->getMatches());
    }
}
