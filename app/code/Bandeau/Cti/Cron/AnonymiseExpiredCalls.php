<?php

declare(strict_types=1);

namespace Bandeau\Cti\Cron;

use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Psr\Log\LoggerInterface;

/**
 * Nightly: anonymise (or pseudonymise, per configuration) calls older than the configured retention.
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
     * Removes the personal data of calls older than the retention period and logs how many.
     */
    public function execute(): void
    {
        $count = $this->anonymiser->anonymiseExpired();
        if ($count > 0) {
            $this->logger->info('Bandeau: removed the personal data of ' . $count . ' calls past retention.');
        }
    }
}
