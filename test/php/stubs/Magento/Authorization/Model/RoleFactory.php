<?php

declare(strict_types=1);

namespace Magento\Authorization\Model;

/**
 * Stand-in for the generated factory.
 */
class RoleFactory
{
    /**
     * @param array<int, int[]> $usersByRole
     */
    public function __construct(private array $usersByRole = [])
    {
    }

    /**
     * @return Role
     */
    public function create()
    {
        return new Role($this->usersByRole);
    }
}
