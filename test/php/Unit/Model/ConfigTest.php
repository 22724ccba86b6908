<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Privacy\RetentionMode;
use Bandeau\Cti\Model\Config\Source\Mode;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\PrefixEncryptor;
use PHPUnit\Framework\TestCase;

class ConfigTest extends TestCase
{
    public function testBridgeUrlIsNormalised(): void
    {
        self::assertSame('https://cti.example.com:8443', Builders::config()->getBridgeUrl());
        self::assertNull(Builders::config([Config::XML_PATH_BRIDGE_URL => 'ws://x'])->getBridgeUrl());
        self::assertNull(Builders::config([Config::XML_PATH_BRIDGE_URL => null])->getBridgeUrl());
        self::assertSame('http://[::1]:8788', Builders::bridgeUrl()->normalise(' http://[::1]:8788/ '));
        self::assertSame(['http://[::1]:8788', 'ws://[::1]:8788'], Builders::bridgeUrl()->cspSources('http://[::1]:8788'));
    }

    public function testSecretIsStoredEncryptedAndReadPlain(): void
    {
        $scopeConfig = Builders::scopeConfig();
        self::assertStringStartsWith(
            PrefixEncryptor::PREFIX,
            (string)$scopeConfig->getRaw(Config::XML_PATH_SHARED_SECRET),
            'the admin form stores the secret encrypted'
        );
        self::assertSame(Builders::SECRET, Builders::configFrom($scopeConfig)->getSharedSecret());
        self::assertSame('', Builders::config([Config::XML_PATH_SHARED_SECRET => null])->getSharedSecret());
        self::assertSame('', Builders::config([Config::XML_PATH_SHARED_SECRET => ''])->getSharedSecret());
    }

    /**
     * What issue 11 found on a real Magento: config.xml's Encrypted backend model makes
     * ScopeConfigInterface::getValue() return the plain secret; the stand-in must do the same.
     */
    public function testConfigStandInDecryptsThePathsMagentoDecrypts(): void
    {
        $encrypted = [Config::XML_PATH_SHARED_SECRET, RetentionMode::XML_PATH_PSEUDONYM_KEY];
        self::assertSame($encrypted, ArrayScopeConfig::decryptedPaths());
        self::assertSame($encrypted, ArrayScopeConfig::encryptedFields());
        $scopeConfig = (new ArrayScopeConfig())
            ->set(Config::XML_PATH_SHARED_SECRET, 'plain secret')
            ->set(Config::XML_PATH_BRIDGE_URL, 'http://bridge');
        self::assertSame('plain secret', $scopeConfig->getValue(Config::XML_PATH_SHARED_SECRET));
        self::assertSame('http://bridge', $scopeConfig->getRaw(Config::XML_PATH_BRIDGE_URL), 'not encrypted');
        self::assertSame('http://bridge', $scopeConfig->getValue(Config::XML_PATH_BRIDGE_URL));
    }

    public function testEveryEncryptedAdminFieldIsDecryptedOnRead(): void
    {
        // A system.xml field saved encrypted without the config.xml attribute would reach the
        // module as ciphertext on a real Magento.
        self::assertSame(ArrayScopeConfig::encryptedFields(), ArrayScopeConfig::decryptedPaths());
    }

    public function testDecryptingTwiceGivesGarbageAsMagentoDoes(): void
    {
        $encryptor = new PrefixEncryptor();
        $plain = $encryptor->decrypt($encryptor->encrypt(Builders::SECRET));
        self::assertSame(Builders::SECRET, $plain);
        self::assertNotSame(Builders::SECRET, $encryptor->decrypt($plain));
        self::assertSame('', $encryptor->decrypt(''));
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
