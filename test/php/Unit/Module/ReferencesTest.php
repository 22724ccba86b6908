<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

/**
 * Everything the module names for Magento to resolve at run time exists: RequireJS ids and static
 * files, knockout and .phtml templates, layout handles, UI components, block names, classes and
 * ACL resources. Each is in the module (built JavaScript: a webpack entry of its source, and the
 * file itself once built) or in the short list of Magento core names below. Issue 11: two
 * templates required Bandeau_Cti/js/campaign-form and campaign-progress, which did not exist.
 */
class ReferencesTest extends TestCase
{
    private const MODULE = 'Bandeau_Cti';
    private const ROOT = TranslatableStrings::MODULE_DIR . '/../../../..';

    /** Magento core RequireJS ids the module uses (Magento_Ui's grid components). */
    private const CORE_JS = [
        'Magento_Ui/js/grid/provider',
        'Magento_Ui/js/grid/columns/date',
        'Magento_Ui/js/grid/columns/select',
    ];

    /** Magento core layout handles the module extends. */
    private const CORE_HANDLES = ['default', 'adminhtml_auth_login', 'customer_index_edit', 'sales_order_view'];

    /** Magento core page layouts, containers and blocks the module's layouts refer to. */
    private const CORE_PAGE_LAYOUTS = ['admin-popup'];
    private const CORE_LAYOUT_NAMES = ['content', 'before.body.end', 'order_additional_info', 'customer_form'];

    /** Magento core UI component files the module extends (view/adminhtml/ui_component). */
    private const CORE_UI_COMPONENTS = ['customer_form', 'customer_listing', 'sales_order_grid'];

    /** Magento core classes the module's layouts and UI components instantiate. */
    private const CORE_CLASSES = [
        'Magento\Framework\View\Element\Template',
        'Magento\Backend\Block\Template',
        'Magento\Ui\Component\Listing\Columns\Date',
        'Magento\Framework\View\Element\UiComponent\DataProvider\DataProvider',
    ];

