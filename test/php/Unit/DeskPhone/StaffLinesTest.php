<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\DeskPhone;

use Bandeau\Cti\Model\Config\Backend\StaffExtensions;
use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Magento\Framework\Exception\LocalizedException;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The staff list setting (bandeau/phones/staff): "Name,extension" lines, the extension after the
 * last comma; a bad line refuses the whole save with a message naming it; reading skips bad lines.
 */
class StaffLinesTest extends TestCase
{
    public function testLinesAreReadAndTidied(): void
    {
        $pairs = (new StaffLines())->parse(" Sales desk , 201 \r\n\n\tAccounts,  Paris  office ,*72#\nRéception 受付,R-1_a\n");
        self::assertSame([
            ['Sales desk', '201'],
            ['Accounts, Paris office', '*72#'],
            ['Réception 受付', 'R-1_a'],
        ], $pairs);
        self::assertSame([], (new StaffLines())->parse("\n  \n"));
    }

    /**
     * @return array<string, array{string, string}>
     */
    public static function badLists(): array
    {
        return [
            'no comma' => ["Sales desk,201\nReception", 'Staff list, line 2: write "Name,extension"'],
            'empty name' => [',201', 'Staff list, line 1: the name must be 1 to 64 characters.'],
            'name too long' => [str_repeat('é', 65) . ',201', 'Staff list, line 1: the name must be 1 to 64'],
            'control character' => ["Sales\x07desk,201", 'Staff list, line 1: the name'],
            'not UTF-8' => ["Sales \xff,201", 'Staff list, line 1: the name'],
            'bad extension' => ["A,201\n\nB,20 1", 'Staff list, line 3: "20 1" is not an extension'],
            'markup as extension' => ['A,<b>', 'Staff list, line 1: "<b>" is not an extension'],
            'empty extension' => ['A,', 'Staff list, line 1: "" is not an extension'],
            'too many lines' => [str_repeat("A,1\n", 201), 'The staff list holds at most 200 lines.'],
        ];
    }

    #[DataProvider('badLists')]
    public function testBadListsAreRefusedNamingTheLine(string $text, string $message): void
    {
        try {
            (new StaffLines())->parse($text);
            self::fail('accepted');
        } catch (LocalizedException $e) {
            self::assertStringStartsWith($message, $e->getMessage());
        }
    }

    public function testReadingSkipsBadLines(): void
    {
        self::assertSame(
            [['Sales desk', '201'], ['Shop', '203']],
            (new StaffLines())->parseValid("Sales desk,201\nbroken\nX,2 2\nShop,203")
        );
    }

    public function testTheBackendModelStoresTheTidiedList(): void
    {
        $value = new StaffExtensions();
        $value->setValue(" Sales desk , 201\r\n\r\nShop,203 ");
        $value->beforeSave();
        self::assertSame("Sales desk,201\nShop,203", $value->getValue());
    }

    public function testTheBackendModelRefusesABadListAndKeepsWhatWasTyped(): void
    {
        $value = new StaffExtensions();
        $value->setValue("Sales desk,201\nReception");
        try {
            $value->beforeSave();
            self::fail('saved');
        } catch (LocalizedException $e) {
            self::assertStringContainsString('line 2', $e->getMessage());
        }
        self::assertSame("Sales desk,201\nReception", $value->getValue());
    }
}
