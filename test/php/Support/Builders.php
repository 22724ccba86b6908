<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Model\AgentTokenIssuer;
use Bandeau\Cti\Model\Bridge\TokenIdClock;
use Bandeau\Cti\Model\BridgeUrl;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Call\CallSearchQuery;
use Bandeau\Cti\Model\Call\CallValidator;
use Bandeau\Cti\Model\Access\CallParticipation;
use Bandeau\Cti\Model\CallerLookup;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Lookup\CallerCustomerDetails;
use Bandeau\Cti\Model\Lookup\CustomerCardQuery;
use Bandeau\Cti\Model\Lookup\OrderStatusLabels;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Bandeau\Cti\Model\Privacy\DataSubjectCalls;
use Bandeau\Cti\Model\Privacy\PartyNumber;
use Bandeau\Cti\Model\Privacy\Pseudonym;
use Bandeau\Cti\Model\Privacy\RetentionMode;
use Bandeau\Cti\Model\UrlParser;
use Magento\Framework\App\ResourceConnection;
use Magento\Sales\Model\Order\Config as OrderConfig;
use Magento\User\Model\User;

/**
 * Builds the module's objects with stand-in collaborators.
 */
final class Builders
{
    public const SECRET = 'test-secret-0123456789abcdef0123456789';
    public const NOW = 1700000000;

    /**
     * Configuration as stored by the admin form (the secret encrypted); $overrides are values as
     * the merchant types them, saved through the same backend models.
     */
    public static function scopeConfig(array $overrides = []): ArrayScopeConfig
    {
        $config = new ArrayScopeConfig();
        $values = array_merge([
            Config::XML_PATH_BRIDGE_URL => 'https://cti.example.com:8443/',
            Config::XML_PATH_SHARED_SECRET => self::SECRET,
            Config::XML_PATH_TOKEN_TTL => '900',
        ], $overrides);
        foreach ($values as $path => $value) {
            $config->set($path, $value);
        }
        return $config;
    }

    public static function config(array $overrides = []): Config
    {
        return self::configFrom(self::scopeConfig($overrides));
    }

    public static function configFrom(ArrayScopeConfig $scopeConfig): Config
    {
        return new Config($scopeConfig, self::bridgeUrl(), new UrlParser());
    }

    /**
     * The REST caller lookup on the test database; order statuses named by $statusLabels (code => label),
     * money in FixedMoneyFormatter's en_US style.
     */
    public static function callerLookup(ResourceConnection $resource, Config $config, array $statusLabels = []): CallerLookup
    {
        return new CallerLookup($resource, new PhoneNormaliser(), $config, new CallerCustomerDetails(
            new CustomerCardQuery($resource),
            new OrderStatusLabels(new OrderConfig($statusLabels)),
            new FixedMoneyFormatter()
        ));
    }

    /** The call log's repository on the test database. */
    public static function callRepository(ResourceConnection $resource): CallRepository
    {
        return new CallRepository(
            $resource,
            new CallMapper(),
            self::callValidator(),
            self::callSearchQuery(),
            self::partyNumber($resource)
        );
    }

    /** The bridge's upsert on the test database, its clock at $now. */
    public static function callManagement(ResourceConnection $resource, CallRepository $repository, int $now = self::NOW): CallManagement
    {
        return new CallManagement(
            $repository,
            self::callValidator(),
            $resource,
            new FixedClock($now),
            new CallMapper(),
            new CallParticipation($resource, new AgentProfile())
        );
    }

    public static function bridgeUrl(): BridgeUrl
    {
        return new BridgeUrl(new UrlParser());
    }

    public static function callValidator(): CallValidator
    {
        return new CallValidator(new CallMapper(), new AgentProfile(), new UrlParser());
    }

    public static function callSearchQuery(): CallSearchQuery
    {
        return new CallSearchQuery(new CallMapper());
    }

    /** The outside number in E.164 for bandeau_call.party_key (default country from $overrides, else US). */
    public static function partyNumber(ResourceConnection $resource, array $overrides = []): PartyNumber
    {
        return new PartyNumber($resource, new PhoneNormaliser(), self::config($overrides));
    }

    public static function pseudonym(array $overrides = []): Pseudonym
    {
        $scopeConfig = self::scopeConfig($overrides);
        return new Pseudonym(new RetentionMode($scopeConfig, self::configFrom($scopeConfig)));
    }

    /** A data subject's calls (erasure and access export). */
    public static function dataSubjectCalls(ResourceConnection $resource, array $overrides = []): DataSubjectCalls
    {
        return new DataSubjectCalls($resource, new CallMapper(), self::pseudonym($overrides));
    }

    /** Retention and erasure, with the configuration $overrides at the time $now. */
    public static function callAnonymiser(ResourceConnection $resource, array $overrides = [], int $now = self::NOW): CallAnonymiser
    {
        $scopeConfig = self::scopeConfig($overrides);
        $config = self::configFrom($scopeConfig);
        $mode = new RetentionMode($scopeConfig, $config);
        return new CallAnonymiser(
            $resource,
            $config,
            new FixedClock($now),
            new DataSubjectCalls($resource, new CallMapper(), new Pseudonym($mode)),
            $mode,
            new Pseudonym($mode)
        );
    }

    /**
     * @param string[] $permissions token permissions (phone_bar, dial, ...) the role grants
     */
    public static function authorization(array $permissions = ['phone_bar', 'dial']): StaticAuthorization
    {
        return new StaticAuthorization(array_map(static fn ($p) => Permissions::MAP[$p], $permissions));
    }

    public static function user(array $data = []): User
    {
        return new User(array_merge([
            'user_id' => '42',
            'firstname' => 'Ann',
            'lastname' => 'Agent',
            'username' => 'ann',
            AgentProfile::FIELD_EXTENSION => '1001',
        ], $data));
    }

    public static function issuer(
        array $configOverrides = [],
        array $permissions = ['phone_bar', 'dial'],
        int $now = self::NOW
    ): AgentTokenIssuer {
        $scopeConfig = self::scopeConfig($configOverrides);
        return new AgentTokenIssuer(
            self::configFrom($scopeConfig),
            new Permissions(self::authorization($permissions)),
            new AgentProfile(),
            new FixedClock($now),
            new ExtensionRule($scopeConfig, new AgentProfile()),
            new TokenIdClock()
        );
    }
}
