<?php

declare(strict_types=1);

namespace Bandeau\Cti\Cron;

use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Psr\Log\LoggerInterface;

/**
 * Nightly: anonymise the numbers of calls older than the configured retention.
 */
class AnonymiseExpiredCalls
{
    public function __construct(private CallAnonymiser $anonymiser, private LoggerInterface $logger)
    {
    }

    public function execute(): void
    {
        $count = $this->anonymiser->anonymiseExpired();
        if ($count > 0) {
            $this->logger->info('Bandeau: anonymised the numbers of ' . $count . ' calls past retention.');
        }
    }
}
