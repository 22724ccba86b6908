<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Config\Source\RouteReason;
use Bandeau\Cti\Model\Routing\RuleNames;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * How a call went through the PBX, for whoever reads the call history: the route Bandeau's call
 * routing chose and why (issue 15), the queue the caller waited in (how long, at which position,
 * where they gave up) and where the call was transferred.
 */
class CallRouting implements ArgumentInterface
{
    /**
     * @param RouteReason $reasons
     */
    public function __construct(
        private RouteReason $reasons
    ) {
    }

    /**
     * Short translated lines ("Routed to sales by rule unshipped", "Queue support, waited 0:45",
     * "Transferred to 7003"); none for a call that was not routed and went through no queue and no
     * transfer.
     *
     * @param CallInterface $call
     * @return string[]
     */
    public function getLines(CallInterface $call): array
    {
        $lines = [];
        $route = $this->getRouteLine($call);
        if ($route !== null) {
            $lines[] = $route;
        }
        $queue = $call->getQueue();
        $wait = $call->getWaitS();
        if ($queue !== null && $wait !== null) {
            $lines[] = (string)__('Queue %1, waited %2', $queue, $this->formatWait($wait));
        } elseif ($queue !== null) {
            $lines[] = (string)__('Queue %1', $queue);
        } elseif ($wait !== null) {
            $lines[] = (string)__('Waited %1 in the queue', $this->formatWait($wait));
        }
        $joined = $call->getQueuePosition();
        $gaveUp = $call->getAbandonPosition();
        if ($gaveUp !== null && $joined !== null) {
            $lines[] = (string)__('Hung up at position %1 (joined at %2)', $gaveUp, $joined);
        } elseif ($gaveUp !== null) {
            $lines[] = (string)__('Hung up at position %1', $gaveUp);
        } elseif ($joined !== null) {
            $lines[] = (string)__('Joined the queue at position %1', $joined);
        }
        $transferredTo = $call->getTransferredTo();
        if ($transferredTo !== null) {
            $lines[] = (string)__('Transferred to %1', $transferredTo);
        }
        return $lines;
    }

    /**
     * "Routed to sales by rule unshipped", "Routed to default: Shop data unavailable", "Routed to
     * sales"; null when the PBX did not ask Bandeau how to route the call.
     *
     * @param CallInterface $call
     * @return string|null
     */
    public function getRouteLine(CallInterface $call): ?string
    {
        $route = $call->getRoute();
        if ($route === null || $route === '') {
            return null;
        }
        $reason = $call->getRouteReason();
        $rule = $call->getRouteRule();
        if ($rule !== null && $rule !== '' && ($reason === null || $reason === RuleNames::REASON_RULE)) {
            return (string)__('Routed to %1 by rule %2', $route, $rule);
        }
        if ($reason !== null && $reason !== '') {
            return (string)__('Routed to %1: %2', $route, $this->reasons->label($reason));
        }
        return (string)__('Routed to %1', $route);
    }

    /**
     * 45 => "0:45", 3725 => "1:02:05".
     *
     * @param int $seconds
     * @return string
     */
    public function formatWait(int $seconds): string
    {
        $seconds = max(0, $seconds);
        if ($seconds >= 3600) {
            return sprintf('%d:%02d:%02d', intdiv($seconds, 3600), intdiv($seconds % 3600, 60), $seconds % 60);
        }
        return sprintf('%d:%02d', intdiv($seconds, 60), $seconds % 60);
    }
}
