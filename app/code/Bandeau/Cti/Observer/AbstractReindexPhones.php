<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Psr\Log\LoggerInterface;

/**
 * Base of the phone index observers: find the owner id in the event, re-index it, never fail the
 * save that fired the event (the nightly rebuild and `bin/magento bandeau:phone-index:rebuild` catch up).
 */
abstract class AbstractReindexPhones implements ObserverInterface
{
    /** What the owner id names, for the log. */
    public const OWNER = 'owner';

    /**
     * @param PhoneIndexer $indexer
     * @param LoggerInterface $logger
     */
    public function __construct(protected PhoneIndexer $indexer, private LoggerInterface $logger)
    {
    }

    /**
     * Re-indexes the owner of the saved or deleted address; a failure is logged, never thrown.
     *
     * @param Observer $observer
     */
    public function execute(Observer $observer)
    {
        $event = $observer->getEvent();
        $ownerId = 0;
        foreach ($this->ownerFields() as $eventKey => $fields) {
            $object = $event->getData($eventKey);
            if (!is_object($object) || !method_exists($object, 'getData')) {
                continue;
            }
            foreach ($fields as $field) {
                $ownerId = (int)$object->getData($field);
                if ($ownerId > 0) {
                    break 2;
                }
            }
        }
        if ($ownerId <= 0) {
            return;
        }
        try {
            $this->reindex($ownerId);
        } catch (\Throwable $e) {
            // Also a missing library (module copied into app/code): the admin's system message names it.
            $this->logger->error(
                sprintf('Bandeau: could not index phones of %s %d: %s', static::OWNER, $ownerId, $e->getMessage())
            );
        }
    }

    /**
     * Event data key => fields of that object that may hold the owner id, first match wins.
     *
     * @return array<string, string[]>
     */
    abstract protected function ownerFields(): array;

    /**
     * Re-indexes the numbers of one customer, order or cart.
     *
     * @param int $ownerId
     */
    abstract protected function reindex(int $ownerId): void;
}
