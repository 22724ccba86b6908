<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

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
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\ViewModel\DeskPhones;

/**
 * Stores › Bandeau CTI › Desk Phones rendered from the layout handle on MariaDB: each active agent
 * with an extension and each staff line gets its device token (the contract's vector for 201) and,
 * per vendor, the setting names with the bridge URLs; basic auth moves the token out of the URLs;
 * hostile names stay text; without a secret or a bridge URL the page says what is missing.
 */
class DeskPhonesPageTest extends SqlTestCase
{
    private const SECRET = '0123456789abcdef0123456789abcdef';
    private const HOSTILE_FIRST = '<img src=x onerror="alert(1)">';
    private const HOSTILE_LAST = '& \'Zoé\' ؏ 王';

    protected function setUp(): void
    {
        parent::setUp();
        $users = [
            ['desk', 'Sales', 'Desk', '201', 1, 'fr_FR'],
            ['evil', self::HOSTILE_FIRST, self::HOSTILE_LAST, '7002', 1, '"><script>'],
            ['gone', 'Gone', 'Away', '7003', 0, 'en_US'],
            ['none', 'No', 'Extension', null, 1, 'en_US'],
        ];
        foreach ($users as [$username, $first, $last, $extension, $active, $locale]) {
            $this->insert('admin_user', [
                'username' => $username, 'firstname' => $first, 'lastname' => $last,
                'bandeau_extension' => $extension, 'is_active' => $active, 'interface_locale' => $locale,
            ]);
        }
    }

    private function render(array $config): \DOMXPath
    {
        $scopeConfig = Builders::scopeConfig($config + [
            Config::XML_PATH_SHARED_SECRET => self::SECRET,
            DeskPhoneConfig::XML_PATH_BRIDGE_URL => 'http://192.168.1.10:8788/',
            DeskPhoneConfig::XML_PATH_STAFF => "Reception <b>&amp;</b>,300\nDuplicate of an agent,201",
        ]);
        $deskConfig = new DeskPhoneConfig(
            $scopeConfig,
            Builders::configFrom($scopeConfig),
            Builders::bridgeUrl(),
            new StaffLines()
        );
        $viewModel = new DeskPhones(
            $deskConfig,
            new StaffDirectory(new AgentDirectory($this->resource, new AgentProfile()), $deskConfig),
            new DeviceToken(),
            new ProvisioningSettings(),
            new FakeBackendUrl()
        );
        $html = (new AdminSite(dirname(__DIR__, 3)))->layout('bandeau_phones_index', static function (string $class) use ($viewModel) {
            self::assertSame(DeskPhones::class, $class);
            return $viewModel;
        });
        self::assertStringNotContainsString('<img', $html);
        self::assertStringNotContainsString('<b>', $html);
        $doc = new \DOMDocument();
        $doc->loadHTML('<?xml encoding="utf-8"?>' . $html, LIBXML_NOERROR | LIBXML_NOWARNING);
        return new \DOMXPath($doc);
    }

    private static function text(\DOMXPath $xpath, string $query): string
    {
        $nodes = $xpath->query($query);
        self::assertSame(1, $nodes->length, $query);
        return trim((string)preg_replace('/\s+/u', ' ', $nodes->item(0)->textContent));
    }

    /**
     * @return array<string, string> setting => value of one phone in one vendor's section
     */
    private static function settings(\DOMXPath $xpath, string $vendor, string $extension): array
    {
        $out = [];
        $query = '//details[@data-vendor="' . $vendor . '"]//tbody[@data-phone="' . $extension . '"]//code[@data-setting]';
        foreach ($xpath->query($query) as $code) {
            /** @var \DOMElement $code */
            $out[$code->getAttribute('data-setting')] = $code->textContent;
        }
        return $out;
    }

