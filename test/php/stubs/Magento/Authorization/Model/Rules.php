<?php

declare(strict_types=1);

namespace Magento\Authorization\Model;

use Magento\Framework\DataObject;

/**
 * Stand-in for a role's resource rules (role_id, saveRel()).
 */
class Rules extends DataObject
{
    /**
     * @return int|string|null
     */
    public function getRoleId()
    {
        return $this->getData('role_id');
    }

    /**
     * @return $this
     */
    public function saveRel()
    {
        return $this;
    }
}
