<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * customer_address_save_after / _delete_after: refresh the customer's numbers in the phone index.
 */
class ReindexCustomerPhones implements ObserverInterface
{
    public function __construct(private PhoneIndexer $indexer, private LoggerInterface $logger)
    {
    }

    public function execute(Observer $observer)
    {
        $address = $observer->getEvent()->getData('data_object') ?? $observer->getEvent()->getData('customer_address');
        if (!is_object($address) || !method_exists($address, 'getData')) {
            return;
        }
        $customerId = (int)($address->getData('parent_id') ?? $address->getData('customer_id'));
        if ($customerId <= 0) {
            return;
        }
        try {
            $this->indexer->reindexCustomer($customerId);
        } catch (\Throwable $e) {
            // The nightly rebuild catches up; never fail the customer save because of the index.
            $this->logger->warning('Bandeau: could not index customer phones: ' . $e->getMessage());
        }
    }
}
