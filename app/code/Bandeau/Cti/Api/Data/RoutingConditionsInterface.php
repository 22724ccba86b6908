<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * Conditions of a rule; an absent (null) one matches anything.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingConditionsInterface
{
    /**
     * The customer's group is one of these.
     *
     * @return int[]|null
     */
    public function getCustomerGroupIds(): ?array;

    /**
     * The customer's group is (true) or is not (false) a VIP group.
     *
     * @return bool|null
     */
    public function getVip(): ?bool;

    /**
     * The customer's lifetime sales are at least this.
     *
     * @return float|null
     */
    public function getMinLifetimeSales(): ?float;

    /**
     * any_open, not_shipped, payment_problem, payment_review or holded.
     *
     * @return string|null
     */
    public function getOrder(): ?string;

    /**
     * An open order has one of these statuses.
     *
     * @return string[]|null
     */
    public function getOrderStatuses(): ?array;

    /**
     * The last shipment is at most this many days old.
     *
     * @return int|null
     */
    public function getShippedWithinDays(): ?int;

    /**
     * The customer has (true) or has not (false) an open cart.
     *
     * @return bool|null
     */
    public function getOpenCart(): ?bool;

    /**
     * The customer's (or guest order's) store view is one of these.
     *
     * @return int[]|null
     */
    public function getStoreIds(): ?array;

    /**
     * True matches unknown numbers only, false known ones only.
     *
     * @return bool|null
     */
    public function getUnknownNumber(): ?bool;
}
