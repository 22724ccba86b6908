<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Backend;

use Bandeau\Cti\Model\Bridge\TokenRevoker;
use Magento\Authorization\Model\RoleFactory;
use Magento\Authorization\Model\Rules;

/**
 * A role's resources were saved (User Roles > Role Resources): every user of the role gets their
 * agent tokens revoked, so the bar reconnects with the new rights (or not at all).
 */
class RevokeTokensOnRoleRulesPlugin
{
    /**
     * @param RoleFactory $roleFactory
     * @param TokenRevoker $revoker
     */
    public function __construct(
        private RoleFactory $roleFactory,
        private TokenRevoker $revoker
    ) {
    }

    /**
     * Revokes the tokens of the role's users after its rules are stored; never throws.
     *
     * @param Rules $subject
     * @param mixed $result
     * @return mixed
     */
    public function afterSaveRel(Rules $subject, $result)
    {
        $roleId = (int)$subject->getRoleId();
        if ($roleId <= 0) {
            return $result;
        }
        try {
            $role = $this->roleFactory->create();
            $role->setId($roleId);
            $userIds = (array)$role->getRoleUsers();
        } catch (\Exception $e) {
            return $result;
        }
        foreach ($userIds as $userId) {
            // A bridge that cannot be reached once will not be for the next user either.
            if (!$this->revoker->revoke((int)$userId, TokenRevoker::REASON_ROLE_CHANGED)) {
                break;
            }
        }
        return $result;
    }
}
