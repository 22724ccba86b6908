<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Backend;

use Bandeau\Cti\Model\Bridge\TokenRevoker;
use Magento\Backend\Model\Auth;

/**
 * Admin logout (Magento dispatches no event for it): once the session is gone, the bridge drops
 * the user's phone bar sockets, and the bar cannot get a new token without signing in again.
 */
class RevokeTokensOnLogoutPlugin
{
    /**
     * @var int
     */
    private int $userId = 0;

    /**
     * @param TokenRevoker $revoker
     */
    public function __construct(
        private TokenRevoker $revoker
    ) {
    }

    /**
     * Remembers who is signing out (the session forgets it).
     *
     * @param Auth $subject
     * @return null
     */
    public function beforeLogout(Auth $subject)
    {
        $user = $subject->getUser();
        $this->userId = $user ? (int)$user->getId() : 0;
        return null;
    }

    /**
     * Revokes that user's agent tokens; a failure is logged by the revoker, never thrown.
     *
     * @param Auth $subject
     * @param mixed $result
     * @return mixed
     * @SuppressWarnings(PHPMD.UnusedFormalParameter)
     */
    public function afterLogout(Auth $subject, $result)
    {
        $userId = $this->userId;
        $this->userId = 0;
        if ($userId > 0) {
            $this->revoker->revoke($userId, TokenRevoker::REASON_LOGOUT);
        }
        return $result;
    }
}
