<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element;

use Magento\Framework\DataObject;

/**
 * Stand-in for the template block: layout arguments are its data.
 */
class Template extends DataObject
{
    public function getTemplate()
    {
        return $this->getData('template');
    }
}
