<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;

/**
 * customer_delete_before: anonymise the customer's calls, linked or from one of their indexed
 * numbers (the index is still there before the delete; its rows go with the customer), so the
 * calls stay in the statistics without personal data.
 */
class AnonymiseCustomerCalls implements ObserverInterface
{
    /**
     * @param CallAnonymiser $anonymiser
     */
    public function __construct(private CallAnonymiser $anonymiser)
    {
    }

    /**
     * Anonymises the calls of a deleted customer.
     *
     * @param Observer $observer
     */
    public function execute(Observer $observer)
    {
        $customer = $observer->getEvent()->getData('data_object') ?? $observer->getEvent()->getData('customer');
        $customerId = is_object($customer) && method_exists($customer, 'getId') ? (int)$customer->getId() : 0;
        if ($customerId > 0) {
            $this->anonymiser->anonymiseCustomer($customerId);
        }
    }
}
