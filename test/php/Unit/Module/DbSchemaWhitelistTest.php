<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Bandeau\Cti\Test\Support\MagentoSchemaNames;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * etc/db_schema_whitelist.json must hold what `bin/magento setup:db-declaration:generate-whitelist`
 * writes for etc/db_schema.xml: every table and column, and every index and constraint under the
 * name Magento generates for it (not its referenceId). Without it, Magento will not drop or change
 * those elements in a later version of the module.
 */
class DbSchemaWhitelistTest extends TestCase
{
    private const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

    /**
     * Elements a later db_schema.xml no longer declares stay in the whitelist (Magento drops them
     * from the database only if they are listed): "table/kind/name" => why.
     */
    private const REMOVED = [
        'bandeau_call_sale/index/BANDEAU_CALL_SALE_CALL_LOCAL_DATE' => 'replaced by the covering index of the'
            . ' dashboard sales query (call_local_date, dimensions, revenue)',
        'bandeau_call/index/BANDEAU_CALL_PARTY_KEY' => 'replaced by (party_key, started_at), which serves the'
            . ' same look-ups and one number\'s calls of a day',
    ];

    /**
     * Names Magento 2.4.6's own whitelists hold for elements of its own db_schema.xml files.
     *
     * @return array<string, array{0: string, 1: callable(): string}>
     */
    public static function magentoCoreNames(): array
    {
        return [
            'short unique key kept as is' => ['CUSTOMER_ENTITY_EMAIL_WEBSITE_ID',
                static fn () => MagentoSchemaNames::indexName('customer_entity', ['email', 'website_id'], 'unique')],
            '61 characters kept' => ['CATALOG_PRODUCT_ENTITY_DATETIME_ENTITY_ID_ATTRIBUTE_ID_STORE_ID',
                static fn () => MagentoSchemaNames::indexName(
                    'catalog_product_entity_datetime',
                    ['entity_id', 'attribute_id', 'store_id'],
                    'unique'
                )],
            'foreign key abbreviated' => ['CAT_PRD_ENTT_DTIME_ATTR_ID_EAV_ATTR_ATTR_ID',
                static fn () => MagentoSchemaNames::foreignKeyName(
                    'catalog_product_entity_datetime',
                    'attribute_id',
                    'eav_attribute',
                    'attribute_id'
                )],
            'foreign key hashed' => ['FK_B99FF1A06402D725EBDB0F3A7ECD47A2',
                static fn () => MagentoSchemaNames::foreignKeyName(
                    'sales_payment_transaction',
                    'parent_id',
                    'sales_payment_transaction',
                    'transaction_id'
                )],
            'index hashed' => ['IDX_CA799F1E2CB843495F601E56C84A626D',
                static fn () => MagentoSchemaNames::indexName(
                    'tax_calculation_rate',
                    ['tax_calculation_rate_id', 'tax_country_id', 'tax_region_id', 'zip_is_range', 'tax_postcode'],
                    'btree'
                )],
            'unique key hashed' => ['UNQ_C05FAE47282EEA68654D0924E946761F',
                static fn () => MagentoSchemaNames::indexName(
                    'sales_shipping_aggregated_order',
                    ['period', 'store_id', 'order_status', 'shipping_description'],
                    'unique'
                )],
            'replica named after its table' => ['UNQ_EAA51B56FF092A0DCB795D1CEF812B7B',
                static fn () => MagentoSchemaNames::indexName(
                    'catalogrule_product_replica',
                    ['rule_id', 'from_time', 'to_time', 'website_id', 'customer_group_id', 'product_id', 'sort_order'],
                    'unique'
                )],
            'primary key' => ['PRIMARY', static fn () => MagentoSchemaNames::indexName('bandeau_call', ['x'], 'primary')],
        ];
    }

    #[DataProvider('magentoCoreNames')]
    public function testNamingRuleGivesTheNamesOfMagentosOwnWhitelists(string $expected, callable $name): void
    {
        self::assertSame($expected, $name());
    }

    public function testEveryDeclaredTableColumnIndexAndConstraintIsWhitelistedUnderMagentosName(): void
    {
        $whitelist = self::whitelist();
        foreach (self::declared() as $table => $kinds) {
            self::assertArrayHasKey($table, $whitelist, 'whitelist lacks table ' . $table);
            foreach ($kinds as $kind => $names) {
                foreach ($names as $name => $what) {
                    self::assertTrue(
                        $whitelist[$table][$kind][$name] ?? false,
                        "whitelist lacks $kind $name of $table ($what); run bin/magento"
                        . ' setup:db-declaration:generate-whitelist --module-name=Bandeau_Cti'
                    );
                }
            }
        }
    }

    public function testWhitelistHoldsOnlyNamesMagentoWouldHaveWritten(): void
    {
        $declared = self::declared();
        foreach (self::whitelist() as $table => $kinds) {
            foreach ($kinds as $kind => $names) {
                foreach (array_keys($names) as $name) {
                    $key = "$table/$kind/$name";
                    self::assertTrue(
                        isset($declared[$table][$kind][$name]) || isset(self::REMOVED[$key]),
                        "$key is neither declared in db_schema.xml (under the name Magento gives it) nor listed"
                        . ' as removed'
                    );
                }
            }
        }
    }

    /**
     * @return array<string, array<string, array<string, string>>> table => kind => Magento's name => description
     */
    private static function declared(): array
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/db_schema.xml'));
        $xpath = new \DOMXPath($doc);
        $declared = [];
        foreach ($xpath->query('/schema/table') as $table) {
            $name = $table->getAttribute('name');
            $declared[$name] = [];
            foreach ($xpath->query('column', $table) as $column) {
                $declared[$name]['column'][$column->getAttribute('name')] = 'column';
            }
            foreach ($xpath->query('index', $table) as $index) {
                $columns = self::columns($xpath, $index);
                $type = $index->getAttribute('indexType') === 'fulltext' ? 'fulltext' : 'index';
                $declared[$name]['index'][MagentoSchemaNames::indexName($name, $columns, $type)]
                    = $index->getAttribute('referenceId');
            }
            foreach ($xpath->query('constraint', $table) as $constraint) {
                $type = $constraint->getAttributeNS(self::XSI, 'type');
                $magentoName = $type === 'foreign'
                    ? MagentoSchemaNames::foreignKeyName(
                        $name,
                        $constraint->getAttribute('column'),
                        $constraint->getAttribute('referenceTable'),
                        $constraint->getAttribute('referenceColumn')
                    )
                    : MagentoSchemaNames::indexName($name, self::columns($xpath, $constraint), $type);
                $declared[$name]['constraint'][$magentoName] = $constraint->getAttribute('referenceId');
            }
        }
        return $declared;
    }

    /**
     * @return string[]
     */
    private static function columns(\DOMXPath $xpath, \DOMElement $element): array
    {
        $columns = [];
        foreach ($xpath->query('column', $element) as $column) {
            $columns[] = $column->getAttribute('name');
        }
        return $columns;
    }

    private static function whitelist(): array
    {
        return json_decode(
            (string)file_get_contents(TranslatableStrings::MODULE_DIR . '/etc/db_schema_whitelist.json'),
            true,
            512,
            JSON_THROW_ON_ERROR
        );
    }
}
