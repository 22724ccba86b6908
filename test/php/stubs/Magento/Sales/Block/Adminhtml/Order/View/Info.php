<?php

declare(strict_types=1);

namespace Magento\Sales\Block\Adminhtml\Order\View;

use Magento\Framework\DataObject;
use Magento\Framework\Exception\LocalizedException;
use Magento\Sales\Model\Order;

/**
 * Stand-in for the block of the admin order view's "Order & Account Information" and "Address
 * Information" sections (also on invoice, shipment and credit memo views). Magento's template
 * prints each address through Escaper::escapeHtml() with b, br, em, i, li, ol, p, strong, sub, sup
 * and ul allowed: any <a> the address renderer produced is reduced to its text.
 */
class Info extends DataObject
{
    public function getOrder()
    {
        $order = $this->getData('order');
        if (!$order instanceof Order) {
            throw new LocalizedException(__('We can\'t get the order instance right now.'));
        }
        return $order;
    }

    public function toHtml()
    {
        return (string)$this->getData('html');
    }
}
