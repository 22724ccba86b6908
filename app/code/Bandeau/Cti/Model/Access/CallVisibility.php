<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Access;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Permissions;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\AuthorizationInterface;

/**
 * Which calls the logged-in admin user may see: every call with both "manage customers" and
 * "see all calls", else only the calls the agent was party to (its user id or its extension on
 * the call record). The one rule of the Calls tab, the order section, the grid and its export.
 */
class CallVisibility
{
    public const RESOURCE_CUSTOMERS = 'Magento_Customer::manage';

    /**
     * @param AuthorizationInterface $authorization
     * @param AuthSession $authSession
     * @param AgentProfile $agentProfile
     */
    public function __construct(
        private AuthorizationInterface $authorization,
        private AuthSession $authSession,
        private AgentProfile $agentProfile
    ) {
    }

    /**
     * Whether the admin user may see every call (and export a customer's calls).
     *
     * @return bool
     */
    public function seesAllCalls(): bool
    {
        return (bool)$this->authorization->isAllowed(self::RESOURCE_CUSTOMERS)
            && (bool)$this->authorization->isAllowed(Permissions::RESOURCE_ALL_CALLS);
    }

    /**
     * The logged-in admin user's id, 0 when none.
     *
     * @return int
     */
    public function userId(): int
    {
        $user = $this->authSession->getUser();
        return $user === null ? 0 : (int)$user->getId();
    }

    /**
     * The logged-in admin user's extension, null when none.
     *
     * @return string|null
     */
    public function extension(): ?string
    {
        $user = $this->authSession->getUser();
        return $user === null ? null : $this->agentProfile->getExtension($user);
    }

    /**
     * The restriction to apply to a call query: null for none, else the agent's user id and extension.
     *
     * @return array{user_id: int, extension: string|null}|null
     */
    public function restriction(): ?array
    {
        return $this->seesAllCalls() ? null : ['user_id' => $this->userId(), 'extension' => $this->extension()];
    }
}
