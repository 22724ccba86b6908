<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Analytics;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Analytics\Aggregator;
use Psr\Log\LoggerInterface;

/**
 * After each call record (REST or queue), refreshes the call's analytics buckets. Never fails the
 * bridge's request: the record is stored already; a failed refresh is logged and left to the cron
 * catch-up (bandeau_cti_analytics_catchup), which reads every changed call.
 */
class RefreshCallAnalyticsPlugin
{
    /**
     * @param Aggregator $aggregator
     * @param LoggerInterface $logger
     */
    public function __construct(private Aggregator $aggregator, private LoggerInterface $logger)
    {
    }

    /**
     * Refreshes the aggregates of the recorded call.
     *
     * @param CallManagementInterface $subject
     * @param CallInterface $result
     * @return CallInterface
     * @SuppressWarnings(PHPMD.UnusedFormalParameter)
     */
    public function afterUpsert(CallManagementInterface $subject, CallInterface $result): CallInterface
    {
        $callId = (string)$result->getCallId();
        if ($callId === '' || $result->getDisposition() === null) {
            return $result;
        }
        try {
            $this->aggregator->refreshCalls([$callId]);
        } catch (\Throwable $e) {
            $this->logger->warning(
                'Bandeau: call analytics not refreshed for a call record (the cron catch-up will): ' . $e->getMessage()
            );
        }
        return $result;
    }
}
