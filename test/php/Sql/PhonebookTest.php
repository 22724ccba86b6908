<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Api\Data\PhonebookPageInterface;
use Bandeau\Cti\Api\PhonebookInterface;
use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Bandeau\Cti\Model\DeskPhone\Phonebook;
use Bandeau\Cti\Model\DeskPhone\StaffDirectory;
use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\WebapiOutput;
use Magento\Framework\Exception\InputException;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * GET /V1/bandeau/phonebook on MariaDB (issue 17): customers with an indexed number, keyset-paged
 * by customer id, each number once and the customer's own first; staff (active agents with an
 * extension, then the configured list) on the first page only.
 */
class PhonebookTest extends SqlTestCase
{
    private Phonebook $phonebook;

    protected function setUp(): void
    {
        parent::setUp();
        $scopeConfig = Builders::scopeConfig([
            DeskPhoneConfig::XML_PATH_STAFF => "Sales desk,201\n\nAccounts, Paris office,202\nbroken line\nCamille again,7001",
        ]);
        $deskConfig = new DeskPhoneConfig($scopeConfig, Builders::configFrom($scopeConfig), Builders::bridgeUrl(), new StaffLines());
        $staff = new StaffDirectory(new AgentDirectory($this->resource, new AgentProfile()), $deskConfig);
        $this->phonebook = new Phonebook($this->resource, $staff);
        $this->seed();
    }

    private function seed(): void
    {
        $this->insert('customer_group', ['customer_group_id' => 1, 'customer_group_code' => 'General']);
        $this->insert('customer_group', ['customer_group_id' => 2, 'customer_group_code' => 'Wholesale']);
        $customers = [
            [3, 'Jeanne', 'Dupont', 2],
            [5, 'Sans', 'Numéro', 1],
            [8, '王', '芳', 1],
            [11, '', '', 1],
            [20, 'Mona  ', ' Haddad', 9],
            [21, 'Last', 'One', 1],
        ];
        foreach ($customers as [$id, $first, $last, $group]) {
            $this->insert('customer_entity', [
                'entity_id' => $id, 'email' => 'c' . $id . '@example.com', 'group_id' => $group,
                'firstname' => $first, 'lastname' => $last,
            ]);
        }
        $numbers = [
            // source, source id, customer, number: inserted out of order, so the order comes from the query
            ['order_address', 1, 3, '+33142685300'],
            ['customer_address', 30, 3, '+33612345678'],
            ['quote_address', 2, 3, '+33612345678'],
            ['customer_address', 80, 8, '+8613800138000'],
            ['order_address', 2, 11, '+14155550100'],
            ['customer_form', 20, 20, '+33698765432'],
            ['quote_address', 3, 21, '+33700000021'],
            ['order_address', 3, null, '+33799999999'],
        ];
        foreach ($numbers as [$source, $sourceId, $customerId, $e164]) {
            $this->insert('bandeau_phone_index', [
                'source' => $source, 'source_id' => $sourceId, 'customer_id' => $customerId, 'phone_e164' => $e164,
            ]);
        }
        $users = [
            ['camille', 'Camille', 'Martin', '7001', 1],
            ['zed', '', '', '7002', 1],
            ['gone', 'Gone', 'Away', '7003', 0],
            ['noext', 'No', 'Extension', null, 1],
            ['bad', 'Bad', 'Extension', 'x y', 1],
        ];
        foreach ($users as [$username, $first, $last, $extension, $active]) {
            $this->insert('admin_user', [
                'username' => $username, 'firstname' => $first, 'lastname' => $last,
                'bandeau_extension' => $extension, 'is_active' => $active,
            ]);
        }
    }

    private function written(PhonebookPageInterface $page): array
    {
        return WebapiOutput::process($page, PhonebookInterface::class, 'getPage');
    }

    public function testFirstPageHasTheStaffAndTheFirstCustomers(): void
    {
        $page = $this->written($this->phonebook->getPage(0, 2));
        self::assertSame([
            [
                'customer_id' => 3, 'name' => 'Jeanne Dupont', 'group' => 'Wholesale',
                'phones' => [
                    ['e164' => '+33612345678', 'kind' => 'customer_address'],
                    ['e164' => '+33142685300', 'kind' => 'order_address'],
                ],
            ],
            ['customer_id' => 8, 'name' => '王 芳', 'group' => 'General', 'phones' => [
                ['e164' => '+8613800138000', 'kind' => 'customer_address'],
            ]],
        ], $page['entries']);
        self::assertSame([
            ['name' => 'Camille Martin', 'extension' => '7001'],
            ['name' => 'zed', 'extension' => '7002'],
            ['name' => 'Sales desk', 'extension' => '201'],
            ['name' => 'Accounts, Paris office', 'extension' => '202'],
        ], $page['staff']);
        self::assertSame(8, $page['next_after_id']);
    }

    public function testPagesFollowOneAnotherWithoutStaffAndEndWithNull(): void
    {
        $ids = [];
        $afterId = 0;
        $pages = 0;
        do {
            $page = $this->written($this->phonebook->getPage($afterId, 2));
            $pages++;
            if ($afterId > 0) {
                self::assertSame([], $page['staff']);
            }
            foreach ($page['entries'] as $entry) {
                $ids[] = $entry['customer_id'];
            }
            $afterId = $page['next_after_id'];
        } while ($afterId !== null && $pages < 10);
        // Customer 5 has no number; the guest order's number (no customer) is nobody's entry.
        self::assertSame([3, 8, 11, 20, 21], $ids);
        self::assertSame(3, $pages);
    }

    public function testAPageThatEndsTheBookSaysSo(): void
    {
        $page = $this->written($this->phonebook->getPage(8, 3));
        self::assertSame([11, 20, 21], array_column($page['entries'], 'customer_id'));
        self::assertNull($page['next_after_id']);
        self::assertSame(['customer_id' => 11, 'name' => 'c11@example.com', 'group' => 'General', 'phones' => [
            ['e164' => '+14155550100', 'kind' => 'order_address'],
        ]], $page['entries'][0]);
        // A group that is gone, a name with stray spaces
        self::assertSame(['Mona Haddad', ''], [$page['entries'][1]['name'], $page['entries'][1]['group']]);
        self::assertSame([], $this->written($this->phonebook->getPage(21, 3))['entries']);
    }

    public function testDefaultsAreTheFirstThousand(): void
    {
        $page = $this->written($this->phonebook->getPage());
        self::assertCount(5, $page['entries']);
        self::assertCount(4, $page['staff']);
        self::assertNull($page['next_after_id']);
    }

    /**
     * @return array<string, array{int, int}>
     */
    public static function badArguments(): array
    {
        return [
            'negative afterId' => [-1, 10],
            'zero limit' => [0, 0],
            'limit over 5000' => [0, 5001],
        ];
    }

    #[DataProvider('badArguments')]
    public function testBadArgumentsAreRefused(int $afterId, int $limit): void
    {
        $this->expectException(InputException::class);
        $this->phonebook->getPage($afterId, $limit);
    }

    public function testTheLimitIsHonouredAtTheMaximum(): void
    {
        $page = $this->phonebook->getPage(0, PhonebookInterface::MAX_LIMIT);
        self::assertCount(5, $page->getEntries());
    }
}
