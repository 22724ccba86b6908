<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * The routing rules, in evaluation order.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingRuleSetInterface
{
    /**
     * Hash of the rules and VIP groups: changes whenever they change.
     *
     * @return string
     */
    public function getVersion(): string;

    /**
     * Customer group ids that count as VIP.
     *
     * @return int[]
     */
    public function getVipGroupIds(): array;

    /**
     * Rules in evaluation order (first match wins), inactive ones included.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingRuleInterface[]
     */
    public function getRules(): array;

    /**
     * What a call gets when no rule matches.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingFallbackInterface
     */
    public function getFallback(): RoutingFallbackInterface;
}
