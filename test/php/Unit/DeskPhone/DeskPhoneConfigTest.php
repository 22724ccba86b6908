<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\DeskPhone;

use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Bandeau\Cti\Test\Support\Builders;
use PHPUnit\Framework\TestCase;

/**
 * bandeau/phones/* as the page and the phone book read them: the phones' bridge URL (else the
 * agents'), token or basic auth, a token version of at least 1, the staff list's valid lines.
 */
class DeskPhoneConfigTest extends TestCase
{
    private static function config(array $values): DeskPhoneConfig
    {
        $scopeConfig = Builders::scopeConfig($values);
        return new DeskPhoneConfig($scopeConfig, Builders::configFrom($scopeConfig), Builders::bridgeUrl(), new StaffLines());
    }

    public function testDefaults(): void
    {
        $config = self::config([]);
        self::assertSame('https://cti.example.com:8443', $config->getBridgeUrl());
        self::assertSame(DeskPhoneConfig::AUTH_TOKEN, $config->getAuth());
        self::assertSame(1, $config->getTokenVersion());
        self::assertSame([], $config->getStaffLines());
        self::assertSame(Builders::SECRET, $config->getSharedSecret());
    }

    public function testConfiguredValues(): void
    {
        $config = self::config([
            DeskPhoneConfig::XML_PATH_BRIDGE_URL => ' http://192.168.1.10:8788/ ',
            DeskPhoneConfig::XML_PATH_AUTH => 'basic',
            DeskPhoneConfig::XML_PATH_TOKEN_VERSION => '7',
            DeskPhoneConfig::XML_PATH_STAFF => "Sales desk,201\nbroken",
        ]);
        self::assertSame('http://192.168.1.10:8788', $config->getBridgeUrl());
        self::assertSame(DeskPhoneConfig::AUTH_BASIC, $config->getAuth());
        self::assertSame(7, $config->getTokenVersion());
        self::assertSame([['Sales desk', '201']], $config->getStaffLines());
    }

    public function testOddValuesFallBackSafely(): void
    {
        $config = self::config([
            DeskPhoneConfig::XML_PATH_BRIDGE_URL => 'http://user:pass@192.168.1.10:8788',
            DeskPhoneConfig::XML_PATH_AUTH => 'none',
            DeskPhoneConfig::XML_PATH_TOKEN_VERSION => '0',
        ]);
        // A URL with credentials is refused, not replaced by the agents' URL: the page says so.
        self::assertNull($config->getBridgeUrl());
        self::assertSame(DeskPhoneConfig::AUTH_TOKEN, $config->getAuth());
        self::assertSame(1, $config->getTokenVersion());
        self::assertSame(1, self::config([DeskPhoneConfig::XML_PATH_TOKEN_VERSION => 'two'])->getTokenVersion());
    }
}
