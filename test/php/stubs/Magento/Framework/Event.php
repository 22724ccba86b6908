<?php

declare(strict_types=1);

namespace Magento\Framework;

/**
 * Stand-in for an event: its data (e.g. data_object) and name.
 */
class Event extends DataObject
{
    public function getName()
    {
        return $this->getData('name');
    }
}
