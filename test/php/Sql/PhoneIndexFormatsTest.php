<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Console\Command\RebuildPhoneIndexCommand;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Observer\ReindexOrderPhones;
use Bandeau\Cti\Observer\ReindexQuotePhones;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use PHPUnit\Framework\Attributes\DataProvider;
use Psr\Log\NullLogger;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Tester\CommandTester;

/**
 * The formats merchants really store, read from the core address tables on MariaDB, with the
 * address country as default region and the configured country when the address has none.
 */
class PhoneIndexFormatsTest extends SqlTestCase
{
    private PhoneIndexer $indexer;
    private int $next = 1;

    protected function setUp(): void
    {
        parent::setUp();
        $this->indexer = new PhoneIndexer(
            $this->resource,
            new PhoneNormaliser(),
            Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR'])
        );
        $this->insert('customer_entity', ['entity_id' => 1, 'email' => 'a@example.com', 'firstname' => 'A', 'lastname' => 'B']);
    }

    public static function formats(): array
    {
        return [
            'FR national, spaces' => ['FR', '06 12 34 56 78', '+33612345678'],
            'FR national, dots' => ['FR', '06.12.34.56.78', '+33612345678'],
            'FR national, dashes, no separators' => ['FR', '0612345678', '+33612345678'],
            'FR international' => ['FR', '+33 6 12 34 56 78', '+33612345678'],
            'FR international with (0)' => ['FR', '+33 (0)6 12 34 56 78', '+33612345678'],
            'FR 00 prefix' => ['FR', '0033 6 12 34 56 78', '+33612345678'],
            'FR label and extension "poste"' => ['FR', 'Tél. 01 23 45 67 89 poste 12', '+33123456789'],
            'FR extension "p."' => ['FR', '01 23 45 67 89 p. 12', '+33123456789'],
            'US brackets and dash' => ['US', '(415) 555-0123', '+14155550123'],
            'US dots' => ['US', '415.555.0123', '+14155550123'],
            'US extension "ext."' => ['US', '415-555-0123 ext. 12', '+14155550123'],
            'US extension "x"' => ['US', '415-555-0123 x12', '+14155550123'],
            'US extension "#"' => ['US', '415 555 0123 #12', '+14155550123'],
            'US extension after +1, French address' => ['FR', '+1 212-736-5000 ext. 12', '+12127365000'],
            'US extension "extension"' => ['US', '(212) 736-5000 extension 12345', '+12127365000'],
            'FR extension "poste" after +33' => ['FR', '+33 1 23 45 67 89 poste 123', '+33123456789'],
            'FR extension "#"' => ['FR', '+33 1 23 45 67 89 #45', '+33123456789'],
            'US 1 prefix' => ['US', '1-415-555-0123', '+14155550123'],
            'US 011 international call prefix' => ['US', '011 33 6 12 34 56 78', '+33612345678'],
            'GB national with brackets' => ['GB', '(020) 7946 0958', '+442079460958'],
            'GB 0044 and (0)' => ['GB', '0044 (0)20 7946 0958', '+442079460958'],
            'DE national, slash' => ['DE', '030/12345678', '+493012345678'],
            'address in one country, number of another' => ['US', '+33 6 12 34 56 78', '+33612345678'],
            'missing country: configured default (FR)' => ['', '06 12 34 56 78', '+33612345678'],
            'invalid country: configured default (FR)' => ['France', '06 12 34 56 78', '+33612345678'],
            'not a number' => ['FR', 'n/a', null],
            'too short' => ['FR', '12', null],
            'empty' => ['FR', '', null],
        ];
    }

    #[DataProvider('formats')]
    public function testCustomerAddressFormats(string $country, string $written, ?string $e164): void
    {
        $id = $this->insert('customer_address_entity', [
            'parent_id' => 1, 'country_id' => $country, 'firstname' => 'A', 'lastname' => 'B', 'telephone' => $written,
        ]);
        $this->indexer->reindexAll();
        $indexed = $this->db->fetchOne(
            'SELECT phone_e164 FROM bandeau_phone_index WHERE source = ? AND source_id = ?',
            ['customer_address', $id]
        );
        self::assertSame($e164, $indexed === false ? null : $indexed);
    }

