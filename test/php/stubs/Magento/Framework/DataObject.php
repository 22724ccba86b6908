<?php

declare(strict_types=1);

namespace Magento\Framework;

/**
 * Stand-in for Magento's DataObject: keyed data, no magic accessors.
 */
class DataObject
{
    protected $_data;

    public function __construct(array $data = [])
    {
        $this->_data = $data;
    }

    public function addData(array $arr)
    {
        foreach ($arr as $index => $value) {
            $this->setData($index, $value);
        }
        return $this;
    }

    public function setData($key, $value = null)
    {
        if ($key === (array)$key) {
            $this->_data = $key;
        } else {
            $this->_data[$key] = $value;
        }
        return $this;
    }

    public function getData($key = '', $index = null)
    {
        if ('' === $key) {
            return $this->_data;
        }
        return $this->_data[$key] ?? null;
    }

    public function hasData($key = '')
    {
        if (empty($key) || !is_string($key)) {
            return !empty($this->_data);
        }
        return array_key_exists($key, $this->_data);
    }

    public function unsetData($key = null)
    {
        if ($key === null) {
            $this->setData([]);
        } else {
            unset($this->_data[$key]);
        }
        return $this;
    }
}
