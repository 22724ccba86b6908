<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Bridge\TokenRevoker;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\User\Model\User;

/**
 * admin_user_save_after: a user whose extension, SIP account, role or active flag changed gets
 * their agent tokens revoked, so the bar reconnects with a token of the new rights (or not at all).
 * admin_user_delete_after: a deleted user's tokens are revoked at once.
 */
class RevokeTokensOnUserChange implements ObserverInterface
{
    private const DELETE_EVENT = 'admin_user_delete_after';

    /** Fields whose change makes the user's current tokens wrong. */
    private const WATCHED = [
        AgentProfile::FIELD_EXTENSION,
        'bandeau_sip_username',
        'is_active',
        'role_id',
    ];

    /**
     * @param TokenRevoker $revoker
     */
    public function __construct(
        private TokenRevoker $revoker
    ) {
    }

    /**
     * Revokes when a watched field changed on an existing user; never throws.
     *
     * @param Observer $observer
     * @return void
     */
    public function execute(Observer $observer)
    {
        $event = $observer->getEvent();
        $user = $event->getData('object');
        if (!$user instanceof User || (int)$user->getId() <= 0) {
            return;
        }
        if ($event->getName() === self::DELETE_EVENT) {
            $this->revoker->revoke((int)$user->getId(), TokenRevoker::REASON_USER_CHANGED);
            return;
        }
        if ($user->getOrigData('user_id') === null) {
            return;
        }
        foreach (self::WATCHED as $field) {
            if ($user->hasData($field) && $user->dataHasChangedFor($field)) {
                $this->revoker->revoke((int)$user->getId(), TokenRevoker::REASON_USER_CHANGED);
                return;
            }
        }
    }
}
