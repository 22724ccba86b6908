<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\ViewModel;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\ViewModel\PhoneBar;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\Data\Form\FormKey;
use Magento\Framework\Escaper;
use Magento\Framework\Stdlib\DateTime\TimezoneInterface;
use Magento\Framework\View\Asset\Repository;
use Magento\Framework\View\Element\Template;
use Magento\Framework\View\Helper\SecureHtmlRenderer;
use Magento\User\Model\User;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

class PhoneBarTest extends TestCase
{
    private const TEMPLATE = __DIR__ . '/../../../../app/code/Bandeau/Cti/view/adminhtml/templates/phone-bar.phtml';

    private function viewModel(
        ?User $user,
        array $perms = ['phone_bar'],
        array $config = [],
        string $formKey = 'FK123',
        string $zone = 'Europe/Paris'
    ): PhoneBar {
        $session = new Session();
        $session->setUser($user);
        return new PhoneBar(
            $session,
            new Permissions(Builders::authorization($perms)),
            new AgentProfile(),
            Builders::config($config),
            new FakeBackendUrl(),
            new FormKey($formKey),
            new Repository('https://cdn.example.com/static/version17/adminhtml/Magento/backend/en_US/'),
            UiStringsTest::uiStrings(),
            new WrapUpOptions(new ArrayScopeConfig()),
            self::timezone($zone)
        );
    }

    /** Magento's Timezone as far as the bar reads it: the configured zone (general/locale/timezone). */
    private static function timezone(string $zone): TimezoneInterface
    {
        return new class ($zone) implements TimezoneInterface {
            public function __construct(private string $zone)
            {
            }

            public function formatDateTime($date, $dateType = \IntlDateFormatter::SHORT, $timeType = \IntlDateFormatter::SHORT, $locale = null, $timezone = null, $pattern = null)
            {
                throw new \LogicException('the bar formats its times itself');
            }

            public function getConfigTimezone($scopeType = null, $scopeCode = null)
            {
                return $this->zone;
            }
        };
    }

    private function render(PhoneBar $viewModel): string
    {
        $block = new Template(['view_model' => $viewModel]);
        $escaper = new Escaper();
        $secureRenderer = new SecureHtmlRenderer($escaper, 'N0NCE');
        return (static function (string $file) use ($block, $escaper, $secureRenderer): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::TEMPLATE);
    }

    public function testRendersForAnAgent(): void
    {
        self::assertTrue($this->viewModel(Builders::user())->shouldRender());
    }

    public function testDoesNotRenderWithoutLoggedInUser(): void
    {
        $viewModel = $this->viewModel(null);
        self::assertFalse($viewModel->shouldRender());
        self::assertSame('', $this->render($viewModel));
    }

    public function testDoesNotRenderWithoutPhoneBarAcl(): void
    {
        self::assertFalse($this->viewModel(Builders::user(), ['dial', 'all_calls'])->shouldRender());
    }

    public function testDoesNotRenderWithoutExtension(): void
    {
        self::assertFalse($this->viewModel(Builders::user(['bandeau_extension' => null]))->shouldRender());
    }

    public function testDoesNotRenderWithoutBridgeUrlOrSecret(): void
    {
        self::assertFalse($this->viewModel(Builders::user(), ['phone_bar'], [Config::XML_PATH_BRIDGE_URL => ''])
            ->shouldRender());
        self::assertFalse($this->viewModel(Builders::user(), ['phone_bar'], [Config::XML_PATH_SHARED_SECRET => ''])
            ->shouldRender());
    }

