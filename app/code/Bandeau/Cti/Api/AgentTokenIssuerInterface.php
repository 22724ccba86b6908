<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\AgentTokenInterface;
use Bandeau\Cti\Exception\AgentTokenException;
use Magento\User\Model\User;

/**
 * Mints the token an admin user's browser presents to the Bandeau bridge.
 *
 * @api
 */
interface AgentTokenIssuerInterface
{
    public const ISSUER = 'bandeau-magento';
    public const AUDIENCE = 'bandeau-bridge';

    /**
     * Mints a token for the given admin user, with the permissions of the current ACL context.
     *
     * @param User $user
     * @throws AgentTokenException when the user has no extension or no phone bar permission,
     *                             or the shared secret is not configured
     */
    public function issue(User $user): AgentTokenInterface;
}
