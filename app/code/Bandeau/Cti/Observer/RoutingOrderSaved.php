<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Magento\Framework\Event;

/**
 * sales_order_save_commit_after: a placed, invoiced, held, canceled or closed order changes the
 * facts of its numbers and of every number of its customer.
 */
class RoutingOrderSaved extends RoutingCacheObserver
{
    /**
     * @inheritdoc
     */
    protected function changes(Event $event): array
    {
        $order = $this->saved($event, 'order');
        $id = $order === null ? 0 : (int)$order->getData('entity_id');
        return [$id > 0 ? $this->numbers->ofOrder($id) : [], false];
    }
}
