<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

/**
 * Every field of a call record has a bandeau_call column that can hold what the validator lets
 * through, declared in etc/db_schema.xml and whitelisted.
 */
class CallRecordSchemaTest extends TestCase
{
    public function testEveryFieldHasAWhitelistedColumn(): void
    {
        $columns = SchemaFixture::fromXml()[CallMapper::TABLE]['columns'];
        $whitelist = json_decode(
            (string)file_get_contents(TranslatableStrings::MODULE_DIR . '/etc/db_schema_whitelist.json'),
            true,
            512,
            JSON_THROW_ON_ERROR
        )[CallMapper::TABLE]['column'];
        self::assertSame(CallInterface::FIELDS, array_keys(CallMapper::COLUMNS));
        foreach (CallMapper::COLUMNS as $field => $column) {
            self::assertArrayHasKey($column, $columns, "db_schema.xml lacks the column of $field");
            self::assertTrue($whitelist[$column] ?? false, "$column is not whitelisted");
        }
    }

    public function testTransferAndQueueColumns(): void
    {
        $columns = SchemaFixture::fromXml()[CallMapper::TABLE]['columns'];
        $text = static fn (int $length): array =>
            ['type' => 'varchar', 'length' => $length, 'unsigned' => false, 'nullable' => true];
        $count = ['type' => 'int', 'length' => 10, 'unsigned' => true, 'nullable' => true];
        self::assertSame($text(64), $columns['transferred_to']);
        self::assertSame($text(80), $columns['queue_name']);
        // Nullable: "not in a queue" is no position and no wait, not 0.
        self::assertSame($count, $columns['queue_position']);
        self::assertSame($count, $columns['abandon_position']);
        self::assertSame($count, $columns['wait_s']);
        foreach ([CallInterface::QUEUE_POSITION, CallInterface::ABANDON_POSITION, CallInterface::WAIT_S] as $field) {
            self::assertContains($field, CallMapper::INT_FIELDS);
        }
    }
}
