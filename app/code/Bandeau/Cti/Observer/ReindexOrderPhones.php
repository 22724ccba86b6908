<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * sales_order_save_after: index the order's address numbers (guest callers too).
 */
class ReindexOrderPhones implements ObserverInterface
{
    public function __construct(private PhoneIndexer $indexer, private LoggerInterface $logger)
    {
    }

    public function execute(Observer $observer)
    {
        $order = $observer->getEvent()->getData('data_object') ?? $observer->getEvent()->getData('order');
        $orderId = is_object($order) && method_exists($order, 'getId') ? (int)$order->getId() : 0;
        if ($orderId <= 0) {
            return;
        }
        try {
            $this->indexer->reindexOrder($orderId);
        } catch (\Throwable $e) {
            $this->logger->warning('Bandeau: could not index order phones: ' . $e->getMessage());
        }
    }
}