    public function testConfigHasExactlyTheKeysTheBundleReads(): void
    {
        $config = $this->viewModel(Builders::user())->getConfig();
        $i18n = $config['i18n'];
        unset($config['i18n']);
        self::assertSame([
            'bridgeUrl' => 'https://cti.example.com:8443',
            'tokenUrl' => 'https://shop.example.com/admin_x1/bandeau/token/index/key/a1b2c3/',
            'formKey' => 'FK123',
            'workerUrl' => 'https://shop.example.com/admin_x1/bandeau/worker/script/',
            'workerName' => 'bandeau-cti',
            'lookupUrl' => 'https://shop.example.com/admin_x1/bandeau/lookup/index/key/a1b2c3/',
            'directoryUrl' => 'https://shop.example.com/admin_x1/bandeau/directory/search/key/a1b2c3/',
            'locale' => 'en_US',
            'timeZone' => 'Europe/Paris',
            'mode' => 'desk',
            'noteUrl' => 'https://shop.example.com/admin_x1/bandeau/call/note/key/a1b2c3/',
            'campaignNextUrl' => 'https://shop.example.com/admin_x1/bandeau/campaign/next/key/a1b2c3/',
            'campaignOutcomeUrl' => 'https://shop.example.com/admin_x1/bandeau/campaign/outcome/key/a1b2c3/',
            'campaignSkipUrl' => 'https://shop.example.com/admin_x1/bandeau/campaign/skip/key/a1b2c3/',
            'campaignSnoozeUrl' => 'https://shop.example.com/admin_x1/bandeau/campaign/snooze/key/a1b2c3/',
            'campaignTodayUrl' => 'https://shop.example.com/admin_x1/bandeau/campaign/today/key/a1b2c3/',
            'myDayUrl' => 'https://shop.example.com/admin_x1/bandeau/analytics/myday/key/a1b2c3/',
            'wrapUp' => [
                'outcomes' => array_map(static fn ($v) => ['value' => $v, 'label' => $v], WrapUpOptions::DEFAULT_OUTCOMES),
                'tags' => array_map(static fn ($v) => ['value' => $v, 'label' => $v], WrapUpOptions::DEFAULT_TAGS),
            ],
        ], $config);
        $strings = UiStringsTest::uiStrings()->getStrings();
        self::assertSame($strings, array_keys($i18n), 'one translation per UI string, in order');
        self::assertSame('Inbound call from %1', $i18n['Inbound call from %1'], 'placeholders are left to the page');
    }

    public function testLocaleIsTheAdminUsersInterfaceLocale(): void
    {
        self::assertSame('fr_FR', $this->viewModel(Builders::user(['interface_locale' => 'fr_FR']))->getConfig()['locale']);
        self::assertSame('en_US', $this->viewModel(Builders::user(['interface_locale' => '"><script>']))->getConfig()['locale']);
        self::assertSame('en_US', $this->viewModel(Builders::user(['interface_locale' => "fr_FR\n"]))->getConfig()['locale']);
        self::assertSame('en_US', $this->viewModel(Builders::user(['interface_locale' => 'zh_Hans_CN_X']))->getConfig()['locale']);
    }

    /** Magento's codes for the languages written in more than one script have three parts. */
    #[DataProvider('threePartLocales')]
    public function testALocaleWithAScriptIsALocale(string $locale): void
    {
        self::assertSame($locale, $this->viewModel(Builders::user(['interface_locale' => $locale]))->getConfig()['locale']);
    }

    /**
     * @return array<string, array{string}>
     */
    public static function threePartLocales(): array
    {
        $codes = ['zh_Hans_CN', 'zh_Hant_HK', 'zh_Hant_TW', 'sr_Cyrl_RS', 'sr_Latn_RS', 'uz_Latn_UZ', 'az_Latn_AZ', 'bs_Latn_BA', 'mn_Cyrl_MN'];
        return array_combine($codes, array_map(static fn (string $c): array => [$c], $codes));
        self::assertSame('en_US', $this->viewModel(Builders::user())->getConfig()['locale']);
    }

    public function testTimeZoneIsTheStoresConfiguredOneAsInTheCallsGrid(): void
    {
        self::assertSame('Europe/Paris', $this->viewModel(Builders::user())->getConfig()['timeZone']);
        self::assertSame('America/New_York', $this->viewModel(Builders::user(), zone: 'America/New_York')->getConfig()['timeZone']);
    }

    public function testSoftphoneModeAddsTheCredentialsAndPopOutUrlsAndThePopOutRole(): void
    {
        $viewModel = $this->viewModel(Builders::user(), ['phone_bar'], [Config::XML_PATH_MODE => 'softphone']);
        $config = $viewModel->getConfig();
        self::assertSame(
            'https://shop.example.com/admin_x1/bandeau/softphone/credentials/key/a1b2c3/',
            $config['softphoneCredentialsUrl']
        );
        self::assertSame('https://shop.example.com/admin_x1/bandeau/softphone/popout/', $config['softphonePopoutUrl']);
        self::assertArrayNotHasKey('role', $config, 'ordinary admin pages are the default role');
        self::assertSame('popout', $viewModel->getConfig(PhoneBar::ROLE_POPOUT)['role']);
        $desk = $this->viewModel(Builders::user())->getConfig();
        self::assertArrayNotHasKey('softphonePopoutUrl', $desk);
        self::assertArrayNotHasKey('softphoneCredentialsUrl', $desk);
    }