    public function testAnIncomingCallFromTheMainNumberFindsTheCustomerWhoseNumberHasAnExtension(): void
    {
        $this->insert('customer_address_entity', [
            'parent_id' => 1, 'country_id' => 'US', 'firstname' => 'A', 'lastname' => 'B',
            'telephone' => '+1 212-736-5000 ext. 12',
        ]);
        $this->indexer->reindexAll();
        self::assertSame(
            ['+12127365000', '+1 212-736-5000 ext. 12'],
            array_values($this->db->fetchRow('SELECT phone_e164, telephone FROM bandeau_phone_index')),
            'the main number is indexed; the number as written keeps its extension'
        );
        $lookup = Builders::callerLookup($this->resource, Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR']));
        foreach (['+12127365000', '0012127365000', '+1 212-736-5000 ext. 99'] as $caller) {
            $matches = $lookup->lookup($caller)->getMatches();
            self::assertCount(1, $matches, $caller);
            self::assertSame(1, $matches[0]->getCustomerId(), $caller);
        }
    }

    public function testOrderAddressWithoutCountryUsesTheDefault(): void
    {
        $this->insert('sales_order', ['entity_id' => 5, 'increment_id' => '5', 'customer_id' => null]);
        $this->insert('sales_order_address', ['entity_id' => 50, 'parent_id' => 5, 'country_id' => null, 'telephone' => '07 00 00 00 01']);
        $this->indexer->reindexOrder(5);
        self::assertSame(
            ['+33700000001', null],
            array_values($this->db->fetchRow('SELECT phone_e164, customer_id FROM bandeau_phone_index WHERE order_id = 5'))
        );
    }

    private function quote(int $id, ?int $customerId, string $telephone): void
    {
        $this->insert('quote', ['entity_id' => $id, 'customer_id' => $customerId, 'is_active' => 1]);
        $this->insert('quote_address', [
            'address_id' => $id * 10, 'quote_id' => $id, 'address_type' => 'billing', 'country_id' => 'FR',
            'telephone' => $telephone,
        ]);
    }

    public function testQuoteAddressesOfCustomersAreIndexedGuestsAreNot(): void
    {
        $this->quote(70, 1, '06 99 88 77 66');
        $this->quote(71, null, '06 11 11 11 11');
        self::assertSame(1, $this->indexer->reindexAll());
        self::assertSame(
            ['+33699887766', 'quote_address', '1', '70'],
            array_values($this->db->fetchRow('SELECT phone_e164, source, customer_id, quote_id FROM bandeau_phone_index'))
        );
        $this->db->query('DELETE FROM quote WHERE entity_id = 70');
        self::assertSame('0', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'), 'purged quotes cascade');
    }

    public function testQuoteAndOrderAddressObservers(): void
    {
        $this->quote(80, 1, '06 99 88 77 66');
        (new ReindexQuotePhones($this->indexer, new NullLogger()))->execute(
            new Observer(['event' => new Event(['quote_address' => new DataObject(['quote_id' => 80])])])
        );
        $this->insert('sales_order', ['entity_id' => 6, 'increment_id' => '6', 'customer_id' => 1]);
        $this->insert('sales_order_address', ['entity_id' => 60, 'parent_id' => 6, 'country_id' => 'FR', 'telephone' => '0612345678']);
        (new ReindexOrderPhones($this->indexer, new NullLogger()))->execute(
            new Observer(['event' => new Event(['address' => new DataObject(['entity_id' => 60, 'parent_id' => 6])])])
        );
        self::assertSame(
            [['quote_address', '+33699887766'], ['order_address', '+33612345678']],
            array_map('array_values', $this->db->fetchAll('SELECT source, phone_e164 FROM bandeau_phone_index ORDER BY index_id'))
        );
        $this->db->query('UPDATE quote_address SET telephone = ? WHERE address_id = 800', ['n/a']);
        $this->indexer->reindexQuote(80);
        self::assertSame('0', $this->db->fetchOne("SELECT COUNT(*) FROM bandeau_phone_index WHERE source = 'quote_address'"));
    }

    public function testRebuildPagesThroughEverySourceInBatches(): void
    {
        for ($i = 0; $i < 7; $i++) {
            $this->insert('customer_address_entity', [
                'parent_id' => 1, 'country_id' => 'FR', 'firstname' => 'A', 'lastname' => 'B',
                'telephone' => sprintf('06 00 00 00 %02d', $i),
            ]);
        }
        $this->insert('sales_order', ['entity_id' => 7, 'increment_id' => '7', 'customer_id' => 1]);
        $this->insert('sales_order_address', ['entity_id' => 70, 'parent_id' => 7, 'country_id' => 'FR', 'telephone' => 'x']);
        $this->quote(90, 1, '06 99 88 77 66');
        $this->quote(91, null, '06 99 88 77 67');
        self::assertSame(
            ['customer_address' => 7, 'order_address' => 1, 'quote_address' => 1],
            $this->indexer->countSourceRows()
        );
        $batches = [];
        $written = $this->indexer->reindexAll(static function (string $source, int $rows) use (&$batches): void {
            $batches[] = $source . ':' . $rows;
        }, 3);
        self::assertSame(8, $written);
        self::assertSame(
            ['customer_address:3', 'customer_address:3', 'customer_address:1', 'order_address:1', 'quote_address:1'],
            $batches
        );
        self::assertSame(8, $this->indexer->reindexAll(null, 3), 'idempotent');
        self::assertSame('8', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'));
    }

    public function testCliCommandShowsProgressAndSummary(): void
    {
        for ($i = 0; $i < 5; $i++) {
            $this->insert('customer_address_entity', [
                'parent_id' => 1, 'country_id' => 'FR', 'firstname' => 'A', 'lastname' => 'B',
                'telephone' => sprintf('06 00 00 00 %02d', $i),
            ]);
        }
        $command = new RebuildPhoneIndexCommand($this->indexer);
        self::assertSame('bandeau:phone-index:rebuild', $command->getName());
        $tester = new CommandTester($command);
        self::assertSame(Command::SUCCESS, $tester->execute(['--batch-size' => '2']));
        $output = $tester->getDisplay();
        self::assertStringContainsString('5/5 [', $output, 'progress bar reaches the total');
        self::assertStringContainsString('Phone index rebuilt: 5 numbers from 5 addresses', $output);
        self::assertSame('5', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index'));

        self::assertSame(Command::INVALID, $tester->execute(['--batch-size' => 'lots']));
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        self::assertSame(Command::FAILURE, $tester->execute([]));
        self::assertStringContainsString('Phone index rebuild failed', $tester->getDisplay());
    }
}
