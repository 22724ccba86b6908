<?php

declare(strict_types=1);

namespace Bandeau\Cti\Cron;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Psr\Log\LoggerInterface;

/**
 * Nightly: rebuild the E.164 phone index (catches addresses changed by imports or direct SQL).
 */
class ReindexPhones
{
    /**
     * @param PhoneIndexer $indexer
     * @param LoggerInterface $logger
     */
    public function __construct(private PhoneIndexer $indexer, private LoggerInterface $logger)
    {
    }

    /**
     * Rebuilds the whole phone index (catches addresses changed without an event).
     */
    public function execute(): void
    {
        $count = $this->indexer->reindexAll();
        $this->logger->info('Bandeau: phone index rebuilt, ' . $count . ' numbers.');
    }
}
