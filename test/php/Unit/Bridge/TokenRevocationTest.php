<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Bridge;

use Bandeau\Cti\Model\Bridge\BridgeNotifier;
use Bandeau\Cti\Model\Bridge\RevocationTransportInterface;
use Bandeau\Cti\Model\Bridge\TokenIdClock;
use Bandeau\Cti\Model\Bridge\TokenRevoker;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Observer\RevokeTokensOnUserChange;
use Bandeau\Cti\Plugin\Backend\RevokeTokensOnLogoutPlugin;
use Bandeau\Cti\Plugin\Backend\RevokeTokensOnRoleRulesPlugin;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Authorization\Model\RoleFactory;
use Magento\Authorization\Model\Rules;
use Magento\Backend\Model\Auth;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\User\Model\User;
use PHPUnit\Framework\TestCase;
use Psr\Log\AbstractLogger;

/**
 * Issue 14, finding 9: Magento tells the bridge to revoke a user's agent tokens (logout, user or
 * role change) with a signed POST; a bridge that cannot be reached never breaks the logout.
 */
class TokenRevocationTest extends TestCase
{
    private const NOW = 1_790_000_000;

    /** @var array<int, array{url: string, body: string, headers: array<string, string>}> */
    private array $sent = [];

    /** @var array<int, array{level: string, message: string, context: array<string, mixed>}> */
    private array $logged = [];

    public function testTheRevocationIsSignedWithTheSharedSecretAndCarriesANotBeforeTokenId(): void
    {
        $before = (new TokenIdClock())->next();
        self::assertTrue($this->revoker()->revoke(12, TokenRevoker::REASON_LOGOUT));
        self::assertCount(1, $this->sent);
        $request = $this->sent[0];
        self::assertSame('http://127.0.0.1:8789/revoke', $request['url']);
        $body = json_decode($request['body'], true);
        self::assertSame(['userId', 'notBefore', 'reason', 'ts'], array_keys($body));
        self::assertSame(12, $body['userId']);
        self::assertSame('logout', $body['reason']);
        self::assertSame(self::NOW, $body['ts']);
        self::assertGreaterThan($before, $body['notBefore']);
        self::assertSame(
            'sha256=' . hash_hmac('sha256', $request['body'], Builders::SECRET),
            $request['headers'][TokenRevoker::SIGNATURE_HEADER]
        );
        self::assertSame('application/json', $request['headers']['Content-Type']);
    }

    public function testTokensMintedBeforeTheRevocationHaveLowerIdsAndLaterOnesHigher(): void
    {
        $issuer = Builders::issuer();
        $user = Builders::user(['user_id' => 12, 'bandeau_extension' => '7012']);
        $old = $this->tid($issuer->issue($user)->getToken());
        $this->revoker()->revoke(12, TokenRevoker::REASON_LOGOUT);
        $notBefore = json_decode($this->sent[0]['body'], true)['notBefore'];
        $fresh = $this->tid($issuer->issue($user)->getToken());
        self::assertLessThan($notBefore, $old);
        self::assertGreaterThanOrEqual($notBefore, $fresh);
    }

    public function testAnUnreachableOrRefusingBridgeIsLoggedAndNeverThrown(): void
    {
        $down = $this->revoker(function (): int {
            throw new \RuntimeException('Connection refused');
        });
        self::assertFalse($down->revoke(12, TokenRevoker::REASON_LOGOUT));
        self::assertSame('warning', $this->logged[0]['level']);
        self::assertSame('Connection refused', $this->logged[0]['context']['error']);
        $refusing = $this->revoker(fn (): int => 401);
        self::assertFalse($refusing->revoke(12, TokenRevoker::REASON_LOGOUT));
        self::assertSame(401, $this->logged[1]['context']['status']);
    }

    public function testNothingIsSentWithoutAnAdminUrlOrASecret(): void
    {
        self::assertFalse($this->revoker(null, [Config::XML_PATH_BRIDGE_ADMIN_URL => ''])->revoke(12, 'logout'));
        self::assertFalse($this->revoker(null, [Config::XML_PATH_SHARED_SECRET => ''])->revoke(12, 'logout'));
        self::assertSame([], $this->sent);
    }

    public function testLogoutRevokesTheUserWhoSignedOutAndTheLogoutCompletesWhenTheBridgeIsDown(): void
    {
        $plugin = new RevokeTokensOnLogoutPlugin($this->revoker());
        $auth = new Auth(Builders::user(['user_id' => 12, 'bandeau_extension' => '7012']));
        $this->logout($plugin, $auth);
        self::assertNull($auth->getUser());
        self::assertSame(12, json_decode($this->sent[0]['body'], true)['userId']);

        $plugin = new RevokeTokensOnLogoutPlugin($this->revoker(function (): int {
            throw new \RuntimeException('timed out');
        }));
        $auth = new Auth(Builders::user(['user_id' => 13, 'bandeau_extension' => '7013']));
        $this->logout($plugin, $auth);
        self::assertNull($auth->getUser());
        self::assertCount(1, $this->logged);

        // Nobody signed in: nothing to revoke.
        $this->sent = [];
        $this->logout(new RevokeTokensOnLogoutPlugin($this->revoker()), new Auth(null));
        self::assertSame([], $this->sent);
    }

