<?php

/**
 * A Magento admin stand-in for Stores › Bandeau CTI › Desk Phones, for PHP's built-in web server:
 *
 *   BANDEAU_SITE_DB=bandeau_test_site1 php -S 127.0.0.1:PORT test/php/bin/phones-site.php
 *
 * The module's real page: the Phones/Index controller (title, menu), the layout handle
 * bandeau_phones_index with the DeskPhones view model and templates/phones/provisioning.phtml,
 * the agents read from admin_user on MariaDB (BANDEAU_TEST_DSN, database BANDEAU_SITE_DB), on the
 * admin kernel of test/php/Support/AdminSite.php. Configuration: the contract's secret, the bridge
 * on a LAN address, a staff list; ?auth=basic on /_test/reset switches to basic auth.
 * /_test/reset writes the admin users.
 */

declare(strict_types=1);

use Bandeau\Cti\Controller\Adminhtml\Phones\Index;
use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Bandeau\Cti\Model\DeskPhone\DeviceToken;
use Bandeau\Cti\Model\DeskPhone\ProvisioningSettings;
use Bandeau\Cti\Model\DeskPhone\StaffDirectory;
use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Bandeau\Cti\Test\Support\AdminSite;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\ViewModel\DeskPhones;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\View\Result\PageFactory;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';

$site = new AdminSite($root);
$stateFile = sys_get_temp_dir() . '/bandeau-phones-site-' . (string)getenv('BANDEAU_SITE_DB') . '.json';
$viewModel = static function () use ($site, $stateFile): DeskPhones {
    $state = is_file($stateFile) ? (array)json_decode((string)file_get_contents($stateFile), true) : [];
    $scopeConfig = Builders::scopeConfig([
        Config::XML_PATH_SHARED_SECRET => '0123456789abcdef0123456789abcdef',
        DeskPhoneConfig::XML_PATH_BRIDGE_URL => 'http://192.168.1.10:8788',
        DeskPhoneConfig::XML_PATH_AUTH => (string)($state['auth'] ?? DeskPhoneConfig::AUTH_TOKEN),
        DeskPhoneConfig::XML_PATH_TOKEN_VERSION => '1',
        DeskPhoneConfig::XML_PATH_STAFF => "Sales desk,201\nReception & <shop>,300",
    ]);
    $config = new DeskPhoneConfig($scopeConfig, Builders::configFrom($scopeConfig), Builders::bridgeUrl(), new StaffLines());
    return new DeskPhones(
        $config,
        new StaffDirectory(new AgentDirectory(new ResourceConnection($site->database()), new AgentProfile()), $config),
        new DeviceToken(),
        new ProvisioningSettings(),
        $site->url()
    );
};

$site->test('reset', static function (array $query) use ($site, $stateFile): void {
    $site->resetSchema();
    $pdo = $site->database()->getPdo();
    $insert = $pdo->prepare(
        'INSERT INTO admin_user (username, firstname, lastname, bandeau_extension, is_active) VALUES (?, ?, ?, ?, ?)'
    );
    foreach ([
        ['camille', 'Camille', 'Martin', '7001', 1],
        ['zhang', '王', '芳', '7002', 1],
        ['hostile', '<script>alert(1)</script>', '"Haddad"', '7003', 1],
        ['gone', 'Gone', 'Away', '7004', 0],
        ['admin', 'Shop', 'Owner', null, 1],
    ] as $user) {
        $insert->execute($user);
    }
    file_put_contents($stateFile, json_encode(['auth' => $query['auth'] ?? DeskPhoneConfig::AUTH_TOKEN]));
    $site->json(['users' => 5]);
});

$site->admin('bandeau/phones/index', static function (Request $request) use ($site, $viewModel): void {
    // The controller makes the page (ACL, menu, title); the layout handle says what it holds.
    $page = (new Index(new Context($request, new StaticAuthorization([Index::ADMIN_RESOURCE])), new PageFactory()))
        ->execute();
    $title = (string)$page->getConfig()->getTitle()->get();
    $content = $site->layout('bandeau_phones_index', static function (string $class) use ($viewModel) {
        if ($class !== DeskPhones::class) {
            throw new \RuntimeException('Unexpected view model ' . $class);
        }
        return $viewModel();
    });
    $site->html($site->page(
        $title,
        $content,
        '',
        '<header class="page-header" data-active-menu="' . htmlspecialchars((string)$page->getActiveMenu()) . '"><h1>'
            . htmlspecialchars($title) . '</h1></header>'
    ));
});

return $site->run();
