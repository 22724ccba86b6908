<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

class ConnectionTest extends SqlTestCase
{
    public function testFixtureSchemaIsLoaded(): void
    {
        $tables = $this->db->fetchCol('SHOW TABLES');
        foreach (['admin_user', 'customer_entity', 'sales_order', 'bandeau_call', 'bandeau_phone_index'] as $t) {
            self::assertContains($t, $tables);
        }
        self::assertSame('+00:00', $this->db->fetchOne('SELECT @@session.time_zone'));
    }

    public function testInsertOnDuplicateUpdatesInPlace(): void
    {
        $this->db->insertOnDuplicate('admin_user', ['user_id' => 5, 'username' => 'a', 'firstname' => 'A']);
        $this->db->insertOnDuplicate('admin_user', ['user_id' => 5, 'username' => 'a', 'firstname' => 'B'], ['firstname']);
        self::assertSame('1', $this->db->fetchOne('SELECT COUNT(*) FROM admin_user'));
        self::assertSame('B', $this->db->fetchOne('SELECT firstname FROM admin_user WHERE user_id = ?', [5]));
    }
}
