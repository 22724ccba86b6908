<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Config;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Config\Backend\BridgeUrls;
use Bandeau\Cti\Model\Csp\BridgePolicyCollector;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Unit\ViewModel\UiStringsTest;
use Bandeau\Cti\ViewModel\PhoneBar;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\Data\Form\FormKey;
use Magento\Framework\Exception\LocalizedException;
use Magento\Framework\Stdlib\DateTime\TimezoneInterface;
use Magento\Framework\View\Asset\Repository;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * Several bridges in the bridge URL setting (issue 18, failover): how the list is read, what the
 * admin form stores or refuses, and that every listed bridge is allowed by the CSP.
 */
class BridgeUrlsTest extends TestCase
{
    private static function save(string $value): string
    {
        $model = new BridgeUrls();
        $model->setPath(Config::XML_PATH_BRIDGE_URL);
        $model->setValue($value);
        $model->beforeSave();
        return (string)$model->getValue();
    }

    public function testOneALineOrCommaSeparatedIsStoredOneALineNormalisedAndOnce(): void
    {
        self::assertSame(
            "https://cti-a.example.com\nhttps://cti-b.example.com:8443",
            self::save(" https://cti-a.example.com/ ,\r\n\r\nhttps://cti-b.example.com:8443\nhttps://cti-a.example.com")
        );
        self::assertSame('http://127.0.0.1:8788', self::save('http://127.0.0.1:8788'));
    }

    public static function refused(): array
    {
        return [
            'empty' => [" \n , ", 'Enter the address of at least one Bandeau bridge.'],
            'no scheme' => ["https://a.example.com\ncti.example.com", 'The bridge URL "cti.example.com" is not valid'],
            'ws' => ['https://a.example.com, ws://b.example.com', 'The bridge URL "ws://b.example.com" is not valid'],
            'credentials' => ['https://user:pw@a.example.com', 'The bridge URL "https://user:pw@a.example.com" is not valid'],
            'eleven' => [
                implode("\n", array_map(static fn (int $i): string => 'https://cti' . $i . '.example.com', range(1, 11))),
                'Enter at most 10 bridge URLs.',
            ],
        ];
    }

    #[DataProvider('refused')]
    public function testABadEntryRefusesTheWholeSaveNamingIt(string $value, string $message): void
    {
        try {
            self::save($value);
            self::fail('saved: ' . $value);
        } catch (LocalizedException $e) {
            self::assertStringStartsWith($message, $e->getMessage());
        }
    }

    public function testConfigReadsTheListAndTheFirstBridgeForOldReaders(): void
    {
        $config = Builders::config([
            Config::XML_PATH_BRIDGE_URL => "https://cti-a.example.com/\nbad entry\nhttps://cti-b.example.com,https://cti-a.example.com",
        ]);
        self::assertSame(['https://cti-a.example.com', 'https://cti-b.example.com'], $config->getBridgeUrls());
        self::assertSame('https://cti-a.example.com', $config->getBridgeUrl());
        $none = Builders::config([Config::XML_PATH_BRIDGE_URL => 'ws://x']);
        self::assertSame([], $none->getBridgeUrls());
        self::assertNull($none->getBridgeUrl());
    }

    public function testEveryBridgeIsInConnectSrc(): void
    {
        $config = Builders::config([Config::XML_PATH_BRIDGE_URL => "https://cti-a.example.com\nhttp://10.0.0.2:8788"]);
        $policies = (new BridgePolicyCollector($config, Builders::bridgeUrl()))->collect();
        self::assertCount(1, $policies);
        self::assertSame(
            ['https://cti-a.example.com', 'wss://cti-a.example.com', 'http://10.0.0.2:8788', 'ws://10.0.0.2:8788'],
            $policies[0]->getHostSources()
        );
    }

    private function pageConfig(string $bridgeUrls): array
    {
        $session = new Session();
        $session->setUser(Builders::user());
        return (new PhoneBar(
            $session,
            new Permissions(Builders::authorization(['phone_bar'])),
            new AgentProfile(),
            Builders::config([Config::XML_PATH_BRIDGE_URL => $bridgeUrls]),
            new FakeBackendUrl(),
            new FormKey('FK123'),
            new Repository('https://cdn.example.com/static/'),
            UiStringsTest::uiStrings(),
            new WrapUpOptions(new ArrayScopeConfig()),
            $this->createMock(TimezoneInterface::class)
        ))->getConfig();
    }

    public function testThePageConfigCarriesTheListAndKeepsTheSingleUrlForOldWorkers(): void
    {
        $config = $this->pageConfig("https://cti-a.example.com
https://cti-b.example.com");
        self::assertSame('https://cti-a.example.com', $config['bridgeUrl']);
        self::assertSame(['https://cti-a.example.com', 'https://cti-b.example.com'], $config['bridgeUrls']);
        // One bridge: the config is exactly what it was before lists existed.
        $single = $this->pageConfig('https://cti-a.example.com');
        self::assertSame('https://cti-a.example.com', $single['bridgeUrl']);
        self::assertArrayNotHasKey('bridgeUrls', $single);
    }
}