    /** @return array<string, string> file (relative to the module) => contents */
    private static function files(string $pattern): array
    {
        $found = [];
        $iterator = new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator(TranslatableStrings::MODULE_DIR, \FilesystemIterator::SKIP_DOTS)
        );
        foreach ($iterator as $file) {
            $relative = substr($file->getPathname(), strlen(TranslatableStrings::MODULE_DIR) + 1);
            // Built JavaScript is output, not a place that names things.
            if (preg_match($pattern, $relative) && !preg_match('#^view/\w+/web/js/#', $relative)) {
                $found[$relative] = (string)file_get_contents($file->getPathname());
            }
        }
        ksort($found);
        return $found;
    }

    /** @return array<string, string> webpack entry name => its TypeScript source */
    private static function webpackEntries(): array
    {
        $config = (string)file_get_contents(self::ROOT . '/webpack.config.js');
        preg_match_all("#'([a-z0-9-]+)':\s*'\./(frontend-ts/[^']+\.ts)'#", $config, $m, PREG_SET_ORDER);
        return array_column($m, 2, 1);
    }

    /**
     * A static file of the module ("js/campaign-form.js", "template/grid/cells/tel.html") exists,
     * or is built by webpack from a source that exists (and is there once the bundles are built).
     */
    private static function assertModuleStaticFile(string $file, string $where): void
    {
        foreach (['adminhtml', 'base'] as $area) {
            if (is_file(TranslatableStrings::MODULE_DIR . '/view/' . $area . '/web/' . $file)) {
                return;
            }
        }
        $entries = self::webpackEntries();
        $name = preg_match('#^js/([a-z0-9-]+)\.js$#', $file, $m) ? $m[1] : null;
        self::assertArrayHasKey((string)$name, $entries, "$where: " . self::MODULE . "::$file is neither in the"
            . ' module nor a webpack entry');
        self::assertFileExists(self::ROOT . '/' . $entries[$name], "$where: source of the webpack entry $name");
        if (is_file(TranslatableStrings::MODULE_DIR . '/view/adminhtml/web/js/bandeau-page.js')) {
            self::fail("$where: webpack entry $name was not built with the other bundles (npm run build)");
        }
    }

    public function testEveryRequireJsIdAndStaticFileExists(): void
    {
        $ids = [];
        foreach (self::files('#(\.phtml|\.php|\.xml|requirejs-config\.js|\.html)$#') as $relative => $text) {
            // RequireJS ids ("Vendor_Module/js/x") and asset ids ("Vendor_Module::js/x.js").
            preg_match_all('#(?<![\w/])([A-Z][A-Za-z0-9]*_[A-Za-z0-9]+)(/|::)(js/[A-Za-z0-9_./-]+)#', $text, $m, PREG_SET_ORDER);
            foreach ($m as [, $module, $separator, $path]) {
                $ids[] = [$relative, $module, $separator, $path];
            }
        }
        self::assertNotEmpty($ids);
        foreach ($ids as [$where, $module, $separator, $path]) {
            if ($module !== self::MODULE) {
                self::assertContains($module . '/' . $path, self::CORE_JS, "$where: $module$separator$path"
                    . ' is not a Magento core id this module is known to use');
                continue;
            }
            self::assertModuleStaticFile($separator === '::' ? $path : $path . '.js', $where);
        }
    }

    public function testEveryKnockoutTemplateExists(): void
    {
        $checked = 0;
        foreach (self::files('#(ui_component/.*\.xml|\.php)$#') as $relative => $text) {
            preg_match_all('#[>\'"](' . self::MODULE . '/(?!js/)([a-z0-9_/-]+))[<\'"]#', $text, $m, PREG_SET_ORDER);
            foreach ($m as [, $id, $path]) {
                self::assertModuleStaticFile('template/' . $path . '.html', "$relative ($id)");
                $checked++;
            }
        }
        self::assertGreaterThan(0, $checked);
    }

    public function testEveryPhtmlTemplateExists(): void
    {
        $checked = 0;
        foreach (self::files('#(\.xml|\.php|\.phtml)$#') as $relative => $text) {
            preg_match_all('#([A-Z][A-Za-z0-9]*_[A-Za-z0-9]+)::([A-Za-z0-9_/.-]+\.phtml)#', $text, $m, PREG_SET_ORDER);
            foreach ($m as [$id, $module, $path]) {
                self::assertSame(self::MODULE, $module, "$relative: $id is not this module's (no core template is used)");
                self::assertFileExists(
                    TranslatableStrings::MODULE_DIR . '/view/adminhtml/templates/' . $path,
                    "$relative: $id"
                );
                $checked++;
            }
        }
        self::assertGreaterThan(0, $checked);
    }

    public function testEveryLayoutHandleIsAnActionOfTheModuleOrACoreHandle(): void
    {
        $routes = new \DOMXPath(self::load('etc/adminhtml/routes.xml'));
        $routeIds = [];
        foreach ($routes->query('/config/router[@id="admin"]/route') as $route) {
            $routeIds[] = $route->getAttribute('id');
        }
        $handles = [];
        foreach (array_keys(self::files('#^view/adminhtml/layout/[^/]+\.xml$#')) as $relative) {
            $handles[basename($relative, '.xml')] = $relative;
            $xpath = new \DOMXPath(self::load($relative));
            foreach ($xpath->query('//update/@handle') as $update) {
                $handles[$update->value] = $relative;
            }
        }
        foreach ($handles as $handle => $where) {
            if (in_array($handle, self::CORE_HANDLES, true)) {
                continue;
            }
            $parts = explode('_', $handle);
            self::assertCount(3, $parts, "$where: handle $handle is neither <route>_<controller>_<action> nor core");
            [$route, $controller, $action] = $parts;
            self::assertContains($route, $routeIds, "$where: no admin route $route");
            $class = 'Bandeau\Cti\Controller\Adminhtml\\' . ucfirst($controller) . '\\'
                . (in_array($action, ['new', 'list', 'default'], true) ? ucfirst($action) . 'Action' : ucfirst($action));
            self::assertTrue(class_exists($class), "$where: handle $handle has no controller $class");
        }
    }

    public function testEveryLayoutNameUiComponentAndPageLayoutResolves(): void
    {
        $declared = [];
        $referenced = [];
        $uiComponents = [];
        foreach (array_keys(self::files('#^view/adminhtml/layout/[^/]+\.xml$#')) as $relative) {
            $doc = self::load($relative);
            $xpath = new \DOMXPath($doc);
            foreach ($xpath->query('//block/@name|//container/@name') as $name) {
                $declared[] = $name->value;
            }
            foreach ($xpath->query('//referenceBlock/@name|//referenceContainer/@name') as $name) {
                $referenced[$name->value] = $relative;
            }
            foreach ($xpath->query('//uiComponent/@name') as $name) {
                $uiComponents[$name->value] = $relative;
            }
            $pageLayout = $doc->documentElement->getAttribute('layout');
            if ($pageLayout !== '') {
                self::assertContains($pageLayout, self::CORE_PAGE_LAYOUTS, "$relative: page layout $pageLayout");
            }
        }
        foreach ($referenced as $name => $where) {
            self::assertTrue(
                in_array($name, $declared, true) || in_array($name, self::CORE_LAYOUT_NAMES, true),
                "$where refers to $name, declared neither by the module nor in the core list"
            );
        }
        foreach ($uiComponents as $name => $where) {
            self::assertFileExists(TranslatableStrings::MODULE_DIR . '/view/adminhtml/ui_component/' . $name . '.xml', $where);
        }
        foreach (array_keys(self::files('#^view/adminhtml/ui_component/[^/]+\.xml$#')) as $relative) {
            $name = basename($relative, '.xml');
            self::assertTrue(
                in_array($name, self::CORE_UI_COMPONENTS, true) || in_array($name, array_keys($uiComponents), true),
                "$relative is neither a core UI component nor used by a layout of the module"
            );
        }
    }

    public function testEveryClassNamedInXmlExists(): void
    {
        $virtualTypes = [];
        foreach (array_keys(self::files('#^etc/(\w+/)?di\.xml$#')) as $relative) {
            foreach ((new \DOMXPath(self::load($relative)))->query('//virtualType/@name') as $name) {
                $virtualTypes[] = $name->value;
            }
        }
        $checked = 0;
        foreach (self::files('#\.xml$#') as $relative => $text) {
            $xpath = new \DOMXPath(self::load($relative));
            // Block and UI component classes Magento instantiates from layouts and UI components.
            if (str_starts_with($relative, 'view/')) {
                foreach ($xpath->query('//@class') as $class) {
                    $name = ltrim($class->value, '\\');
                    if (!str_starts_with($name, 'Bandeau\\')) {
                        self::assertContains($name, self::CORE_CLASSES, "$relative: core class $name");
                    }
                }
            }
            // Any class of the module named anywhere (attributes and texts: di.xml, events, crontab, queues...).
            preg_match_all('#(?<![\w\\\\])\\\\?(Bandeau\\\\Cti\\\\[A-Za-z0-9_\\\\]+?)(::\w+)?(?=["<\s])#', $text, $m, PREG_SET_ORDER);
            foreach ($m as [, $class]) {
                // Magento generates Proxy and Factory classes of existing ones.
                $base = (string)preg_replace('#(\\\\Proxy|Factory)$#', '', $class);
                self::assertTrue(
                    self::declaredInModule($base) || in_array($class, $virtualTypes, true),
                    "$relative names $class, which is neither a class nor a virtual type of di.xml"
                );
                $checked++;
            }
        }
        self::assertGreaterThan(20, $checked);
    }

    public function testEveryAclResourceAndMenuItemIsDeclared(): void
    {
        $acl = [];
        foreach ((new \DOMXPath(self::load('etc/acl.xml')))->query('//resource/@id') as $id) {
            $acl[] = $id->value;
        }
        $menu = [];
        foreach ((new \DOMXPath(self::load('etc/adminhtml/menu.xml')))->query('//add/@id') as $id) {
            $menu[] = $id->value;
        }
        $id = '(' . self::MODULE . '::[a-z_]+)(?![\w./-])';
        $checked = 0;
        foreach (self::files('#(\.xml|\.php)$#') as $relative => $text) {
            if ($relative === 'etc/acl.xml') {
                continue;
            }
            // Where Magento expects an ACL resource: controllers, layouts, UI components, menu,
            // system.xml, webapi.xml, integration.xml, authorization checks.
            preg_match_all(
                '#(?:ADMIN_RESOURCE\s*=\s*\'|aclResource="|<aclResource>|resource="|<resource>|ref="'
                . '|<resource name="|isAllowed\(\s*\')' . $id . '#',
                $text,
                $m
            );
            foreach ($m[1] as $resource) {
                self::assertContains($resource, $acl, "$relative: ACL resource $resource");
                $checked++;
            }
            preg_match_all('#setActiveMenu\(\s*\'' . $id . '#', $text, $m);
            foreach ($m[1] as $item) {
                self::assertContains($item, $menu, "$relative: menu item $item");
            }
            // Any other id of the module is one or the other.
            preg_match_all('#' . $id . '#', $text, $m);
            foreach ($m[1] as $other) {
                self::assertTrue(
                    in_array($other, $acl, true) || in_array($other, $menu, true),
                    "$relative: $other is neither an ACL resource nor a menu item"
                );
            }
        }
        self::assertGreaterThan(10, $checked);
    }

    /**
     * The module's file for the class (PSR-4) declares it; read, not autoloaded: many of the
     * module's classes extend Magento classes that have no stand-in here.
     */
    private static function declaredInModule(string $class): bool
    {
        $relative = str_replace('\\', '/', substr($class, strlen('Bandeau\\Cti\\'))) . '.php';
        $file = TranslatableStrings::MODULE_DIR . '/' . $relative;
        $short = substr($class, (int)strrpos($class, '\\') + 1);
        return is_file($file)
            && preg_match('#^\s*(?:(?:abstract|final|readonly)\s+)*(?:class|interface|trait|enum)\s+' . $short . '\b#m', (string)file_get_contents($file)) === 1;
    }

    private static function load(string $relative): \DOMDocument
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/' . $relative), $relative);
        return $doc;
    }
}
