<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Bandeau\Cti\Test\Support\SchemaFixture;
use PHPUnit\Framework\TestCase;

/**
 * The SQL tests run on test/php/fixtures/schema.sql; it must say what etc/db_schema.xml says.
 */
class SchemaFixtureTest extends TestCase
{
    public function testEveryDeclaredTableAndColumnIsInTheFixtureWithTheSameDefinition(): void
    {
        $xml = SchemaFixture::fromXml();
        $sql = SchemaFixture::fromSql();
        self::assertNotEmpty($xml);
        foreach ($xml as $table => $declared) {
            self::assertArrayHasKey($table, $sql, 'fixture lacks table ' . $table);
            foreach ($declared['columns'] as $column => $definition) {
                self::assertArrayHasKey($column, $sql[$table]['columns'], "fixture lacks $table.$column");
                self::assertSame($definition, $sql[$table]['columns'][$column], "definition of $table.$column");
            }
            foreach (['unique', 'index', 'foreign'] as $kind) {
                foreach ($declared[$kind] as $name => $definition) {
                    self::assertArrayHasKey($name, $sql[$table][$kind], "fixture lacks $kind $name on $table");
                    self::assertSame($definition, $sql[$table][$kind][$name], "$kind $name on $table");
                }
            }
        }
    }

    public function testModuleOwnedTablesHaveNothingMoreInTheFixture(): void
    {
        $xml = SchemaFixture::fromXml();
        $sql = SchemaFixture::fromSql();
        foreach ($xml as $table => $declared) {
            if (!str_starts_with($table, 'bandeau_')) {
                continue;
            }
            self::assertSame(array_keys($declared['columns']), array_keys($sql[$table]['columns']), $table);
            foreach (['unique', 'index', 'foreign'] as $kind) {
                self::assertEqualsCanonicalizing(
                    array_keys($declared[$kind]),
                    array_keys($sql[$table][$kind]),
                    "$kind of $table"
                );
            }
        }
    }

    public function testCallLogCustomerForeignKeySetsNullOnDelete(): void
    {
        $foreign = SchemaFixture::fromXml()['bandeau_call']['foreign'];
        $byColumn = array_column($foreign, null, 'column');
        self::assertSame(
            ['column' => 'customer_id', 'table' => 'customer_entity', 'ref' => 'entity_id', 'onDelete' => 'SET NULL'],
            $byColumn['customer_id']
        );
        self::assertSame(['call_id'], SchemaFixture::fromXml()['bandeau_call']['unique']['BANDEAU_CALL_CALL_ID']);
    }

    public function testWhitelistListsEveryDeclaredColumnAndConstraint(): void
    {
        $whitelist = json_decode(
            (string)file_get_contents(dirname(SchemaFixture::XML) . '/db_schema_whitelist.json'),
            true,
            512,
            JSON_THROW_ON_ERROR
        );
        foreach (SchemaFixture::fromXml() as $table => $declared) {
            foreach (array_keys($declared['columns']) as $column) {
                self::assertTrue($whitelist[$table]['column'][$column] ?? false, "whitelist: $table.$column");
            }
        }
    }
}
