<?php

declare(strict_types=1);

namespace Magento\Framework\Model;

use Magento\Framework\DataObject;

/**
 * Stand-in for Magento's AbstractModel: the id accessors and the original (loaded) data, which
 * Magento's resource model sets with setOrigData() after a load.
 */
abstract class AbstractModel extends DataObject
{
    protected $_idFieldName = 'id';

    protected $_origData;

    public function getOrigData($key = null)
    {
        if ($key === null) {
            return $this->_origData;
        }
        return $this->_origData[$key] ?? null;
    }

    public function setOrigData($key = null, $data = null)
    {
        if ($key === null) {
            $this->_origData = $this->_data;
        } else {
            $this->_origData[$key] = $data;
        }
        return $this;
    }

    public function dataHasChangedFor($field)
    {
        return $this->getData($field) != $this->getOrigData($field);
    }

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
