<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Controller\Adminhtml\Token\Index;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Test\Support\Builders;
use Firebase\JWT\JWT;
use Firebase\JWT\Key;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\User\Model\User;
use PHPUnit\Framework\TestCase;

class TokenIndexTest extends TestCase
{
    protected function tearDown(): void
    {
        JWT::$timestamp = null;
    }

    private function dispatch(?User $user, array $config = [], array $perms = ['phone_bar', 'dial']): Response
    {
        $session = new Session();
        $session->setUser($user);
        $controller = new Index(
            new Context(new Request([], 'POST', ['form_key' => 'k']), Builders::authorization($perms)),
            new JsonFactory(),
            $session,
            Builders::issuer($config, $perms),
            Builders::config($config)
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return $response;
    }

    private function json(Response $response): array
    {
        self::assertSame('application/json', $response->getHeader('Content-Type')->getFieldValue());
        return json_decode($response->getBody(), true, 512, JSON_THROW_ON_ERROR);
    }

    public function testIsAPostOnlyActionGuardedByThePhoneBarResource(): void
    {
        self::assertTrue(is_subclass_of(Index::class, HttpPostActionInterface::class));
        self::assertSame('Bandeau_Cti::phone_bar', Index::ADMIN_RESOURCE);
    }

    public function testReturnsTokenExpiryAndBridgeUrl(): void
    {
        $response = $this->dispatch(Builders::user());
        self::assertSame(200, $response->getHttpResponseCode());
        self::assertSame('no-store', $response->getHeader('Cache-Control')->getFieldValue());
        $body = $this->json($response);
        self::assertSame(['token', 'expiresAt', 'bridgeUrl'], array_keys($body));
        self::assertSame(Builders::NOW + 900, $body['expiresAt']);
        self::assertSame('https://cti.example.com:8443', $body['bridgeUrl']);
        JWT::$timestamp = Builders::NOW;
        $claims = (array)JWT::decode($body['token'], new Key(Builders::SECRET, 'HS256'));
        self::assertSame('42', $claims['sub']);
    }

    public function testNoExtensionIs409(): void
    {
        $response = $this->dispatch(Builders::user(['bandeau_extension' => '']));
        self::assertSame(409, $response->getHttpResponseCode());
        $body = $this->json($response);
        self::assertSame('no_extension', $body['error']['code']);
        self::assertSame('No phone extension is set for your admin user.', $body['error']['message']);
    }

    public function testLegacyExtensionOutsideThePatternGetsNoToken(): void
    {
        // Stored from My Account before issue 14: the bridge would have trusted "trunk_out".
        $response = $this->dispatch(Builders::user(['bandeau_extension' => 'trunk_out']));
        self::assertSame(409, $response->getHttpResponseCode());
        $body = $this->json($response);
        self::assertSame(['error'], array_keys($body), 'no token in the answer');
        self::assertSame('invalid_extension', $body['error']['code']);
        self::assertSame(
            'Your phone extension is not one agents may have: ask an administrator to correct it.',
            $body['error']['message']
        );
    }

    public function testMissingAclIs403(): void
    {
        $response = $this->dispatch(Builders::user(), [], ['dial']);
        self::assertSame(403, $response->getHttpResponseCode());
        self::assertSame('forbidden', $this->json($response)['error']['code']);
    }

    public function testNoUserIs403(): void
    {
        $response = $this->dispatch(null);
        self::assertSame(403, $response->getHttpResponseCode());
        self::assertSame('not_logged_in', $this->json($response)['error']['code']);
    }

    public function testUnconfiguredSecretIs503(): void
    {
        $response = $this->dispatch(Builders::user(), [Config::XML_PATH_SHARED_SECRET => null]);
        self::assertSame(503, $response->getHttpResponseCode());
        self::assertSame('not_configured', $this->json($response)['error']['code']);
    }

    public function testUnconfiguredBridgeUrlIs503(): void
    {
        $response = $this->dispatch(Builders::user(), [Config::XML_PATH_BRIDGE_URL => 'not a url']);
        self::assertSame(503, $response->getHttpResponseCode());
        $body = $this->json($response);
        self::assertSame('not_configured', $body['error']['code']);
        self::assertStringContainsString('bridge URL', $body['error']['message']);
    }
}
