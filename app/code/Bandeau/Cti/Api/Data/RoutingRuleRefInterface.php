<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * The rule a decision came from.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingRuleRefInterface
{
    /**
     * Rule code.
     *
     * @return string
     */
    public function getCode(): string;

    /**
     * Rule label.
     *
     * @return string
     */
    public function getLabel(): string;
}
