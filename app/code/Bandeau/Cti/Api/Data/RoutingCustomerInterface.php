<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * The customer behind a number, as routing rules see them.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingCustomerInterface
{
    /**
     * Customer id.
     *
     * @return int
     */
    public function getId(): int;

    /**
     * First and last name.
     *
     * @return string
     */
    public function getName(): string;

    /**
     * Customer group id.
     *
     * @return int
     */
    public function getGroupId(): int;

    /**
     * The customer's store view id.
     *
     * @return int
     */
    public function getStoreId(): int;

    /**
     * The store view's locale (general/locale/code), e.g. fr_FR.
     *
     * @return string
     */
    public function getLocale(): string;

    /**
     * Sum of base_grand_total - base_total_refunded of non-canceled orders, base currency.
     *
     * @return float
     */
    public function getLifetimeSales(): float;

    /**
     * Whether the customer has an active cart with items.
     *
     * @return bool
     */
    public function isOpenCart(): bool;
}
