<?php

declare(strict_types=1);

namespace Magento\User\Model;

use Magento\Framework\Model\AbstractModel;

/**
 * Stand-in for the admin user model: admin_user row data and its named getters.
 */
class User extends AbstractModel
{
    protected $_idFieldName = 'user_id';

    public function getFirstName()
    {
        return $this->_getData('firstname');
    }

    public function getLastName()
    {
        return $this->_getData('lastname');
    }

    public function getEmail()
    {
        return $this->_getData('email');
    }

    public function getUserName()
    {
        return $this->_getData('username');
    }

    public function getName($separator = ' ')
    {
        return $this->getFirstName() . $separator . $this->getLastName();
    }
}
