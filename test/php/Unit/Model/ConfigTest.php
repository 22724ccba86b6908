<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\BridgeUrl;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Config\Source\Mode;
use Bandeau\Cti\Test\Support\Builders;
use PHPUnit\Framework\TestCase;

class ConfigTest extends TestCase
{
    public function testBridgeUrlIsNormalised(): void
    {
        self::assertSame('https://cti.example.com:8443', Builders::config()->getBridgeUrl());
        self::assertNull(Builders::config([Config::XML_PATH_BRIDGE_URL => 'ws://x'])->getBridgeUrl());
        self::assertNull(Builders::config([Config::XML_PATH_BRIDGE_URL => null])->getBridgeUrl());
        self::assertSame('http://[::1]:8788', BridgeUrl::normalise(' http://[::1]:8788/ '));
        self::assertSame(['http://[::1]:8788', 'ws://[::1]:8788'], BridgeUrl::cspSources('http://[::1]:8788'));
    }

    public function testSecretIsDecrypted(): void
    {
        self::assertSame(Builders::SECRET, Builders::config()->getSharedSecret());
        self::assertSame('', Builders::config([Config::XML_PATH_SHARED_SECRET => null])->getSharedSecret());
    }

    public function testTokenTtlBounds(): void
    {
        self::assertSame(900, Builders::config([Config::XML_PATH_TOKEN_TTL => 'abc'])->getTokenTtl());
        self::assertSame(1, Builders::config([Config::XML_PATH_TOKEN_TTL => '-5'])->getTokenTtl());
        self::assertSame(3600, Builders::config([Config::XML_PATH_TOKEN_TTL => '3601'])->getTokenTtl());
        self::assertSame(60, Builders::config([Config::XML_PATH_TOKEN_TTL => '60'])->getTokenTtl());
    }

    public function testModeAndSoftphoneUrl(): void
    {
        self::assertSame('desk', Builders::config()->getMode());
        self::assertSame('desk', Builders::config([Config::XML_PATH_MODE => 'bogus'])->getMode());
        self::assertSame('softphone', Builders::config([Config::XML_PATH_MODE => 'softphone'])->getMode());
        self::assertSame(
            'wss://pbx.example.com:8089/ws',
            Builders::config([Config::XML_PATH_SOFTPHONE_WS_URL => ' wss://pbx.example.com:8089/ws '])->getSoftphoneWsUrl()
        );
        self::assertNull(Builders::config([Config::XML_PATH_SOFTPHONE_WS_URL => 'https://pbx'])->getSoftphoneWsUrl());
        self::assertNull(Builders::config()->getSoftphoneWsUrl());
    }

    public function testCountryAndRetention(): void
    {
        self::assertSame('US', Builders::config()->getDefaultCountry());
        self::assertSame('FR', Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'fr'])->getDefaultCountry());
        self::assertSame('US', Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FRA'])->getDefaultCountry());
        self::assertSame(365, Builders::config()->getRetentionDays());
        self::assertSame(30, Builders::config([Config::XML_PATH_RETENTION_DAYS => '30'])->getRetentionDays());
        self::assertSame(0, Builders::config([Config::XML_PATH_RETENTION_DAYS => '-1'])->getRetentionDays());
    }

    public function testModeOptions(): void
    {
        $values = array_column((new Mode())->toOptionArray(), 'value');
        self::assertSame(['desk', 'softphone'], $values);
    }
}