    public function testEachPhoneHasItsTokenAndVendorSettings(): void
    {
        $xpath = $this->render([]);
        $phones = [];
        foreach ($xpath->query('//table[@data-role="phones"]/tbody/tr') as $tr) {
            /** @var \DOMElement $tr */
            $phones[$tr->getAttribute('data-phone')] = self::text($xpath, '//tr[@data-phone="'
                . $tr->getAttribute('data-phone') . '"]//code[@data-role="token"]');
        }
        // Active agents by extension, then the staff line whose extension no agent has.
        self::assertSame(['201', '7002', '300'], array_map('strval', array_keys($phones)));
        self::assertSame('bed5a8a6538606efa00ce310211f1145', $phones['201']);
        self::assertSame((new DeviceToken())->forExtension(self::SECRET, 1, '300'), $phones['300']);
        // Magento's escapeHtml does not encode an entity twice: "&amp;" typed in the list shows as "&".
        self::assertStringContainsString(
            'Reception <b>&</b> (staff list)',
            self::text($xpath, '//tr[@data-phone="300"]/th')
        );
        self::assertSame(
            "<img src=x onerror=\"alert(1)\"> & 'Zoé' ؏ 王",
            self::text($xpath, '//tr[@data-phone="7002"]/th')
        );

        // The agent's phone pages in the agent's admin locale (lang=); an odd locale and a staff line get none.
        $t = 'ext=201&t=bed5a8a6538606efa00ce310211f1145&lang=fr_FR';
        self::assertSame([
            'remote_phonebook.data.1.url' => 'http://192.168.1.10:8788/phone/yealink/directory.xml?' . $t,
            'remote_phonebook.data.1.name' => 'Customers',
            'features.remote_phonebook.enable' => '1',
            'action_url.incoming_call' => 'http://192.168.1.10:8788/phone/yealink/caller.xml?' . $t,
            'lookup' => 'http://192.168.1.10:8788/phone/yealink/lookup?' . $t . '&number=',
        ], self::settings($xpath, 'yealink', '201'));
        self::assertSame([
            'dkey_directory' => 'url http://192.168.1.10:8788/phone/snom/directory.xml?' . $t,
            'action_incoming_url' => 'http://192.168.1.10:8788/phone/snom/caller.xml?' . $t,
            'lookup' => 'http://192.168.1.10:8788/phone/snom/lookup?' . $t . '&number=',
        ], self::settings($xpath, 'snom', '201'));
        self::assertSame([
            'mb.main.home' => 'http://192.168.1.10:8788/phone/polycom/caller.xml?' . $t,
            '<MAC>-directory.xml' => 'http://192.168.1.10:8788/phone/polycom/directory.xml?' . $t,
            'lookup' => 'http://192.168.1.10:8788/phone/polycom/lookup?' . $t . '&number=',
        ], self::settings($xpath, 'polycom', '201'));
        self::assertSame([
            '<directoryURL>' => 'http://192.168.1.10:8788/phone/cisco/directory.xml?' . $t,
            '<servicesURL>' => 'http://192.168.1.10:8788/phone/cisco/caller.xml?' . $t,
            'lookup' => 'http://192.168.1.10:8788/phone/cisco/lookup?' . $t . '&number=',
        ], self::settings($xpath, 'cisco', '201'));
        self::assertSame([
            'P330' => '1',
            'P331' => 'http://192.168.1.10:8788/phone/cisco/directory.xml?' . $t,
            'lookup' => 'http://192.168.1.10:8788/phone/cisco/lookup?' . $t . '&number=',
        ], self::settings($xpath, 'grandstream', '201'));
        // The hostile agent's extension and token are in every vendor's section too.
        self::assertStringContainsString('ext=7002&t=', self::settings($xpath, 'cisco', '7002')['<directoryURL>']);
        self::assertStringNotContainsString('lang=', self::settings($xpath, 'cisco', '7002')['<directoryURL>']);
        self::assertStringNotContainsString('lang=', self::settings($xpath, 'cisco', '300')['<directoryURL>']);

        self::assertSame('http://192.168.1.10:8788', self::text($xpath, '//*[@data-role="bridge-url"]'));
        self::assertSame('Device token in each URL', self::text($xpath, '//*[@data-role="auth"]'));
        self::assertStringContainsString('phones.networks', self::text($xpath, '//*[@data-role="networks-note"]'));
        self::assertSame(0, $xpath->query('//*[@data-role="problems"]')->length);
    }

