<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Controller\Adminhtml\Softphone\Credentials;
use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\SoftphoneCredentials;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\UrlParser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\PrefixEncryptor;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\User\Model\User;
use PHPUnit\Framework\TestCase;

class SoftphoneCredentialsTest extends TestCase
{
    private const SOFTPHONE = [
        Config::XML_PATH_MODE => Config::MODE_SOFTPHONE,
        Config::XML_PATH_SOFTPHONE_WS_URL => 'wss://sip.example.com:8443/ws',
    ];

    private static function agent(array $data = []): User
    {
        return Builders::user(array_merge([
            AgentFieldsApplier::FIELD_SIP_USERNAME => '1001',
            AgentFieldsApplier::FIELD_SIP_PASSWORD => (new PrefixEncryptor())->encrypt('s3cret pass'),
        ], $data));
    }

    /**
     * @return array{0: int, 1: array, 2: Response}
     */
    private function dispatch(?User $user, array $config = self::SOFTPHONE, array $post = ['form_key' => 'k']): array
    {
        $session = new Session();
        $session->setUser($user);
        $controller = new Credentials(
            new Context(new Request([], 'POST', $post), Builders::authorization(['phone_bar'])),
            new JsonFactory(),
            $session,
            new SoftphoneCredentials(new PrefixEncryptor()),
            new AgentProfile(),
            Builders::config($config),
            new UrlParser()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true, 512, JSON_THROW_ON_ERROR), $response];
    }

    public function testIsAPostOnlyActionGuardedByThePhoneBarResource(): void
    {
        self::assertTrue(is_subclass_of(Credentials::class, HttpPostActionInterface::class));
        self::assertSame('Bandeau_Cti::phone_bar', Credentials::ADMIN_RESOURCE);
    }

    public function testAnswersTheLoggedInUsersAccountOnly(): void
    {
        [$status, $body, $response] = $this->dispatch(self::agent());
        self::assertSame(200, $status);
        self::assertSame('no-store', $response->getHeader('Cache-Control')->getFieldValue());
        self::assertSame([
            'wsUrl' => 'wss://sip.example.com:8443/ws',
            'uri' => 'sip:1001@sip.example.com',
            'username' => '1001',
            'password' => 's3cret pass',
            'displayName' => 'Ann Agent',
        ], $body);

        // Another user logged in: their own account, whatever the request asks for.
        [, $other] = $this->dispatch(self::agent([
            'user_id' => '43',
            'firstname' => 'Bob',
            'lastname' => 'Other',
            AgentFieldsApplier::FIELD_SIP_USERNAME => '1002',
            AgentFieldsApplier::FIELD_SIP_PASSWORD => (new PrefixEncryptor())->encrypt('bob pass'),
        ]), self::SOFTPHONE, ['form_key' => 'k', 'user_id' => '42', 'username' => '1001']);
        self::assertSame('sip:1002@sip.example.com', $other['uri']);
        self::assertSame('bob pass', $other['password']);
        self::assertSame('Bob Other', $other['displayName']);
    }

    public function testNoUserIs403(): void
    {
        [$status, $body] = $this->dispatch(null);
        self::assertSame(403, $status);
        self::assertSame('not_logged_in', $body['error']['code']);
        self::assertArrayNotHasKey('password', $body);
    }

    public function testDeskModeIs409(): void
    {
        [$status, $body] = $this->dispatch(self::agent(), [Config::XML_PATH_MODE => Config::MODE_DESK] + self::SOFTPHONE);
        self::assertSame(409, $status);
        self::assertSame('not_softphone', $body['error']['code']);
    }

    public function testMissingOrInvalidWebSocketUrlIs503(): void
    {
        foreach (['', 'https://sip.example.com/ws', 'not a url'] as $url) {
            [$status, $body] = $this->dispatch(self::agent(), [Config::XML_PATH_SOFTPHONE_WS_URL => $url] + self::SOFTPHONE);
            self::assertSame(503, $status, $url);
            self::assertSame('not_configured', $body['error']['code']);
        }
    }

    public function testUserWithoutSoftphoneAccountIs409(): void
    {
        foreach ([[AgentFieldsApplier::FIELD_SIP_USERNAME => ''], [AgentFieldsApplier::FIELD_SIP_PASSWORD => '']] as $data) {
            [$status, $body] = $this->dispatch(self::agent($data));
            self::assertSame(409, $status);
            self::assertSame('no_credentials', $body['error']['code']);
            self::assertArrayNotHasKey('password', $body);
        }
    }
}
