<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Plugin\Customer\NewCustomerPhonePrefill;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * adminhtml_customer_save_after: the number in the customer form's "Phone Number (from the call)"
 * field (filled when the agent clicked "Create customer" on an unknown caller) goes into the E.164
 * caller index for that customer, so the next call from it shows their card. A failure is logged
 * and never blocks the save.
 */
class LinkCustomerFormPhone implements ObserverInterface
{
    /**
     * @param PhoneIndexer $indexer
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     * @param LoggerInterface $logger
     */
    public function __construct(
        private PhoneIndexer $indexer,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Links the number shown on the new-customer form to the saved customer in the phone index.
     *
     * @param Observer $observer
     */
    public function execute(Observer $observer)
    {
        $event = $observer->getEvent();
        $customer = $event->getData('customer');
        $request = $event->getData('request');
        if (!is_object($customer) || !method_exists($customer, 'getId') || !is_object($request)) {
            return;
        }
        $customerId = (int)$customer->getId();
        $posted = method_exists($request, 'getParam') ? $request->getParam('customer') : null;
        $raw = is_array($posted) ? trim((string)($posted[NewCustomerPhonePrefill::FORM_FIELD] ?? '')) : '';
        if ($customerId <= 0 || $raw === '') {
            return;
        }
        // Normalising needs libphonenumber: inside the try, so a missing library is logged, not thrown.
        try {
            $e164 = $this->normaliser->toE164($raw, $this->config->getDefaultCountry());
            if ($e164 === null) {
                // The customer id, not what was typed (a number: logs outlive the module's retention).
                $this->logger->info(sprintf('Bandeau: the phone for customer %d is not a number', $customerId));
                return;
            }
            $this->indexer->indexCustomerNumber($customerId, $e164, $raw);
        } catch (\Throwable $e) {
            $this->logger->error(
                sprintf('Bandeau: could not link the phone typed to customer %d: %s', $customerId, $e->getMessage())
            );
        }
    }
}
