<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Magento\Framework\Event;

/**
 * customer_save_commit_after: the customer's group, store view or name may have changed; every
 * number of theirs routes on them.
 */
class RoutingCustomerSaved extends RoutingCacheObserver
{
    /**
     * @inheritdoc
     */
    protected function changes(Event $event): array
    {
        $customer = $this->saved($event, 'customer');
        $id = $customer === null ? 0 : (int)$customer->getData('entity_id');
        return [$id > 0 ? $this->numbers->ofCustomer($id) : [], false];
    }
}
