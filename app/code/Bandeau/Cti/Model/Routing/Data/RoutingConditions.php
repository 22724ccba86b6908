<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingConditionsInterface;

/**
 * Immutable RoutingConditionsInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingConditions implements RoutingConditionsInterface
{
    /**
     * @param int[]|null $customerGroupIds
     * @param bool|null $vip
     * @param float|null $minLifetimeSales
     * @param string|null $order
     * @param string[]|null $orderStatuses
     * @param int|null $shippedWithinDays
     * @param bool|null $openCart
     * @param int[]|null $storeIds
     * @param bool|null $unknownNumber
     */
    public function __construct(
        private ?array $customerGroupIds,
        private ?bool $vip,
        private ?float $minLifetimeSales,
        private ?string $order,
        private ?array $orderStatuses,
        private ?int $shippedWithinDays,
        private ?bool $openCart,
        private ?array $storeIds,
        private ?bool $unknownNumber
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getCustomerGroupIds(): ?array
    {
        return $this->customerGroupIds;
    }

    /**
     * @inheritdoc
     */
    public function getVip(): ?bool
    {
        return $this->vip;
    }

    /**
     * @inheritdoc
     */
    public function getMinLifetimeSales(): ?float
    {
        return $this->minLifetimeSales;
    }

    /**
     * @inheritdoc
     */
    public function getOrder(): ?string
    {
        return $this->order;
    }

    /**
     * @inheritdoc
     */
    public function getOrderStatuses(): ?array
    {
        return $this->orderStatuses;
    }

    /**
     * @inheritdoc
     */
    public function getShippedWithinDays(): ?int
    {
        return $this->shippedWithinDays;
    }

    /**
     * @inheritdoc
     */
    public function getOpenCart(): ?bool
    {
        return $this->openCart;
    }

    /**
     * @inheritdoc
     */
    public function getStoreIds(): ?array
    {
        return $this->storeIds;
    }

    /**
     * @inheritdoc
     */
    public function getUnknownNumber(): ?bool
    {
        return $this->unknownNumber;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        if ($this->customerGroupIds !== null) {
            $out['customer_group_ids'] = $this->customerGroupIds;
        }
        if ($this->vip !== null) {
            $out['vip'] = $this->vip;
        }
        if ($this->minLifetimeSales !== null) {
            $out['min_lifetime_sales'] = $this->minLifetimeSales;
        }
        if ($this->order !== null) {
            $out['order'] = $this->order;
        }
        if ($this->orderStatuses !== null) {
            $out['order_statuses'] = $this->orderStatuses;
        }
        if ($this->shippedWithinDays !== null) {
            $out['shipped_within_days'] = $this->shippedWithinDays;
        }
        if ($this->openCart !== null) {
            $out['open_cart'] = $this->openCart;
        }
        if ($this->storeIds !== null) {
            $out['store_ids'] = $this->storeIds;
        }
        if ($this->unknownNumber !== null) {
            $out['unknown_number'] = $this->unknownNumber;
        }
        return $out;
    }
}
