<?php

declare(strict_types=1);

namespace Magento\Sales\Model;

use Magento\Framework\DataObject;
use Magento\Sales\Model\Order\Address;

/**
 * Stand-in for a sales order: its billing and (for physical goods) shipping address.
 */
class Order extends DataObject
{
    public function getBillingAddress()
    {
        $address = $this->getData('billing_address');
        return $address instanceof Address ? $address : null;
    }

    public function getShippingAddress()
    {
        $address = $this->getData('shipping_address');
        return $address instanceof Address ? $address : null;
    }
}
