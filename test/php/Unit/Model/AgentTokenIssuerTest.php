<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Exception\AgentTokenException;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Model\AgentTokenIssuer;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Test\Support\Builders;
use Firebase\JWT\JWT;
use Firebase\JWT\Key;
use Firebase\JWT\SignatureInvalidException;
use PHPUnit\Framework\TestCase;

class AgentTokenIssuerTest extends TestCase
{
    protected function tearDown(): void
    {
        JWT::$timestamp = null;
    }

    private function decode(string $token, string $secret = Builders::SECRET): array
    {
        JWT::$timestamp = Builders::NOW;
        // As arrays all the way down: the dial claim is an object in the token.
        return json_decode((string)json_encode(JWT::decode($token, new Key($secret, 'HS256'))), true);
    }

    public function testMintsTheExactClaimsTheBridgeExpects(): void
    {
        $token = Builders::issuer()->issue(Builders::user());
        $claims = $this->decode($token->getToken());

        self::assertSame(
            ['iss', 'aud', 'sub', 'name', 'ext', 'perms', 'dial', 'tid', 'iat', 'exp', 'jti'],
            array_keys($claims)
        );
        self::assertSame('bandeau-magento', $claims['iss']);
        // The token id grows with each token (the bridge refuses older ones and revoked ones).
        self::assertIsInt($claims['tid']);
        self::assertLessThan($this->decode(Builders::issuer()->issue(Builders::user())->getToken())['tid'], $claims['tid']);
        self::assertSame('bandeau-bridge', $claims['aud']);
        self::assertSame('42', $claims['sub']);
        self::assertSame('Ann Agent', $claims['name']);
        self::assertSame('1001', $claims['ext']);
        self::assertSame(['phone_bar', 'dial'], $claims['perms']);
        self::assertSame(['ext' => '^[0-9]{2,6}$', 'feat' => '^\\*[0-9]{2,6}$'], $claims['dial']);
        self::assertSame(Builders::NOW, $claims['iat']);
        self::assertSame(Builders::NOW + 900, $claims['exp']);
        self::assertMatchesRegularExpression('/^[0-9a-f]{32}$/', $claims['jti']);
        self::assertSame(Builders::NOW + 900, $token->getExpiresAt());
        self::assertSame($claims, $token->getClaims());
    }

    public function testHeaderIsHs256Jwt(): void
    {
        $token = Builders::issuer()->issue(Builders::user())->getToken();
        $header = json_decode(JWT::urlsafeB64Decode(explode('.', $token)[0]), true);
        self::assertSame(['typ' => 'JWT', 'alg' => 'HS256'], $header);
    }

    public function testEachTokenHasItsOwnJti(): void
    {
        $issuer = Builders::issuer();
        $a = $issuer->issue(Builders::user())->getClaims()['jti'];
        $b = $issuer->issue(Builders::user())->getClaims()['jti'];
        self::assertNotSame($a, $b);
    }

    public function testSignatureDoesNotVerifyWithAnotherSecret(): void
    {
        $token = Builders::issuer()->issue(Builders::user())->getToken();
        $this->expectException(SignatureInvalidException::class);
        $this->decode($token, 'another-secret-0123456789abcdef012345');
    }

    public function testPermissionsFollowTheAcl(): void
    {
        $all = Builders::issuer([], ['phone_bar', 'dial', 'all_calls', 'campaigns'])->issue(Builders::user());
        self::assertSame(['phone_bar', 'dial', 'all_calls', 'campaigns'], $all->getClaims()['perms']);

        $barOnly = Builders::issuer([], ['phone_bar'])->issue(Builders::user());
        self::assertSame(['phone_bar'], $barOnly->getClaims()['perms']);
    }

    public function testTtlComesFromConfigAndIsCappedAt3600(): void
    {
        $short = Builders::issuer([Config::XML_PATH_TOKEN_TTL => '120'])->issue(Builders::user());
        self::assertSame(120, $short->getClaims()['exp'] - $short->getClaims()['iat']);

        $long = Builders::issuer([Config::XML_PATH_TOKEN_TTL => '86400'])->issue(Builders::user());
        self::assertSame(3600, $long->getClaims()['exp'] - $long->getClaims()['iat']);

        $default = Builders::issuer([Config::XML_PATH_TOKEN_TTL => ''])->issue(Builders::user());
        self::assertSame(900, $default->getClaims()['exp'] - $default->getClaims()['iat']);
    }