    public function testBasicAuthKeepsTokensOutOfTheUrls(): void
    {
        $xpath = $this->render([
            DeskPhoneConfig::XML_PATH_AUTH => DeskPhoneConfig::AUTH_BASIC,
            DeskPhoneConfig::XML_PATH_TOKEN_VERSION => '2',
        ]);
        $token = (new DeviceToken())->forExtension(self::SECRET, 2, '201');
        self::assertSame($token, self::text($xpath, '//tr[@data-phone="201"]//code[@data-role="token"]'));
        $yealink = self::settings($xpath, 'yealink', '201');
        self::assertSame('http://192.168.1.10:8788/phone/yealink/directory.xml?ext=201&lang=fr_FR', $yealink['remote_phonebook.data.1.url']);
        self::assertSame('201', $yealink['remote_phonebook.data.1.username']);
        self::assertSame($token, $yealink['remote_phonebook.data.1.password']);
        foreach (ProvisioningSettings::VENDORS as $vendor => $format) {
            foreach (self::settings($xpath, $vendor, '201') as $name => $value) {
                self::assertDoesNotMatchRegularExpression('/[?&]t=/', $value, $vendor . ' ' . $name);
            }
        }
        self::assertSame('2', self::text($xpath, '//*[@data-role="token-version"]'));
        self::assertStringStartsWith('HTTP basic auth', self::text($xpath, '//*[@data-role="auth"]'));
    }

    public function testTheAgentsBridgeUrlIsTheDefault(): void
    {
        $xpath = $this->render([DeskPhoneConfig::XML_PATH_BRIDGE_URL => '']);
        self::assertSame('https://cti.example.com:8443', self::text($xpath, '//*[@data-role="bridge-url"]'));
        self::assertStringStartsWith(
            'https://cti.example.com:8443/phone/cisco/directory.xml?ext=201&t=',
            self::settings($xpath, 'cisco', '201')['<directoryURL>']
        );
    }

    public function testMissingSecretOrBridgeUrlIsSaidAndNoTokenIsShown(): void
    {
        $xpath = $this->render([
            Config::XML_PATH_SHARED_SECRET => 'short',
            DeskPhoneConfig::XML_PATH_BRIDGE_URL => 'javascript:alert(1)',
        ]);
        $problems = self::text($xpath, '//*[@data-role="problems"]');
        self::assertStringContainsString('The bridge URL for phones is missing or not valid', $problems);
        self::assertStringContainsString('The shared secret is not set or shorter than 32 characters', $problems);
        self::assertSame(0, $xpath->query('//*[@data-role="token"]|//details')->length);
        self::assertSame(
            'https://shop.example.com/admin_x1/adminhtml/system_config/edit/section/bandeau/key/a1b2c3/',
            $xpath->query('//*[@data-role="problems"]//a')->item(0)->getAttribute('href')
        );
    }

    public function testNoPhonesYetSaysHowToAddOne(): void
    {
        $this->db->query('UPDATE admin_user SET bandeau_extension = NULL');
        $xpath = $this->render([DeskPhoneConfig::XML_PATH_STAFF => '']);
        self::assertStringStartsWith('No phone yet', self::text($xpath, '//*[@data-role="no-phones"]'));
    }

    public function testThePageIsBehindItsOwnAclResourceAndMenu(): void
    {
        $etc = dirname(__DIR__, 3) . '/app/code/Bandeau/Cti/etc/';
        self::assertSame('Bandeau_Cti::phones', Index::ADMIN_RESOURCE);
        $acl = simplexml_load_file($etc . 'acl.xml');
        self::assertCount(1, $acl->xpath('//resource[@id="Bandeau_Cti::phones"]'));
        $menu = simplexml_load_file($etc . 'adminhtml/menu.xml');
        $item = $menu->xpath('//add[@id="' . Index::MENU_ID . '"]')[0];
        self::assertSame('bandeau/phones/index', (string)$item['action']);
        self::assertSame(Index::ADMIN_RESOURCE, (string)$item['resource']);
        $parent = $menu->xpath('//add[@id="' . $item['parent'] . '"]')[0];
        self::assertSame('Magento_Backend::stores', (string)$parent['parent']);
    }
}
