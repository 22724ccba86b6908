<?php

declare(strict_types=1);

namespace Magento\Backend\Model;

/**
 * Stand-in for Magento's backend Auth: who is signed in, and logout (the session forgets the user).
 */
class Auth
{
    /**
     * @param \Magento\User\Model\User|null $user
     */
    public function __construct(private $user = null)
    {
    }

    /**
     * @return \Magento\User\Model\User|null
     */
    public function getUser()
    {
        return $this->user;
    }

    /**
     * @return void
     */
    public function logout()
    {
        $this->user = null;
    }
}
