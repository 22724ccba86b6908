<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\RoutingRuleSetInterface;

/**
 * The call routing rules edited in Stores > Configuration (GET /V1/bandeau/routing/rules).
 *
 * @api
 */
interface RoutingRulesInterface
{
    /**
     * The rules in evaluation order, the VIP groups, the fallback and a version that changes with them.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingRuleSetInterface
     */
    public function getRules(): RoutingRuleSetInterface;
}
