<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * An open order of the caller.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingOrderInterface
{
    /**
     * The order number shown to the customer.
     *
     * @return string
     */
    public function getIncrementId(): string;

    /**
     * Order state (new, processing, holded...).
     *
     * @return string
     */
    public function getState(): string;

    /**
     * Order status code.
     *
     * @return string
     */
    public function getStatus(): string;

    /**
     * ISO 8601 UTC with Z.
     *
     * @return string
     */
    public function getCreatedAt(): string;

    /**
     * Whether the order has at least one shipment.
     *
     * @return bool
     */
    public function isShipped(): bool;

    /**
     * Store view of the order.
     *
     * @return int
     */
    public function getStoreId(): int;
}