    public function testNameFallsBackToUsername(): void
    {
        $token = Builders::issuer()->issue(Builders::user(['firstname' => '', 'lastname' => null]));
        self::assertSame('ann', $token->getClaims()['name']);
    }

    public function testSubIsADecimalString(): void
    {
        $token = Builders::issuer()->issue(Builders::user(['user_id' => 7]));
        self::assertSame('7', $token->getClaims()['sub']);
    }

    /**
     * @return array<string, array{0: array, 1: string[], 2: array, 3: string}>
     */
    public static function refusals(): array
    {
        return [
            'no extension' => [[], ['phone_bar'], ['bandeau_extension' => null], AgentTokenException::NO_EXTENSION],
            'blank extension' => [[], ['phone_bar'], ['bandeau_extension' => '  '], AgentTokenException::NO_EXTENSION],
            'invalid extension' => [
                [], ['phone_bar'], ['bandeau_extension' => "10\r\n01"], AgentTokenException::INVALID_EXTENSION,
            ],
            'legacy letters (issue 14)' => [
                [], ['phone_bar'], ['bandeau_extension' => 'trunk_out'], AgentTokenException::INVALID_EXTENSION,
            ],
            'legacy too long for the default pattern' => [
                [], ['phone_bar'], ['bandeau_extension' => '123456789'], AgentTokenException::INVALID_EXTENSION,
            ],
            'outside the configured pattern' => [
                [ExtensionRule::XML_PATH_PATTERN => '^7[0-9]{3}$'], ['phone_bar'], [],
                AgentTokenException::INVALID_EXTENSION,
            ],
            'configured pattern broken' => [
                [ExtensionRule::XML_PATH_PATTERN => '^[0-9'], ['phone_bar'], [], AgentTokenException::INVALID_EXTENSION,
            ],
            'no phone bar permission' => [[], ['dial', 'all_calls'], [], AgentTokenException::FORBIDDEN],
            'secret not configured' => [
                [Config::XML_PATH_SHARED_SECRET => ''], ['phone_bar'], [], AgentTokenException::NOT_CONFIGURED,
            ],
            'secret too short' => [
                [Config::XML_PATH_SHARED_SECRET => 'short'], ['phone_bar'], [], AgentTokenException::NOT_CONFIGURED,
            ],
            'user without id' => [[], ['phone_bar'], ['user_id' => null], AgentTokenException::NOT_LOGGED_IN],
        ];
    }

    public function testLegacyExtensionGetsASentenceForTheBarAndNoToken(): void
    {
        try {
            Builders::issuer()->issue(Builders::user(['bandeau_extension' => 'trunk_out']));
            self::fail('a token was minted for a legacy extension');
        } catch (AgentTokenException $e) {
            self::assertSame(
                'Your phone extension is not one agents may have: ask an administrator to correct it.',
                $e->getMessage()
            );
        }
        $claims = Builders::issuer([ExtensionRule::XML_PATH_PATTERN => '^7[0-9]{3}$'])
            ->issue(Builders::user(['bandeau_extension' => '7042']))->getClaims();
        self::assertSame('7042', $claims['ext'], 'a configured pattern admits its extensions');
    }

    #[\PHPUnit\Framework\Attributes\DataProvider('refusals')]
    public function testRefusesWithAClearReason(array $config, array $perms, array $user, string $reason): void
    {
        try {
            Builders::issuer($config, $perms)->issue(Builders::user($user));
            self::fail('a token was minted');
        } catch (AgentTokenException $e) {
            self::assertSame($reason, $e->getReason());
            self::assertNotSame('', $e->getMessage());
        }
    }

    public function testIssuerIsTheServiceContractImplementation(): void
    {
        self::assertInstanceOf(
            \Bandeau\Cti\Api\AgentTokenIssuerInterface::class,
            Builders::issuer()
        );
        self::assertTrue(is_subclass_of(AgentTokenIssuer::class, \Bandeau\Cti\Api\AgentTokenIssuerInterface::class));
    }
}
