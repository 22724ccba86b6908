<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\ViewModel;

use Bandeau\Cti\Model\PhoneBar\UiStrings;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

/**
 * The PHP list of phone bar strings is the page client's list, and both locales translate it.
 */
class UiStringsTest extends TestCase
{
    private const STRINGS_TS = __DIR__ . '/../../../../frontend-ts/src/page/strings.ts';

    /**
     * @return string[] the entries of `export const STRINGS = [...]`
     */
    public static function fromTypeScript(string $source): array
    {
        $start = strpos($source, 'export const STRINGS = [');
        $end = $start === false ? false : strpos($source, '] as const', $start);
        if ($start === false || $end === false) {
            return [];
        }
        preg_match_all("/^\s*'((?:[^'\\\\]|\\\\.)*)',?\s*$/m", substr($source, $start, $end - $start), $m);
        return array_map('stripcslashes', $m[1]);
    }

    public function testPhpListIsExactlyTheStringsOfThePageClient(): void
    {
        self::assertFileExists(self::STRINGS_TS);
        $ts = self::fromTypeScript((string)file_get_contents(self::STRINGS_TS));
        self::assertNotEmpty($ts);
        self::assertSame($ts, UiStrings::STRINGS, 'update Model/PhoneBar/UiStrings.php and the i18n CSVs');
    }

    public function testEveryStringIsInBothLocales(): void
    {
        foreach (['en_US', 'fr_FR'] as $locale) {
            $csv = TranslatableStrings::readCsv(TranslatableStrings::MODULE_DIR . '/i18n/' . $locale . '.csv');
            $missing = array_values(array_diff(UiStrings::STRINGS, array_keys($csv)));
            self::assertSame([], $missing, 'missing from ' . $locale . '.csv');
            if ($locale === 'fr_FR') {
                self::assertSame('Raccrocher', $csv['Hang up']);
                self::assertSame('Appel entrant de %1', $csv['Inbound call from %1']);
            }
        }
    }

    public function testTranslationsMapEveryString(): void
    {
        $translations = (new UiStrings())->translations();
        self::assertSame(UiStrings::STRINGS, array_keys($translations));
        self::assertSame(count(UiStrings::STRINGS), count(array_unique(UiStrings::STRINGS)));
    }
}
