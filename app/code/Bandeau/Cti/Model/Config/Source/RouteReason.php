<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Bandeau\Cti\Model\Routing\RuleNames;
use Magento\Framework\Data\OptionSourceInterface;

/**
 * Why the PBX's routing chose a call's route (bandeau_call.route_reason, BANDEAU_ROUTE_REASON), in
 * the words the agent's bar uses: the Calls grid's filter and export, and the call history.
 */
class RouteReason implements OptionSourceInterface
{
    /**
     * The reasons for the Calls grid's filter (its export writes the label).
     *
     * @return array
     */
    public function toOptionArray()
    {
        $options = [];
        foreach (RuleNames::REASONS as $reason) {
            $options[] = ['value' => $reason, 'label' => $this->label($reason)];
        }
        return $options;
    }

    /**
     * The translated reason; a value outside the contract (never stored) reads as itself.
     *
     * @param string $reason
     * @return string
     */
    public function label(string $reason): string
    {
        return (string)match ($reason) {
            RuleNames::REASON_RULE => __('Rule matched'),
            RuleNames::REASON_NO_MATCH => __('No rule matched'),
            RuleNames::REASON_UNKNOWN_NUMBER => __('Unknown number'),
            RuleNames::REASON_NO_CALLER_ID => __('No caller ID'),
            RuleNames::REASON_TIMEOUT => __('Shop data unavailable'),
            RuleNames::REASON_ERROR => __('Routing failed'),
            default => $reason,
        };
    }
}
