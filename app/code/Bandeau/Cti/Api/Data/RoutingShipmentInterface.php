<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * The caller's most recent shipment.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingShipmentInterface
{
    /**
     * Increment id of the shipped order.
     *
     * @return string
     */
    public function getOrderIncrementId(): string;

    /**
     * ISO 8601 UTC with Z.
     *
     * @return string
     */
    public function getShippedAt(): string;
}
