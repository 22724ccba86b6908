<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * What the shop knows about a caller's number, for call routing.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingCallerFactsInterface
{
    /**
     * The number in E.164, or as sent when it could not be read.
     *
     * @return string
     */
    public function getPhone(): string;

    /**
     * Whether the number matches a customer or an order in the phone index.
     *
     * @return bool
     */
    public function isKnown(): bool;

    /**
     * The most recent customer with this number; null (written as null) for guests and unknown numbers.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingCustomerInterface
     */
    public function getCustomer(): ?RoutingCustomerInterface;

    /**
     * Open orders (not complete, closed or canceled) of the customer and of guest orders with the number, newest first.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingOrderInterface[]
     */
    public function getOrders(): array;

    /**
     * The most recent shipment of an order of the customer or the number; null (written as null) when none.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingShipmentInterface
     */
    public function getLastShipment(): ?RoutingShipmentInterface;
}
