<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Magento\Framework\Event;

/**
 * sales_order_shipment_save_commit_after: a shipment makes its order shipped and becomes the last
 * shipment of the order's numbers and its customer's.
 */
class RoutingShipmentSaved extends RoutingCacheObserver
{
    /**
     * @inheritdoc
     */
    protected function changes(Event $event): array
    {
        $shipment = $this->saved($event, 'shipment');
        $orderId = $shipment === null ? 0 : (int)$shipment->getData('order_id');
        return [$orderId > 0 ? $this->numbers->ofOrder($orderId) : [], false];
    }
}
