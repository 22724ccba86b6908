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
    /**
     * @param CallAnonymiser $anonymiser
     * @param LoggerInterface $logger
     */
    public function __construct(private CallAnonymiser $anonymiser, private LoggerInterface $logger)
    {
    }

    /**
     * Blanks the numbers of calls older than the retention period and logs how many.
     */
    public function execute(): void
    {
        $count = $this->anonymiser->anonymiseExpired();
        if ($count > 0) {
            $this->logger->info('Bandeau: anonymised the numbers of ' . $count . ' calls past retention.');
        }
    }
}
