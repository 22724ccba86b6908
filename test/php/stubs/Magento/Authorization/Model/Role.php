<?php

declare(strict_types=1);

namespace Magento\Authorization\Model;

use Magento\Framework\DataObject;

/**
 * Stand-in for an admin role: its users, as the role resource model answers (ids by role id).
 */
class Role extends DataObject
{
    /**
     * @param array<int, int[]> $usersByRole
     */
    public function __construct(private array $usersByRole = [])
    {
        parent::__construct();
    }

    /**
     * @param mixed $value
     * @return $this
     */
    public function setId($value)
    {
        return $this->setData('role_id', $value);
    }

    /**
     * @return int[]
     */
    public function getRoleUsers()
    {
        return $this->usersByRole[(int)$this->getData('role_id')] ?? [];
    }
}
