<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\AgentTokenIssuerInterface;
use Bandeau\Cti\Api\Data\AgentTokenInterface;
use Bandeau\Cti\Exception\AgentTokenException;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Model\Bridge\TokenIdClock;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Firebase\JWT\JWT;
use Magento\User\Model\User;

/**
 * Mints HS256 agent tokens that the Node bridge verifies (see bridge/src/auth/agentToken.ts).
 */
class AgentTokenIssuer implements AgentTokenIssuerInterface
{
    /**
     * @param Config $config
     * @param Permissions $permissions
     * @param AgentProfile $agentProfile
     * @param ClockInterface $clock
     * @param ExtensionRule $extensionRule
     * @param TokenIdClock $tokenIds
     */
    public function __construct(
        private Config $config,
        private Permissions $permissions,
        private AgentProfile $agentProfile,
        private ClockInterface $clock,
        private ExtensionRule $extensionRule,
        private TokenIdClock $tokenIds
    ) {
    }

    /**
     * Signs a token for the user with their extension and permissions, or says why it cannot.
     *
     * @param User $user
     * @return AgentTokenInterface
     */
    public function issue(User $user): AgentTokenInterface
    {
        $userId = (int)$user->getId();
        if ($userId <= 0) {
            throw new AgentTokenException(
                AgentTokenException::NOT_LOGGED_IN,
                __('No admin user is logged in.')
            );
        }
        $secret = $this->config->getSharedSecret();
        if ($secret === '') {
            throw new AgentTokenException(
                AgentTokenException::NOT_CONFIGURED,
                __('The Bandeau shared secret is not configured (Stores > Configuration > Bandeau).')
            );
        }
        if (strlen($secret) < Config::MIN_SECRET_LENGTH) {
            throw new AgentTokenException(
                AgentTokenException::NOT_CONFIGURED,
                __('The Bandeau shared secret must be at least %1 characters long.', Config::MIN_SECRET_LENGTH)
            );
        }
        $permissions = $this->permissions->granted();
        if (!in_array(Permissions::PHONE_BAR, $permissions, true)) {
            throw new AgentTokenException(
                AgentTokenException::FORBIDDEN,
                __('Your role does not allow you to use the phone bar.')
            );
        }
        if (trim((string)$user->getData(AgentProfile::FIELD_EXTENSION)) === '') {
            throw new AgentTokenException(
                AgentTokenException::NO_EXTENSION,
                __('No phone extension is set for your admin user.')
            );
        }
        // The bridge trusts this extension: a value stored before the pattern existed is not sent.
        $extension = $this->agentProfile->getExtension($user);
        if ($extension === null || !$this->extensionRule->allows($extension)) {
            throw new AgentTokenException(
                AgentTokenException::INVALID_EXTENSION,
                __('Your phone extension is not one agents may have: ask an administrator to correct it.')
            );
        }

        $issuedAt = $this->clock->now();
        $expiresAt = $issuedAt + $this->config->getTokenTtl();
        $claims = [
            'iss' => self::ISSUER,
            'aud' => self::AUDIENCE,
            'sub' => (string)$userId,
            'name' => $this->agentProfile->getDisplayName($user),
            'ext' => $extension,
            'perms' => $permissions,
            // What the agent may dial besides outside numbers: the bridge enforces it (phone/dialRules.ts).
            'dial' => [
                'ext' => $this->config->getExtensionPattern(),
                'feat' => $this->config->getFeatureCodePattern(),
            ],
            // Grows with each token: the bridge refuses older ones and those Magento revoked (logout).
            'tid' => $this->tokenIds->next(),
            'iat' => $issuedAt,
            'exp' => $expiresAt,
            'jti' => bin2hex(random_bytes(16)),
        ];
        $token = JWT::encode($claims, $secret, 'HS256');
        return new AgentToken($token, $expiresAt, $claims);
    }
}
