<?php

declare(strict_types=1);

namespace Magento\Backend\Model\Auth;

use Magento\User\Model\User;

/**
 * Stand-in for the admin auth session (real getUser() is a magic session getter).
 */
class Session
{
    private ?User $user = null;

    public function isLoggedIn()
    {
        return $this->user !== null && $this->user->getId() !== null;
    }

    /**
     * @return User|null
     */
    public function getUser()
    {
        return $this->user;
    }

    public function setUser($user)
    {
        $this->user = $user;
        return $this;
    }
}
