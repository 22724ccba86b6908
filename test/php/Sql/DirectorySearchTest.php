<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Directory\Search;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Lookup\DirectoryQuery;
use Bandeau\Cti\Model\Lookup\DirectorySearch;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Psr\Log\NullLogger;

/**
 * The phone bar's directory search on MariaDB (issue 13): names, e-mails, order numbers and phone
 * numbers find the people to call with their numbers; the admin controller answers exactly
 * test/contract/admin.directory.response.json.
 */
class DirectorySearchTest extends SqlTestCase
{
    private const CONTRACT = __DIR__ . '/../../contract/admin.directory.response.json';

    private DirectorySearch $search;

    protected function setUp(): void
    {
        parent::setUp();
        $config = Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'US']);
        $this->search = new DirectorySearch(new DirectoryQuery($this->resource), new PhoneNormaliser(), $config, new FakeBackendUrl());
        $this->seed(new PhoneIndexer($this->resource, new PhoneNormaliser(), $config));
    }

    private function seed(PhoneIndexer $indexer): void
    {
        $this->insert('customer_group', ['customer_group_id' => 1, 'customer_group_code' => 'General']);
        $people = [
            [12, 'Veronica', 'Costello', 'roni_cost@example.com'],
            [7, 'Camille', 'Durand', 'camille.durand@example.fr'],
            [8, 'Marc', 'Durand', 'marc.durand@example.fr'],
            [9, 'Zoé', 'Lefèvre', 'zoe@example.fr'],
        ];
        foreach ($people as [$id, $first, $last, $email]) {
            $this->insert('customer_entity', ['entity_id' => $id, 'email' => $email, 'group_id' => 1, 'firstname' => $first, 'lastname' => $last]);
        }
        $this->insert('customer_address_entity', [
            'entity_id' => 120, 'parent_id' => 12, 'country_id' => 'US', 'firstname' => 'Veronica',
            'lastname' => 'Costello', 'telephone' => '(212) 229-3326',
        ]);
        $this->insert('customer_address_entity', [
            'entity_id' => 70, 'parent_id' => 7, 'country_id' => 'FR', 'firstname' => 'Camille',
            'lastname' => 'Durand', 'telephone' => '06 12 34 56 78',
        ]);
        // Camille's order, delivered to her office: a second number.
        $this->insert('sales_order', [
            'entity_id' => 102, 'increment_id' => '000000102', 'customer_id' => 7, 'customer_email' => 'camille.durand@example.fr',
            'customer_firstname' => 'Camille', 'customer_lastname' => 'Durand', 'status' => 'pending',
        ]);
        $this->insert('sales_order_address', [
            'entity_id' => 1020, 'parent_id' => 102, 'address_type' => 'shipping', 'country_id' => 'FR',
            'firstname' => 'Camille', 'lastname' => 'Durand', 'telephone' => '01 42 68 53 00',
        ]);
        // A guest order: no customer, the buyer's name and number on the order only.
        $this->insert('sales_order', ['entity_id' => 60, 'increment_id' => '000000060', 'customer_id' => null, 'customer_email' => 'guest@example.com']);
        $this->insert('sales_order_address', [
            'entity_id' => 600, 'parent_id' => 60, 'address_type' => 'billing', 'country_id' => 'US',
            'firstname' => 'Guest', 'lastname' => 'Buyer', 'telephone' => '212-555-0142',
        ]);
        $indexer->reindexAll();
    }

    private function controller(array $post, array $perms = ['phone_bar']): array
    {
        $controller = new Search(
            new Context(new Request([], 'POST', $post), Builders::authorization($perms)),
            new JsonFactory(),
            $this->search,
            new NullLogger()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), (string)$response->getBody()];
    }

    private function names(string $q): array
    {
        return array_column($this->search->search($q)['results'], 'name');
    }

    public function testControllerAnswersExactlyTheContractExample(): void
    {
        self::assertTrue(is_subclass_of(Search::class, HttpPostActionInterface::class));
        self::assertSame('Bandeau_Cti::phone_bar', Search::ADMIN_RESOURCE);
        [$status, $body] = $this->controller(['q' => 'durand']);
        self::assertSame(200, $status);
        $expected = json_decode((string)file_get_contents(self::CONTRACT), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame($expected, json_decode($body, true, 512, JSON_THROW_ON_ERROR));
    }

    public function testNamesMatchWordByWordFromTheStartInAnyOrderAndCase(): void
    {
        self::assertSame(['Camille Durand'], $this->names('camille dur'));
        self::assertSame(['Camille Durand'], $this->names('DUR cam'));
        self::assertSame(['Camille Durand', 'Marc Durand'], $this->names('  Durand '));
        self::assertSame(['Zoé Lefèvre'], $this->names('lefè'));
        self::assertSame([], $this->names('urand'), 'a name is matched from its start');
    }

    public function testEmailsMatchFromTheStartAndWildcardsAreLiteral(): void
    {
        self::assertSame(['Veronica Costello'], $this->names('roni_cost@'));
        self::assertSame(['Veronica Costello'], $this->names('roni'), 'one word is also an e-mail prefix');
        self::assertSame([], $this->names('r%@'));
        self::assertSame([], $this->names('ron_%'));
        self::assertSame([], $this->names('%'));
    }

    public function testAnOrderNumberFindsItsBuyerWithTheOrdersNumbersFirst(): void
    {
        foreach (['102', '#102', '000000102', '# 000000102'] as $typed) {
            $results = $this->search->search($typed)['results'];
            self::assertCount(1, $results, $typed);
            self::assertSame([
                'customerId' => 7,
                'name' => 'Camille Durand',
                'email' => 'camille.durand@example.fr',
                'orderIncrementId' => '000000102',
                'url' => 'https://shop.example.com/admin_x1/sales/order/view/order_id/102/key/a1b2c3/',
                'phones' => [
                    ['number' => '+33142685300', 'display' => '+33 1 42 68 53 00'],
                    ['number' => '+33612345678', 'display' => '+33 6 12 34 56 78'],
                ],
            ], $results[0], $typed);
        }
        $guest = $this->search->search('60')['results'];
        self::assertSame(null, $guest[0]['customerId']);
        self::assertSame('Guest Buyer', $guest[0]['name']);
        self::assertSame([['number' => '+12125550142', 'display' => '(212) 555-0142']], $guest[0]['phones']);
    }

    public function testAPhoneNumberFindsWhoHasIt(): void
    {
        self::assertSame(['Veronica Costello'], $this->names('+1 212 229 3326'));
        self::assertSame(['Veronica Costello'], $this->names('(212) 229-3326'));
        self::assertSame([], $this->names('(212) 555-0199'));
    }

    public function testHostileAndTinyQueriesFindNothingAndBreakNothing(): void
    {
        foreach (["' OR 1=1 --", 'x', '', "\x00\x01", "durand'; DROP TABLE customer_entity; --", str_repeat('a', 500)] as $q) {
            self::assertSame([], $this->search->search($q)['results'], $q);
        }
        self::assertSame(['Camille Durand'], $this->names("camille\r\ndurand"), 'line breaks are spaces');
        self::assertSame(4, (int)$this->db->fetchOne('SELECT COUNT(*) FROM customer_entity'));
    }

    public function testAtMostTenPeople(): void
    {
        for ($id = 100; $id < 115; $id++) {
            $this->insert('customer_entity', ['entity_id' => $id, 'email' => "d$id@example.com", 'group_id' => 1, 'firstname' => 'Dan', 'lastname' => "Durand$id"]);
        }
        self::assertCount(DirectorySearch::MAX_RESULTS, $this->search->search('durand')['results']);
    }

    public function testControllerRefusesMissingOrOverlongQueriesAndReportsFailureAsJson(): void
    {
        foreach ([[], ['q' => ''], ['q' => '  '], ['q' => str_repeat('a', 129)], ['q' => ['x']]] as $post) {
            [$status, $body] = $this->controller($post);
            self::assertSame(400, $status);
            self::assertSame('invalid_query', json_decode($body, true)['error']['code']);
        }
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        [$status, $body] = $this->controller(['q' => 'durand']);
        self::assertSame(500, $status);
        self::assertSame('search_failed', json_decode($body, true)['error']['code']);
    }
}
