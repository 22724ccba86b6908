<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\DeskPhone;

use Bandeau\Cti\Model\DeskPhone\DeviceToken;
use PHPUnit\Framework\TestCase;

/**
 * The device token Magento lists is the one the bridge accepts (bridge/src/phones/deviceToken.ts):
 * the contract's test vector, and how version and extension change it.
 */
class DeviceTokenTest extends TestCase
{
    private const SECRET = '0123456789abcdef0123456789abcdef';

    public function testContractVector(): void
    {
        self::assertSame('bed5a8a6538606efa00ce310211f1145', (new DeviceToken())->forExtension(self::SECRET, 1, '201'));
    }

    public function testItIsTheStartOfTheHmacOfTheVersionedExtension(): void
    {
        $token = (new DeviceToken())->forExtension(self::SECRET, 3, '7001');
        self::assertMatchesRegularExpression('/^[0-9a-f]{32}$/', $token);
        self::assertSame(substr(hash_hmac('sha256', 'bandeau-phone:v3:7001', self::SECRET), 0, 32), $token);
    }

    public function testVersionExtensionAndSecretEachChangeTheToken(): void
    {
        $tokens = new DeviceToken();
        $base = $tokens->forExtension(self::SECRET, 1, '201');
        self::assertNotSame($base, $tokens->forExtension(self::SECRET, 2, '201'));
        self::assertNotSame($base, $tokens->forExtension(self::SECRET, 1, '202'));
        self::assertNotSame($base, $tokens->forExtension(self::SECRET . 'x', 1, '201'));
    }
}