    public function testModeFollowsTheConfiguration(): void
    {
        self::assertSame('softphone', $this->viewModel(Builders::user(), ['phone_bar'], [
            Config::XML_PATH_MODE => 'softphone',
        ])->getConfig()['mode']);
        self::assertSame('desk', $this->viewModel(Builders::user(), ['phone_bar'], [
            Config::XML_PATH_MODE => 'nonsense',
        ])->getConfig()['mode']);
    }

    public function testI18nComesFromTheTranslator(): void
    {
        $i18n = $this->viewModel(Builders::user())->getConfig()['i18n'];
        foreach (UiStringsTest::uiStrings()->getStrings() as $text) {
            self::assertSame((string)__($text), $i18n[$text]);
        }
    }

    public function testTemplateRendersRootAndDeferredScriptOnly(): void
    {
        $html = $this->render($this->viewModel(Builders::user()));
        $doc = new \DOMDocument();
        $doc->loadHTML('<html><body>' . $html . '</body></html>', LIBXML_NOERROR);
        $body = $doc->getElementsByTagName('body')->item(0);
        $elements = [];
        foreach ($body->childNodes as $node) {
            if ($node instanceof \DOMElement) {
                $elements[] = $node;
            }
        }
        self::assertCount(2, $elements);
        [$root, $script] = $elements;
        self::assertSame('div', $root->tagName);
        self::assertSame('bandeau-cti-root', $root->getAttribute('id'));
        self::assertSame('', $root->textContent);
        $config = json_decode($root->getAttribute('data-bandeau-config'), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(
            [
                'bridgeUrl', 'tokenUrl', 'formKey', 'workerUrl', 'workerName', 'lookupUrl', 'directoryUrl', 'locale', 'timeZone', 'mode',
                'noteUrl',
                'campaignNextUrl', 'campaignOutcomeUrl', 'campaignSkipUrl', 'campaignSnoozeUrl', 'campaignTodayUrl',
                'myDayUrl', 'wrapUp', 'i18n',
            ],
            array_keys($config)
        );
        self::assertSame('script', $script->tagName);
        self::assertSame(
            'https://cdn.example.com/static/version17/adminhtml/Magento/backend/en_US/Bandeau_Cti/js/bandeau-page.js',
            $script->getAttribute('src')
        );
        self::assertSame('defer', $script->getAttribute('defer'));
        self::assertSame('N0NCE', $script->getAttribute('nonce'), 'the script goes through SecureHtmlRenderer');
        self::assertSame('', trim($script->textContent));
    }

    public function testConfigAttributeIsEscaped(): void
    {
        $html = $this->render($this->viewModel(Builders::user(), ['phone_bar'], [], "k\"'><script>alert(1)</script>"));
        self::assertStringNotContainsString('<script>alert', $html);
        self::assertStringNotContainsString('"formKey"', $html, 'double quotes of the JSON must be entities');
        self::assertSame(1, substr_count($html, '<script'));
        preg_match('/data-bandeau-config="([^"]*)"/', $html, $m);
        $config = json_decode(html_entity_decode($m[1], ENT_QUOTES | ENT_HTML5), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame("k\"'><script>alert(1)</script>", $config['formKey']);
    }

    public function testI18nSurvivesTheAttribute(): void
    {
        $html = $this->render($this->viewModel(Builders::user()));
        preg_match('/data-bandeau-config="([^"]*)"/', $html, $m);
        $config = json_decode(html_entity_decode($m[1], ENT_QUOTES | ENT_HTML5), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame('Connecting…', $config['i18n']['Connecting…']);
        self::assertSame('Several customers have this number:', $config['i18n']['Several customers have this number:']);
    }

    public function testNoSecretInThePage(): void
    {
        $html = $this->render($this->viewModel(Builders::user()));
        self::assertStringNotContainsString(Builders::SECRET, $html);
        self::assertStringNotContainsString('enc:', $html);
    }
}