    public function testAUserWhoseExtensionRoleOrActiveFlagChangedIsRevokedOtherSavesAreNot(): void
    {
        $observer = new RevokeTokensOnUserChange($this->revoker());
        $saved = function (array $changes) use ($observer): void {
            $user = Builders::user(['user_id' => 12, 'bandeau_extension' => '7012', 'is_active' => '1']);
            $user->setOrigData();
            foreach ($changes as $field => $value) {
                $user->setData($field, $value);
            }
            $observer->execute(new Observer(['event' => new Event(['object' => $user])]));
        };
        $saved(['firstname' => 'Ann', 'extra' => 'x']);
        self::assertSame([], $this->sent);
        $saved(['bandeau_extension' => '7099']);
        $saved(['bandeau_extension' => null]);
        $saved(['is_active' => '0']);
        $saved(['role_id' => 3]);
        self::assertCount(4, $this->sent);
        self::assertSame('user_changed', json_decode($this->sent[0]['body'], true)['reason']);
        // A deleted user's tokens go at once.
        $deleted = Builders::user(['user_id' => 15, 'bandeau_extension' => '7015']);
        $observer->execute(new Observer(['event' => new Event(['name' => 'admin_user_delete_after', 'object' => $deleted])]));
        self::assertSame(15, json_decode($this->sent[4]['body'], true)['userId']);
        // A new user (no stored row yet) has no token to revoke.
        $this->sent = [];
        $new = Builders::user(['user_id' => 14, 'bandeau_extension' => '7014']);
        $observer->execute(new Observer(['event' => new Event(['object' => $new])]));
        self::assertSame([], $this->sent);
    }

    public function testARoleWhoseResourcesChangedRevokesEachOfItsUsersAndStopsWhenTheBridgeIsDown(): void
    {
        $plugin = new RevokeTokensOnRoleRulesPlugin(new RoleFactory([3 => [12, 13], 4 => [20, 21]]), $this->revoker());
        $rules = new Rules(['role_id' => 3]);
        self::assertSame($rules, $plugin->afterSaveRel($rules, $rules->saveRel()));
        self::assertSame([12, 13], array_map(fn ($r) => json_decode($r['body'], true)['userId'], $this->sent));
        self::assertSame('role_changed', json_decode($this->sent[0]['body'], true)['reason']);

        $calls = 0;
        $down = new RevokeTokensOnRoleRulesPlugin(new RoleFactory([4 => [20, 21]]), $this->revoker(function () use (&$calls): int {
            $calls++;
            throw new \RuntimeException('Connection refused');
        }));
        $rules = new Rules(['role_id' => 4]);
        self::assertSame($rules, $down->afterSaveRel($rules, $rules));
        self::assertSame(1, $calls);
    }

    /**
     * The plugin around Auth::logout as Magento's interceptor runs it.
     */
    private function logout(RevokeTokensOnLogoutPlugin $plugin, Auth $auth): void
    {
        $plugin->beforeLogout($auth);
        $result = $auth->logout();
        $plugin->afterLogout($auth, $result);
    }

    private function tid(string $token): int
    {
        // The claims as the bridge reads them (its own test checks the signature).
        $payload = explode('.', $token)[1];
        return (int)json_decode((string)base64_decode(strtr($payload, '-_', '+/')), true)['tid'];
    }

    /**
     * @param (callable(string, string, array<string, string>): int)|null $answer
     * @param array<string, string> $config
     */
    private function revoker(?callable $answer = null, array $config = []): TokenRevoker
    {
        $transport = new class ($this->sent, $answer) implements RevocationTransportInterface {
            /** @var callable|null */
            private $answer;

            public function __construct(private array &$sent, ?callable $answer)
            {
                $this->answer = $answer;
            }

            public function post(string $url, string $body, array $headers): int
            {
                $this->sent[] = ['url' => $url, 'body' => $body, 'headers' => $headers];
                return $this->answer ? ($this->answer)($url, $body, $headers) : 200;
            }
        };
        $logger = new class ($this->logged) extends AbstractLogger {
            public function __construct(private array &$logged)
            {
            }

            public function log($level, $message, array $context = []): void
            {
                $this->logged[] = ['level' => (string)$level, 'message' => (string)$message, 'context' => $context];
            }
        };
        $scopeConfig = Builders::scopeConfig(array_merge([Config::XML_PATH_BRIDGE_ADMIN_URL => 'http://127.0.0.1:8789/'], $config));
        return new TokenRevoker(new TokenIdClock(), new FixedClock(self::NOW), new BridgeNotifier(Builders::configFrom($scopeConfig), $transport), $logger);
    }
}
