<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Analytics\SaleAttribution;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * sales_order_save_commit_after: attributes a placed (or canceled, changed) order to the call that
 * sold it (bandeau_call_sale). After the commit, so it can never roll the order back; a failure is
 * logged and left to the cron catch-up.
 */
class AnalyticsOrderSaved implements ObserverInterface
{
    /**
     * @param SaleAttribution $sales
     * @param LoggerInterface $logger
     */
    public function __construct(private SaleAttribution $sales, private LoggerInterface $logger)
    {
    }

    /**
     * Attributes the saved order.
     *
     * @param Observer $observer
     */
    public function execute(Observer $observer): void
    {
        $order = $observer->getEvent()->getData('order') ?? $observer->getEvent()->getData('data_object');
        $id = is_object($order) && method_exists($order, 'getData') ? (int)$order->getData('entity_id') : 0;
        if ($id <= 0) {
            return;
        }
        try {
            $this->sales->refreshOrders([$id]);
        } catch (\Throwable $e) {
            $this->logger->warning(
                'Bandeau: order not attributed to a call yet (the cron catch-up will): ' . $e->getMessage()
            );
        }
    }
}
