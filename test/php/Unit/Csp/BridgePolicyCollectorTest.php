<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Csp;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Csp\BridgePolicyCollector;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Csp\Model\Policy\FetchPolicy;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

class BridgePolicyCollectorTest extends TestCase
{
    private function collect(?string $url, array $defaults = []): array
    {
        return (new BridgePolicyCollector(Builders::config([Config::XML_PATH_BRIDGE_URL => $url]), Builders::bridgeUrl()))
            ->collect($defaults);
    }

    public static function urls(): array
    {
        return [
            'https with port and path' => [
                'https://cti.example.com:8443/socket/', ['https://cti.example.com:8443', 'wss://cti.example.com:8443'],
            ],
            'http default' => ['http://127.0.0.1:8788', ['http://127.0.0.1:8788', 'ws://127.0.0.1:8788']],
            'default port dropped' => ['HTTPS://CTI.Example.com:443', ['https://cti.example.com', 'wss://cti.example.com']],
        ];
    }

    #[DataProvider('urls')]
    public function testAddsHttpAndWebSocketOriginsToConnectSrc(string $url, array $expected): void
    {
        $policies = $this->collect($url);
        self::assertCount(1, $policies);
        $policy = $policies[0];
        self::assertInstanceOf(FetchPolicy::class, $policy);
        self::assertSame('connect-src', $policy->getId());
        self::assertFalse($policy->isNoneAllowed());
        self::assertSame($expected, $policy->getHostSources());
        self::assertFalse($policy->isInlineAllowed());
        self::assertFalse($policy->isEvalAllowed());
    }

    public function testKeepsPoliciesCollectedBefore(): void
    {
        $previous = new FetchPolicy('script-src', false, [], [], true);
        $policies = $this->collect('https://cti.example.com', [$previous]);
        self::assertSame($previous, $policies[0]);
        self::assertCount(2, $policies);
    }

    public static function invalidUrls(): array
    {
        return [
            'empty' => [''], 'null' => [null], 'no scheme' => ['cti.example.com'],
            'ftp' => ['ftp://cti.example.com'], 'javascript' => ['javascript:alert(1)'],
            'space' => ['https://cti.example.com/ x'], 'quote' => ["https://cti.example.com'; script-src *"],
            'credentials' => ['https://u:p@cti.example.com'],
        ];
    }

    #[DataProvider('invalidUrls')]
    public function testInvalidOrEmptyUrlAddsNothing(?string $url): void
    {
        $previous = new FetchPolicy('script-src', false, [], [], true);
        self::assertSame([$previous], $this->collect($url, [$previous]));
    }
}
