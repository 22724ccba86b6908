<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * One matched condition of the matched rule (contract "why" item).
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingWhyInterface
{
    /**
     * The why code of the routing contract (order_not_shipped, shipped_recently, vip...).
     *
     * @return string
     */
    public function getCode(): string;

    /**
     * Increment id of the order concerned.
     *
     * @return string|null
     */
    public function getOrder(): ?string;

    /**
     * The order status that matched (order_status).
     *
     * @return string|null
     */
    public function getStatus(): ?string;

    /**
     * Whole days since the shipment (shipped_recently).
     *
     * @return int|null
     */
    public function getDays(): ?int;

    /**
     * The customer group (customer_group).
     *
     * @return int|null
     */
    public function getGroupId(): ?int;

    /**
     * The store view (store).
     *
     * @return int|null
     */
    public function getStoreId(): ?int;

    /**
     * Lifetime sales (lifetime_sales).
     *
     * @return float|null
     */
    public function getAmount(): ?float;
}
