<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Routing\AffectedNumbers;
use Bandeau\Cti\Model\Routing\InvalidationBuffer;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * Base of the routing cache observers (issue 15): after a save is committed, note which numbers'
 * facts changed (read from the phone index now, as committed); InvalidationBuffer tells the bridge
 * once per request, however many objects the save committed. Never fails the save: anything that
 * goes wrong is logged. Carts are not notified (a quote is saved on every cart change); the
 * bridge's TTL covers open_cart.
 */
abstract class RoutingCacheObserver implements ObserverInterface
{
    /**
     * @param InvalidationBuffer $buffer
     * @param AffectedNumbers $numbers
     * @param LoggerInterface $logger
     */
    public function __construct(
        protected InvalidationBuffer $buffer,
        protected AffectedNumbers $numbers,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Adds the numbers to the request's notification; logs and swallows any failure.
     *
     * @param Observer $observer
     * @return void
     */
    public function execute(Observer $observer)
    {
        try {
            [$phones, $rules] = $this->changes($observer->getEvent());
            if ($phones !== [] || $rules) {
                $this->buffer->add($phones, $rules);
            }
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau: routing cache invalidation failed: ' . $e->getMessage());
        }
    }

    /**
     * The numbers whose facts changed, and whether the rules changed.
     *
     * @param Event $event
     * @return array{0: string[], 1: bool}
     */
    abstract protected function changes(Event $event): array;

    /**
     * The saved object of the event: under its own key, else data_object.
     *
     * @param Event $event
     * @param string $key
     * @return object|null
     */
    protected function saved(Event $event, string $key): ?object
    {
        foreach ([$key, 'data_object'] as $name) {
            $object = $event->getData($name);
            if (is_object($object) && method_exists($object, 'getData')) {
                return $object;
            }
        }
        return null;
    }
}
