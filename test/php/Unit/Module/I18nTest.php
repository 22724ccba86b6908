<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

class I18nTest extends TestCase
{
    private const LOCALES = ['en_US', 'fr_FR'];

    private function csv(string $locale): array
    {
        $path = TranslatableStrings::MODULE_DIR . '/i18n/' . $locale . '.csv';
        self::assertFileExists($path);
        return TranslatableStrings::readCsv($path);
    }

    public function testEveryCsvRowHasTwoColumns(): void
    {
        foreach (self::LOCALES as $locale) {
            $handle = fopen(TranslatableStrings::MODULE_DIR . '/i18n/' . $locale . '.csv', 'rb');
            $line = 0;
            while (($row = fgetcsv($handle, 0, ',', '"', '')) !== false) {
                $line++;
                self::assertCount(2, $row, $locale . '.csv line ' . $line);
                self::assertNotSame('', $row[1], $locale . '.csv line ' . $line . ' has no translation');
            }
            fclose($handle);
        }
    }

    public function testLocalesHaveTheSameKeys(): void
    {
        $en = array_keys($this->csv('en_US'));
        $fr = array_keys($this->csv('fr_FR'));
        self::assertSame([], array_values(array_diff($en, $fr)), 'in en_US.csv, missing from fr_FR.csv');
        self::assertSame([], array_values(array_diff($fr, $en)), 'in fr_FR.csv, missing from en_US.csv');
    }

    public function testEveryTranslatablePhraseIsTranslated(): void
    {
        $phrases = TranslatableStrings::collect();
        self::assertNotEmpty($phrases);
        foreach (self::LOCALES as $locale) {
            $csv = $this->csv($locale);
            $missing = [];
            foreach ($phrases as $phrase => $file) {
                if (!array_key_exists($phrase, $csv)) {
                    $missing[] = $phrase . '  (' . basename($file) . ')';
                }
            }
            self::assertSame([], $missing, 'phrases missing from ' . $locale . '.csv');
        }
    }

    public function testPlaceholdersAreKeptInTranslations(): void
    {
        foreach ($this->csv('fr_FR') as $source => $translation) {
            preg_match_all('/%\w+/', $source, $a);
            preg_match_all('/%\w+/', $translation, $b);
            sort($a[0]);
            sort($b[0]);
            self::assertSame($a[0], $b[0], 'placeholders of "' . $source . '"');
        }
    }

    public function testExtractorReadsPhpLiterals(): void
    {
        self::assertSame(
            ['It\'s %1', 'Two "words"'],
            TranslatableStrings::fromPhp('<?php __(\'It\\\'s %1\', 3); __( "Two \"words\""); $x->__($y);')
        );
    }
}
