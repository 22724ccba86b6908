<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Setup;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\RequiredLibraries;
use Bandeau\Cti\Model\System\MissingLibrariesMessage;
use Bandeau\Cti\Setup\Recurring;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Magento\Framework\Escaper;
use Magento\Framework\Exception\LocalizedException;
use Magento\Framework\Notification\MessageInterface;
use Magento\Framework\Setup\InstallSchemaInterface;
use Magento\Framework\Setup\ModuleContextInterface;
use Magento\Framework\Setup\SchemaSetupInterface;
use PHPUnit\Framework\TestCase;

/**
 * Issue 11: copied into app/code, the module lacked libphonenumber; a customer save failed half-way
 * ("Class libphonenumber\PhoneNumberUtil not found") and left the customer without its address.
 * A missing library must stop setup:upgrade and show in the admin, never break a save.
 */
class RequiredLibrariesTest extends TestCase
{
    private const ABSENT = [
        'acme/absent' => ['class' => 'Acme\Absent\Nowhere', 'constraint' => '^1.0 || ^2.0'],
        'psr/log' => ['class' => 'Psr\Log\LoggerInterface', 'constraint' => '^3.0'],
    ];

    public function testListsTheRequirementsOfTheModulesComposerJson(): void
    {
        $composer = json_decode(
            (string)file_get_contents(TranslatableStrings::MODULE_DIR . '/../../../../composer.json'),
            true,
            512,
            JSON_THROW_ON_ERROR
        );
        $expected = array_filter(
            $composer['require'],
            static fn (string $package): bool => $package !== 'php' && !str_starts_with($package, 'ext-'),
            ARRAY_FILTER_USE_KEY
        );
        $listed = array_map(static fn (array $l): string => $l['constraint'], RequiredLibraries::LIBRARIES);
        ksort($expected);
        ksort($listed);
        self::assertSame($expected, $listed);
        self::assertSame([], (new RequiredLibraries())->missing(), 'all installed by composer here');
    }

    public function testAMissingLibraryStopsSetupUpgradeWithTheComposerCommand(): void
    {
        $libraries = new RequiredLibraries(self::ABSENT);
        self::assertSame(['acme/absent' => '^1.0 || ^2.0'], $libraries->missing());
        self::assertSame('composer require "acme/absent:^1.0 || ^2.0"', $libraries->composerCommand());

        $recurring = new Recurring($libraries);
        self::assertInstanceOf(InstallSchemaInterface::class, $recurring, 'Magento runs <Module>\Setup\Recurring');
        try {
            $recurring->install($this->createStub(SchemaSetupInterface::class), $this->createStub(ModuleContextInterface::class));
            self::fail('setup:upgrade went on');
        } catch (LocalizedException $e) {
            self::assertSame(
                'Bandeau CTI needs PHP libraries that are not installed: acme/absent.'
                . ' Run composer require "acme/absent:^1.0 || ^2.0", then setup:upgrade again.',
                $e->getMessage()
            );
        }
        (new Recurring(new RequiredLibraries()))->install(
            $this->createStub(SchemaSetupInterface::class),
            $this->createStub(ModuleContextInterface::class)
        );
        self::assertSame('', (new RequiredLibraries())->composerCommand());
    }

    public function testTheAdminShowsACriticalSystemMessage(): void
    {
        $message = new MissingLibrariesMessage(new RequiredLibraries(self::ABSENT), new Escaper());
        self::assertTrue($message->isDisplayed());
        self::assertSame(MessageInterface::SEVERITY_CRITICAL, $message->getSeverity());
        self::assertSame(
            'Bandeau CTI is missing PHP libraries (acme/absent): no caller lookup, phone index or phone bar.'
            . ' Run composer require &quot;acme/absent:^1.0 || ^2.0&quot;.',
            $message->getText(),
            'escaped: Magento prints system messages as HTML'
        );
        self::assertFalse((new MissingLibrariesMessage(new RequiredLibraries(), new Escaper()))->isDisplayed());

        $xpath = self::xpath('etc/adminhtml/di.xml');
        self::assertSame(
            MissingLibrariesMessage::class,
            trim((string)$xpath->evaluate('string(/config/type[@name="Magento\Framework\Notification\MessageList"]'
                . '/arguments/argument[@name="messages"]/item[@name="' . MissingLibrariesMessage::IDENTITY . '"])'))
        );
    }

    /**
     * Magento builds an observer when its event fires, inside the save. An observer whose constructor
     * builds the normaliser would throw "Class not found" there, outside its own try/catch.
     */
    public function testSaveObserversGetLazyProxiesOfWhatNeedsLibphonenumber(): void
    {
        $events = self::xpath('etc/events.xml');
        $adminEvents = self::xpath('etc/adminhtml/events.xml');
        $observers = [];
        foreach ([$events, $adminEvents] as $xpath) {
            foreach ($xpath->query('//observer/@instance') as $instance) {
                $observers[] = $instance->value;
            }
        }
        $di = self::xpath('etc/di.xml');
        $checked = 0;
        foreach (array_unique($observers) as $class) {
            $constructor = (new \ReflectionClass($class))->getConstructor();
            foreach ($constructor ? $constructor->getParameters() : [] as $parameter) {
                $type = (string)$parameter->getType();
                if (!in_array($type, [PhoneIndexer::class, PhoneNormaliser::class], true)) {
                    continue;
                }
                $checked++;
                self::assertSame(
                    $type . '\Proxy',
                    trim((string)$di->evaluate('string(/config/type[@name="' . $class . '"]/arguments/argument[@name="'
                        . $parameter->getName() . '"])')),
                    $class . ' $' . $parameter->getName()
                );
            }
        }
        self::assertGreaterThanOrEqual(4, $checked);
    }

    public function testCopiedIntoAppCodeWithoutLibphonenumber(): void
    {
        $process = proc_open(
            [PHP_BINARY, __DIR__ . '/../../bin/copied-without-libphonenumber.php'],
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes
        );
        $out = (string)stream_get_contents($pipes[1]);
        $err = (string)stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        self::assertSame(0, proc_close($process), $err);
        $report = json_decode($out, true, 512, JSON_THROW_ON_ERROR);

        self::assertFalse($report['libraryLoadable']);
        self::assertSame(['giggsey/libphonenumber-for-php' => '^9.0'], $report['missing']);
        self::assertStringContainsString(
            'Run composer require "giggsey/libphonenumber-for-php:^9.0", then setup:upgrade again.',
            $report['setupUpgrade']
        );
        self::assertStringContainsString('giggsey/libphonenumber-for-php', (string)$report['adminMessage']);
        self::assertSame(
            ['customer_address_save_after' => 'completed', 'adminhtml_customer_save_after' => 'completed'],
            $report['saves'],
            'the saves go through'
        );
        self::assertCount(2, $report['log']);
        foreach ($report['log'] as $line) {
            self::assertStringStartsWith('error: Bandeau: could not', $line);
            self::assertStringContainsString('libphonenumber\PhoneNumberUtil', $line);
        }
        self::assertSame('<a href="tel:+33612345678" class="bandeau-tel">+33 6 12 34 56 78</a>', $report['telLink']);
    }

    private static function xpath(string $relative): \DOMXPath
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/' . $relative));
        return new \DOMXPath($doc);
    }
}
