<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * The route when no rule matches.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingFallbackInterface
{
    /**
     * Route name.
     *
     * @return string
     */
    public function getRoute(): string;

    /**
     * Queue priority.
     *
     * @return int
     */
    public function getPriority(): int;

    /**
     * Sound name or an empty string.
     *
     * @return string
     */
    public function getMessage(): string;
}
