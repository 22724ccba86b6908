<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\AuthorizationInterface;

/**
 * Who may set admin users' extensions and softphone (SIP) accounts: the bridge trusts the
 * extension in the agent token for which calls an agent sees and controls, so it is not self-service.
 */
class AgentAdministration
{
    /** "Phone agents (extensions and SIP accounts)" under Bandeau CTI (etc/acl.xml). */
    public const RESOURCE_AGENTS = 'Bandeau_Cti::agents';
    /** Magento's System > Permissions > All Users, which the user form itself requires. */
    public const RESOURCE_USERS = 'Magento_User::acl_users';

    /**
     * @param AuthorizationInterface $authorization
     */
    public function __construct(private AuthorizationInterface $authorization)
    {
    }

    /**
     * Whether the logged-in admin user may set extensions and softphone accounts of admin users.
     *
     * @return bool
     */
    public function mayManageAgents(): bool
    {
        return (bool)$this->authorization->isAllowed(self::RESOURCE_AGENTS)
            || (bool)$this->authorization->isAllowed(self::RESOURCE_USERS);
    }
}
