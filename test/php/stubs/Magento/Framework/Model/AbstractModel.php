<?php

declare(strict_types=1);

namespace Magento\Framework\Model;

use Magento\Framework\DataObject;

/**
 * Stand-in for Magento's AbstractModel: only the id accessors.
 */
abstract class AbstractModel extends DataObject
{
    protected $_idFieldName = 'id';

    public function getId()
    {
        return $this->_getData($this->_idFieldName);
    }

    public function setId($value)
    {
        $this->setData($this->_idFieldName, $value);
        return $this;
    }

    public function getIdFieldName()
    {
        return $this->_idFieldName;
    }

    protected function _getData($key)
    {
        return $this->_data[$key] ?? null;
    }
}
