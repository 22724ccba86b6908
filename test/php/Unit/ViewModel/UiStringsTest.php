<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\ViewModel;

use Bandeau\Cti\Model\PhoneBar\UiStrings;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Magento\Framework\Module\Dir;
use PHPUnit\Framework\TestCase;
use Psr\Log\AbstractLogger;
use Psr\Log\NullLogger;

/**
 * The phone bar's strings come from one list, etc/ui_strings.xml (issue 13, point 11): read at
 * run time, found by Magento's phrase collector, translated in both locales.
 */
class UiStringsTest extends TestCase
{
    private const XML = TranslatableStrings::MODULE_DIR . '/etc/ui_strings.xml';
    private const XSD = TranslatableStrings::MODULE_DIR . '/etc/ui_strings.xsd';

    public static function uiStrings(): UiStrings
    {
        return new UiStrings(new Dir(), new NullLogger());
    }

    public function testTheListIsValidAgainstItsSchema(): void
    {
        $previous = libxml_use_internal_errors(true);
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(self::XML));
        $valid = $doc->schemaValidate(self::XSD);
        $errors = array_map(static fn ($e) => trim($e->message) . ' line ' . $e->line, libxml_get_errors());
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        self::assertTrue($valid, implode('; ', $errors));
    }

    public function testTheSchemaRefusesARepeatedOrUncollectedString(): void
    {
        $previous = libxml_use_internal_errors(true);
        $bodies = [
            '<string translate="true">A</string><string translate="true">A</string>',
            '<string>A</string>',
            '<string translate="true"> A</string>',
            '<label translate="true">A</label>',
        ];
        foreach ($bodies as $body) {
            $doc = new \DOMDocument();
            $doc->loadXML('<config>' . $body . '</config>');
            self::assertFalse($doc->schemaValidate(self::XSD), $body);
        }
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
    }

    public function testStringsAreReadFromTheModulesEtcFolder(): void
    {
        $strings = self::uiStrings()->getStrings();
        self::assertContains('Hang up', $strings);
        self::assertContains('Inbound call from %1', $strings);
        self::assertGreaterThan(100, count($strings));
        self::assertSame(count($strings), count(array_unique($strings)));
    }

    public function testMagentosPhraseCollectorFindsEveryString(): void
    {
        // i18n:collect-phrases takes the text of every XML element marked translate="true";
        // TranslatableStrings::fromXml applies the same rule.
        self::assertSame(self::uiStrings()->getStrings(), TranslatableStrings::fromXml(self::XML));
    }

    public function testEveryStringIsInBothLocales(): void
    {
        foreach (['en_US', 'fr_FR'] as $locale) {
            $csv = TranslatableStrings::readCsv(TranslatableStrings::MODULE_DIR . '/i18n/' . $locale . '.csv');
            $missing = array_values(array_diff(self::uiStrings()->getStrings(), array_keys($csv)));
            self::assertSame([], $missing, 'missing from ' . $locale . '.csv');
            if ($locale === 'fr_FR') {
                self::assertSame('Raccrocher', $csv['Hang up']);
                self::assertSame('Appel entrant de %1', $csv['Inbound call from %1']);
            }
        }
    }

    public function testTranslationsMapEveryString(): void
    {
        $uiStrings = self::uiStrings();
        self::assertSame($uiStrings->getStrings(), array_keys($uiStrings->translations()));
    }

    public function testABrokenListIsLoggedAndLeavesTheBarInEnglish(): void
    {
        $dir = sys_get_temp_dir() . '/bandeau-ui-strings-' . bin2hex(random_bytes(4));
        mkdir($dir . '/etc', 0777, true);
        file_put_contents($dir . '/etc/ui_strings.xml', '<config><string translate="true">A</config>');
        $moduleDir = new class ($dir) extends Dir {
            public function __construct(private string $root)
            {
            }

            public function getDir($moduleName, $type = '')
            {
                return $this->root . '/' . $type;
            }
        };
        $logger = new class extends AbstractLogger {
            public array $lines = [];

            public function log($level, $message, array $context = []): void
            {
                $this->lines[] = $level . ': ' . $message;
            }
        };
        try {
            $uiStrings = new UiStrings($moduleDir, $logger);
            self::assertSame([], $uiStrings->translations());
            self::assertCount(1, $logger->lines);
            self::assertStringStartsWith('critical: Bandeau phone bar strings: ', $logger->lines[0]);
            self::assertStringContainsString('ui_strings.xml cannot be read', $logger->lines[0]);
        } finally {
            unlink($dir . '/etc/ui_strings.xml');
            rmdir($dir . '/etc');
            rmdir($dir);
        }
    }
}
