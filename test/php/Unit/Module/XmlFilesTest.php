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

    /**
     * Magento's configuration file types: path inside the module (regular expression) => allowed
     * [root element, xsi:noNamespaceSchemaLocation] pairs, as the readers of Magento 2.4 validate them
     * (URNs taken from Magento's sources: each names the XSD its reader loads for that file).
     */
    public const FILE_TYPES = [
        '#^etc/module\.xml$#' => [['config', 'urn:magento:framework:Module/etc/module.xsd']],
        '#^etc/(adminhtml/|frontend/|webapi_rest/|webapi_soap/|crontab/)?di\.xml$#'
            => [['config', 'urn:magento:framework:ObjectManager/etc/config.xsd']],
        '#^etc/(adminhtml/|frontend/|webapi_rest/|webapi_soap/|crontab/)?events\.xml$#'
            => [['config', 'urn:magento:framework:Event/etc/events.xsd']],
        '#^etc/acl\.xml$#' => [['config', 'urn:magento:framework:Acl/etc/acl.xsd']],
        '#^etc/adminhtml/menu\.xml$#' => [['config', 'urn:magento:module:Magento_Backend:etc/menu.xsd']],
        '#^etc/(adminhtml|frontend)/routes\.xml$#' => [['config', 'urn:magento:framework:App/etc/routes.xsd']],
        '#^etc/adminhtml/system\.xml$#' => [['config', 'urn:magento:module:Magento_Config:etc/system_file.xsd']],
        '#^etc/config\.xml$#' => [['config', 'urn:magento:module:Magento_Store:etc/config.xsd']],
        '#^etc/crontab\.xml$#' => [['config', 'urn:magento:module:Magento_Cron:etc/crontab.xsd']],
        '#^etc/cron_groups\.xml$#' => [['config', 'urn:magento:module:Magento_Cron:etc/cron_groups.xsd']],
        '#^etc/webapi\.xml$#' => [['routes', 'urn:magento:module:Magento_Webapi:etc/webapi.xsd']],
        // integration.xml is read by Magento\Integration\Model\Config\Consolidated\Reader: root <config>.
        '#^etc/integration\.xml$#'
            => [['config', 'urn:magento:module:Magento_Integration:etc/integration/integration.xsd']],
        // The older (deprecated) integration/api.xml is the one whose root is <integrations>.
        '#^etc/integration/api\.xml$#'
            => [['integrations', 'urn:magento:module:Magento_Integration:etc/integration/api.xsd']],
        '#^etc/communication\.xml$#' => [['config', 'urn:magento:framework:Communication/etc/communication.xsd']],
        '#^etc/queue_consumer\.xml$#' => [['config', 'urn:magento:framework-message-queue:etc/consumer.xsd']],
        '#^etc/queue_publisher\.xml$#' => [['config', 'urn:magento:framework-message-queue:etc/publisher.xsd']],
        '#^etc/queue_topology\.xml$#' => [['config', 'urn:magento:framework-message-queue:etc/topology.xsd']],
        '#^etc/db_schema\.xml$#'
            => [['schema', 'urn:magento:framework:Setup/Declaration/Schema/etc/schema.xsd']],
        '#^etc/csp_whitelist\.xml$#' => [['csp_whitelist', 'urn:magento:module:Magento_Csp:etc/csp_whitelist.xsd']],
        '#^etc/indexer\.xml$#' => [['config', 'urn:magento:framework:Indexer/etc/indexer.xsd']],
        '#^etc/mview\.xml$#' => [['config', 'urn:magento:framework:Mview/etc/mview.xsd']],
        '#^etc/extension_attributes\.xml$#'
            => [['config', 'urn:magento:framework:Api/etc/extension_attributes.xsd']],
        '#^etc/email_templates\.xml$#' => [['config', 'urn:magento:module:Magento_Email:etc/email_templates.xsd']],
        '#^etc/cache\.xml$#' => [['config', 'urn:magento:framework:Cache/etc/cache.xsd']],
        // The module's own list of the phone bar's UI strings (Model/PhoneBar/UiStrings.php reads it).
        '#^etc/(ui|phone)_strings\.xml$#' => [['config', 'urn:magento:module:Bandeau_Cti:etc/ui_strings.xsd']],
        // A page handle, or a fragment handle (AJAX tabs) that has no <head>/<body>.
        '#^view/(adminhtml|frontend|base)/layout/[a-z0-9_]+\.xml$#' => [
            ['page', 'urn:magento:framework:View/Layout/etc/page_configuration.xsd'],
            ['layout', 'urn:magento:framework:View/Layout/etc/layout_generic.xsd'],
        ],
        '#^view/(adminhtml|frontend|base)/ui_component/[a-z0-9_]+\.xml$#' => [
            ['listing', 'urn:magento:module:Magento_Ui:etc/ui_configuration.xsd'],
            ['form', 'urn:magento:module:Magento_Ui:etc/ui_configuration.xsd'],
        ],
    ];

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
    }

    /**
     * A wrong root element stops `bin/magento setup:upgrade` on a real Magento (issue 11:
     * "Element 'integrations': No matching global declaration available for the validation root").
     */
    #[DataProvider('xmlFiles')]
    public function testRootElementAndSchemaAreTheOnesMagentoReadsThatFileWith(string $path): void
    {
        $relative = substr($path, strlen(TranslatableStrings::MODULE_DIR) + 1);
        $allowed = null;
        foreach (self::FILE_TYPES as $pattern => $pairs) {
            if (preg_match($pattern, $relative)) {
                $allowed = $pairs;
                break;
            }
        }
        self::assertNotNull($allowed, $relative . ' is not a Magento configuration file type this test knows:'
            . ' add its root element and schema (from Magento\'s reader) to FILE_TYPES');
        $doc = new \DOMDocument();
        self::assertTrue($doc->load($path));
        $root = $doc->documentElement;
        self::assertSame('', (string)$root->namespaceURI, $relative . ': Magento\'s roots have no namespace');
        $actual = [
            $root->localName,
            $root->getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'noNamespaceSchemaLocation'),
        ];
        self::assertContains($actual, $allowed, $relative . ': root <' . $actual[0] . '> with ' . $actual[1]);
    }

    public function testIntegrationDeclaresWhatItsSchemaRequires(): void
    {
        // integration.xsd: each <integration name> needs an <email> matching [^@]+@[^.]+\..+, and
        // resource names look like Vendor_Module::id.
        $xpath = $this->xpath('etc/integration.xml');
        $integrations = $xpath->query('/config/integration');
        self::assertGreaterThan(0, $integrations->length);
        foreach ($integrations as $integration) {
            self::assertGreaterThanOrEqual(2, strlen($integration->getAttribute('name')));
            $emails = $xpath->query('email', $integration);
            self::assertSame(1, $emails->length);
            self::assertMatchesRegularExpression('/^[^@]+@[^.]+\..+$/', $emails->item(0)->textContent);
            foreach ($xpath->query('*', $integration) as $child) {
                self::assertContains($child->nodeName, ['email', 'endpoint_url', 'identity_link_url', 'resources']);
            }
            $acl = $this->xpath('etc/acl.xml');
            foreach ($xpath->query('resources/resource/@name', $integration) as $name) {
                self::assertSame(1, $acl->query('//resource[@id="' . $name->value . '"]')->length, $name->value);
            }
        }
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
