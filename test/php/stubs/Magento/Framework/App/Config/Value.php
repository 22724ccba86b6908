<?php

/**
 * Stand-in for Magento\Framework\App\Config\Value: a configuration value with its path, as the
 * backend models of Stores > Configuration receive it; beforeSave() does nothing by itself.
 */

declare(strict_types=1);

namespace Magento\Framework\App\Config;

use Magento\Framework\Model\AbstractModel;

class Value extends AbstractModel
{
    public function getValue()
    {
        return $this->getData('value');
    }

    public function setValue($value)
    {
        return $this->setData('value', $value);
    }

    public function getPath()
    {
        return $this->getData('path');
    }

    public function setPath($path)
    {
        return $this->setData('path', $path);
    }

    public function beforeSave()
    {
        return $this;
    }

    public function afterLoad()
    {
        $this->_afterLoad();
        return $this;
    }

    protected function _afterLoad()
    {
    }
}
