<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Routing\InvalidationBuffer;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * controller_front_send_response_before (Magento\Framework\App\Http::launch, every HTTP request
 * once its controller ran and its transactions are committed): the one routing cache notice of
 * the request (InvalidationBuffer). Never fails the response.
 */
class FlushRoutingInvalidations implements ObserverInterface
{
    /**
     * @param InvalidationBuffer $buffer
     * @param LoggerInterface $logger
     */
    public function __construct(
        private InvalidationBuffer $buffer,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Sends what the request's saves collected, if anything.
     *
     * @param Observer $observer
     * @return void
     */
    public function execute(Observer $observer)
    {
        try {
            if (!$this->buffer->isEmpty()) {
                $this->buffer->flush();
            }
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau: routing cache invalidation failed: ' . $e->getMessage());
        }
    }
}
