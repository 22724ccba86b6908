<?php

declare(strict_types=1);

namespace Bandeau\Cti\Cron;

use Bandeau\Cti\Model\Analytics\CatchUp;
use Psr\Log\LoggerInterface;

/**
 * Every 10 minutes (bandeau_cti_analytics_catchup): brings the call analytics up to date with the
 * calls and orders changed since the last run; the first run (or the first after the reporting zone
 * changed) rebuilds them.
 */
class AnalyticsCatchUp
{
    /**
     * @param CatchUp $catchUp
     * @param LoggerInterface $logger
     */
    public function __construct(private CatchUp $catchUp, private LoggerInterface $logger)
    {
    }

    /**
     * One catch-up run.
     */
    public function execute(): void
    {
        $result = $this->catchUp->run();
        if ($result['locked']) {
            $this->logger->info('Bandeau: call analytics catch-up skipped, a rebuild is running.');
        } elseif ($result['rebuilt']) {
            $this->logger->info('Bandeau: call analytics rebuilt (first run or reporting time zone changed).');
        }
    }
}
