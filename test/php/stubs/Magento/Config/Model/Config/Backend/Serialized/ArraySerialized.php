<?php

/**
 * Stand-in for Magento\Config\Model\Config\Backend\Serialized\ArraySerialized: drops the dynamic
 * rows table's "__empty" marker row, then serialises.
 */

declare(strict_types=1);

namespace Magento\Config\Model\Config\Backend\Serialized;

use Magento\Config\Model\Config\Backend\Serialized;

class ArraySerialized extends Serialized
{
    public function beforeSave()
    {
        $value = $this->getValue();
        if (is_array($value)) {
            unset($value['__empty']);
        }
        $this->setValue($value);
        return parent::beforeSave();
    }
}
