<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\CallerLookup;
use Bandeau\Cti\Api\CallerLookupInterface;
use Bandeau\Cti\Test\Support\WebapiOutput;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;

class PhoneLookupTest extends SqlTestCase
{
    private const STATUS_LABELS = ['processing' => 'Processing', 'holded' => 'On Hold'];

    private PhoneIndexer $indexer;
    private CallerLookup $lookup;

    protected function setUp(): void
    {
        parent::setUp();
        $config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']);
        $this->indexer = new PhoneIndexer($this->resource, new PhoneNormaliser(), $config);
        $this->lookup = Builders::callerLookup($this->resource, $config, self::STATUS_LABELS);

        $this->insert('customer_group', ['customer_group_id' => 2, 'customer_group_code' => 'Wholesale']);
        $this->insert('customer_entity', [
            'entity_id' => 12, 'email' => 'marie.curie@example.com', 'firstname' => 'Marie', 'lastname' => 'Curie',
            'group_id' => 2,
        ]);
        $this->insert('quote', [
            'entity_id' => 900, 'customer_id' => 12, 'is_active' => 1, 'items_count' => 2, 'items_qty' => 3,
            'grand_total' => 89.9, 'quote_currency_code' => 'EUR',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 100, 'parent_id' => 12, 'country_id' => 'FR', 'firstname' => 'Marie',
            'lastname' => 'Curie', 'telephone' => '06 12 34 56 78',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 101, 'parent_id' => 12, 'country_id' => 'FR', 'firstname' => 'Marie',
            'lastname' => 'Curie', 'telephone' => 'n/a',
        ]);
        $this->insert('sales_order', [
            'entity_id' => 42, 'increment_id' => '000000042', 'customer_id' => 12, 'status' => 'processing',
            'grand_total' => 129, 'order_currency_code' => 'EUR', 'created_at' => '2026-11-02 09:00:00',
        ]);
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

    public function testTheContractExampleIsWhatMagentosWebapiWrites(): void
    {
        $this->indexer->reindexAll();
        $result = $this->lookup->lookup(RestOutput::contract('calls.lookup.request.json')['phone']);
        self::assertSame(
            RestOutput::contract('calls.lookup.response.json'),
            WebapiOutput::process($result, CallerLookupInterface::class, 'lookup')
        );
    }

    /**
     * Issue 17: the desk phone's caller page shows the customer's group, newest order and open cart.
     */
    public function testDetailsAreTheCustomersNewestOrderAndOpenCartAndOnlyForCustomers(): void
    {
        // A newer order without the number is still the customer's last order; carts that are
        // closed or empty are not open carts, however recent.
        $this->insert('sales_order', [
            'entity_id' => 46, 'increment_id' => '000000046', 'customer_id' => 12, 'status' => 'holded',
            'grand_total' => 1284.5, 'order_currency_code' => 'USD', 'created_at' => '2026-11-10 09:00:00',
        ]);
        $this->insert('quote', ['entity_id' => 901, 'customer_id' => 12, 'is_active' => 0, 'items_count' => 5, 'items_qty' => 5]);
        $this->insert('quote', ['entity_id' => 902, 'customer_id' => 12, 'is_active' => 1, 'items_count' => 0]);
        $this->insert('customer_entity', [
            'entity_id' => 13, 'email' => 'new@example.com', 'firstname' => '<b>Zoé</b>', 'lastname' => '& "Ali"',
            'group_id' => 9,
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 102, 'parent_id' => 13, 'country_id' => 'FR', 'firstname' => 'Zoé', 'lastname' => 'Ali',
            'telephone' => '06 98 76 54 32',
        ]);
        $this->indexer->reindexAll();

        $marie = RestOutput::toArray($this->lookup->lookup('0612345678'))['matches'];
        foreach ($marie as $match) {
            self::assertSame('Wholesale', $match['group']);
            self::assertSame(['increment_id' => '000000046', 'status' => 'On Hold', 'grand_total' => '$1,284.50'], $match['last_order']);
            self::assertSame(['items' => 3, 'total' => '€89.90'], $match['open_cart']);
        }

        $guest = WebapiOutput::process($this->lookup->lookup('+1 415-555-0123'), CallerLookupInterface::class, 'lookup');
        self::assertSame(
            ['name' => 'Guest Buyer', 'email' => 'guest@example.com', 'telephone' => '(415) 555-0123',
                'source' => 'order_address', 'order_id' => 43, 'order_increment_id' => '000000043'],
            $guest['matches'][0],
            'a guest order has no customer: no group, last order or cart (null fields are left out)'
        );

        $newcomer = WebapiOutput::process($this->lookup->lookup('0698765432'), CallerLookupInterface::class, 'lookup');
        self::assertSame(
            ['customer_id' => 13, 'name' => '<b>Zoé</b> & "Ali"', 'email' => 'new@example.com',
                'telephone' => '06 98 76 54 32', 'source' => 'customer_address'],
            $newcomer['matches'][0],
            'no order, no cart, a deleted group: left out; names are plain text (whoever shows them escapes them)'
        );
    }

    /**
     * The lookup answers while the phone rings: details for ten customers cost what they cost for one.
     */
    public function testDetailsForManyCustomersTakeTheSameThreeQueriesAsForOne(): void
    {
        for ($id = 20; $id < 30; $id++) {
            $this->insert('customer_entity', ['entity_id' => $id, 'email' => "c$id@example.com", 'firstname' => "C$id", 'group_id' => 2]);
            $this->insert('customer_address_entity', [
                'entity_id' => 100 + $id, 'parent_id' => $id, 'country_id' => 'FR', 'firstname' => "C$id", 'lastname' => 'X',
                'telephone' => '01 42 68 53 00',
            ]);
            $this->insert('sales_order', [
                'entity_id' => 100 + $id, 'increment_id' => "1000$id", 'customer_id' => $id, 'status' => 'processing',
                'grand_total' => $id, 'order_currency_code' => 'EUR',
            ]);
            $this->insert('quote', ['entity_id' => 1000 + $id, 'customer_id' => $id, 'items_count' => 1, 'items_qty' => 1, 'grand_total' => $id,
                'quote_currency_code' => 'EUR']);
        }
        $this->indexer->reindexAll();
        $selects = function (string $phone): array {
            $before = (int)$this->db->fetchRow("SHOW SESSION STATUS LIKE 'Com_select'")['Value'];
            $matches = $this->lookup->lookup($phone)->getMatches();
            return [count($matches), (int)$this->db->fetchRow("SHOW SESSION STATUS LIKE 'Com_select'")['Value'] - $before];
        };
        [$one, $forOne] = $selects('0612345678');
        [$ten, $forTen] = $selects('0142685300');
        self::assertSame([2, 10], [$one, $ten]);
        self::assertSame(3, $forOne, 'matches, newest orders, open carts');
        self::assertSame($forOne, $forTen);
        foreach ($this->lookup->lookup('0142685300')->getMatches() as $match) {
            $id = (int)$match->getCustomerId();
            self::assertSame("1000$id", $match->getLastOrder()?->getIncrementId());
            self::assertSame(sprintf('€%d.00', $id), $match->getOpenCart()?->getTotal());
        }
    }
}
