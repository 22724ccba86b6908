<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * Every XML file of the module is well-formed, and the declarations other code relies on are there.
 */
class XmlFilesTest extends TestCase
{
    public static function xmlFiles(): array
    {
        $files = [];
        $iterator = new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator(TranslatableStrings::MODULE_DIR, \FilesystemIterator::SKIP_DOTS)
        );
        foreach ($iterator as $file) {
            if (str_ends_with($file->getFilename(), '.xml')) {
                $relative = substr($file->getPathname(), strlen(TranslatableStrings::MODULE_DIR) + 1);
                $files[$relative] = [$file->getPathname()];
            }
        }
        ksort($files);
        return $files;
    }

    #[DataProvider('xmlFiles')]
    public function testIsWellFormed(string $path): void
    {
        $previous = libxml_use_internal_errors(true);
        libxml_clear_errors();
        $doc = new \DOMDocument();
        $loaded = $doc->load($path);
        $errors = array_map(static fn ($e) => trim($e->message) . ' line ' . $e->line, libxml_get_errors());
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        self::assertTrue($loaded, implode('; ', $errors));
        self::assertSame([], $errors);
        $schema = $doc->documentElement->getAttributeNS(
            'http://www.w3.org/2001/XMLSchema-instance',
            'noNamespaceSchemaLocation'
        );
        self::assertStringStartsWith('urn:magento:', $schema, 'declares its Magento schema');
    }

    private function xpath(string $relative): \DOMXPath
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/' . $relative));
        return new \DOMXPath($doc);
    }

    public function testModuleDeclarationAndSequence(): void
    {
        $xpath = $this->xpath('etc/module.xml');
        self::assertSame(1, $xpath->query('/config/module[@name="Bandeau_Cti"]')->length);
        $sequence = [];
        foreach ($xpath->query('/config/module/sequence/module/@name') as $attr) {
            $sequence[] = $attr->value;
        }
        self::assertSame(
            ['Magento_Backend', 'Magento_User', 'Magento_Customer', 'Magento_Sales', 'Magento_Csp'],
            $sequence
        );
    }

    public function testAclResources(): void
    {
        $xpath = $this->xpath('etc/acl.xml');
        foreach (\Bandeau\Cti\Model\Permissions::MAP as $resource) {
            self::assertSame(1, $xpath->query('//resource[@id="' . $resource . '"]')->length, $resource);
        }
        foreach (['Bandeau_Cti::cti', 'Bandeau_Cti::config', 'Bandeau_Cti::api'] as $resource) {
            self::assertSame(1, $xpath->query('//resource[@id="' . $resource . '"]')->length, $resource);
        }
    }

    public function testSharedSecretIsEncrypted(): void
    {
        $xpath = $this->xpath('etc/adminhtml/system.xml');
        $field = '//section[@id="bandeau"]/group[@id="bridge"]/field[@id="shared_secret"]';
        self::assertSame('obscure', $xpath->query($field)->item(0)->getAttribute('type'));
        self::assertSame(
            'Magento\Config\Model\Config\Backend\Encrypted',
            trim($xpath->query($field . '/backend_model')->item(0)->textContent)
        );
        $defaults = $this->xpath('etc/config.xml');
        self::assertSame(
            'http://127.0.0.1:8788',
            $defaults->query('/config/default/bandeau/bridge/bridge_url')->item(0)->textContent
        );
        self::assertSame('900', $defaults->query('/config/default/bandeau/bridge/token_ttl')->item(0)->textContent);
    }

    public function testCspCollectorIsRegistered(): void
    {
        $xpath = $this->xpath('etc/di.xml');
        $items = $xpath->query(
            '//type[@name="Magento\Csp\Model\CompositePolicyCollector"]/arguments/argument[@name="collectors"]/item'
        );
        self::assertSame(1, $items->length);
        self::assertSame('Bandeau\Cti\Model\Csp\BridgePolicyCollector', trim($items->item(0)->textContent));
    }

    public function testPhoneBarBlockIsInBeforeBodyEndAndRemovedFromLogin(): void
    {
        $xpath = $this->xpath('view/adminhtml/layout/default.xml');
        $block = $xpath->query('//referenceContainer[@name="before.body.end"]/block')->item(0);
        self::assertSame('Magento\Framework\View\Element\Template', $block->getAttribute('class'));
        self::assertSame('Bandeau_Cti::phone-bar.phtml', $block->getAttribute('template'));
        self::assertSame(
            'Bandeau\Cti\ViewModel\PhoneBar',
            trim($xpath->query('.//argument[@name="view_model"]', $block)->item(0)->textContent)
        );
        $login = $this->xpath('view/adminhtml/layout/adminhtml_auth_login.xml');
        self::assertSame(
            'true',
            $login->query('//referenceBlock[@name="' . $block->getAttribute('name') . '"]')->item(0)->getAttribute('remove')
        );
    }

    public function testAdminRoute(): void
    {
        $xpath = $this->xpath('etc/adminhtml/routes.xml');
        self::assertSame(1, $xpath->query('/config/router[@id="admin"]/route[@frontName="bandeau"]')->length);
    }
}
