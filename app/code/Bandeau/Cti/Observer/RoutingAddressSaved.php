<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Magento\Framework\Event;

/**
 * customer_address_save_commit_after and customer_address_delete_commit_after: the customer's
 * numbers now, and the address's number before the edit (that number may no longer be theirs).
 */
class RoutingAddressSaved extends RoutingCacheObserver
{
    /**
     * @inheritdoc
     */
    protected function changes(Event $event): array
    {
        $address = $this->saved($event, 'customer_address');
        if ($address === null) {
            return [[], false];
        }
        $written = [$address->getData('telephone')];
        if (method_exists($address, 'getOrigData')) {
            $written[] = $address->getOrigData('telephone');
        }
        $country = $address->getData('country_id');
        $phones = $this->numbers->written($written, is_string($country) ? $country : null);
        $customerId = (int)$address->getData('parent_id');
        if ($customerId > 0) {
            $phones = array_merge($phones, $this->numbers->ofCustomer($customerId));
        }
        return [array_values(array_unique($phones)), false];
    }
}
