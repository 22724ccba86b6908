<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\Agent\AgentProfile;

/**
 * The agents on MariaDB: active admin users whose extension AgentProfile accepts, trimmed, with the
 * display name and interface locale, by extension or by name. Inactive users, no extension and an
 * extension the bridge would refuse are left out.
 */
class AgentDirectoryTest extends SqlTestCase
{
    /** @var array<string, int> username => user id */
    private array $ids = [];

    protected function setUp(): void
    {
        parent::setUp();
        $users = [
            // username, first name, last name, extension, active, locale
            ['zoe', 'Zoé', 'Martin', '7001', 1, 'fr_FR'],
            ['anon', '', '  ', ' 7000 ', 1, 'en_US'],
            // Stored with a space before it: first in the column's order, third once normalised.
            ['pad', 'Pad', 'Ded', ' 7002', 1, 'zh_Hans_CN'],
            ['ann', 'Ann', "Lee\t Smith", '7003', 1, '"><script>'],
            ['gone', 'Gone', 'Away', '6999', 0, 'en_US'],
            ['none', 'No', 'Extension', null, 1, 'en_US'],
            ['empty', 'Empty', 'Extension', '', 1, 'en_US'],
            ['bad', 'Bad', 'Extension', 'x y', 1, 'en_US'],
            ['at', 'At', 'Sign', 'ext@7004', 1, 'en_US'],
        ];
        foreach ($users as [$username, $first, $last, $extension, $active, $locale]) {
            $this->ids[$username] = $this->insert('admin_user', [
                'username' => $username, 'firstname' => $first, 'lastname' => $last,
                'bandeau_extension' => $extension, 'is_active' => $active, 'interface_locale' => $locale,
            ]);
        }
    }

    private function directory(): AgentDirectory
    {
        return new AgentDirectory($this->resource, new AgentProfile());
    }

    public function testAgentsByExtensionWithNameAndLocale(): void
    {
        self::assertSame([
            ['id' => $this->ids['anon'], 'name' => 'anon', 'extension' => '7000', 'locale' => 'en_US'],
            ['id' => $this->ids['zoe'], 'name' => 'Zoé Martin', 'extension' => '7001', 'locale' => 'fr_FR'],
            ['id' => $this->ids['pad'], 'name' => 'Pad Ded', 'extension' => '7002', 'locale' => 'zh_Hans_CN'],
            ['id' => $this->ids['ann'], 'name' => 'Ann Lee Smith', 'extension' => '7003', 'locale' => null],
        ], $this->directory()->agents());
    }

    public function testAgentsByName(): void
    {
        self::assertSame(
            ['anon', 'Ann Lee Smith', 'Pad Ded', 'Zoé Martin'],
            array_column($this->directory()->agents(AgentDirectory::BY_NAME), 'name')
        );
    }

    public function testAnUnknownOrderIsRefused(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->directory()->agents('user_id; DROP TABLE admin_user');
    }
}
