<?php

declare(strict_types=1);

namespace Magento\Sales\Model\Order;

use Magento\Framework\DataObject;

/**
 * Stand-in for an order address (sales_order_address row).
 */
class Address extends DataObject
{
    public function getTelephone()
    {
        return $this->getData('telephone');
    }
}
