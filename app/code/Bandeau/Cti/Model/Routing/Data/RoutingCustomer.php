<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingCustomerInterface;

/**
 * Immutable RoutingCustomerInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingCustomer implements RoutingCustomerInterface
{
    /**
     * @param int $id
     * @param string $name
     * @param int $groupId
     * @param int $storeId
     * @param string $locale
     * @param float $lifetimeSales
     * @param bool $openCart
     */
    public function __construct(
        private int $id,
        private string $name,
        private int $groupId,
        private int $storeId,
        private string $locale,
        private float $lifetimeSales,
        private bool $openCart
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getId(): int
    {
        return $this->id;
    }

    /**
     * @inheritdoc
     */
    public function getName(): string
    {
        return $this->name;
    }

    /**
     * @inheritdoc
     */
    public function getGroupId(): int
    {
        return $this->groupId;
    }

    /**
     * @inheritdoc
     */
    public function getStoreId(): int
    {
        return $this->storeId;
    }

    /**
     * @inheritdoc
     */
    public function getLocale(): string
    {
        return $this->locale;
    }

    /**
     * @inheritdoc
     */
    public function getLifetimeSales(): float
    {
        return $this->lifetimeSales;
    }

    /**
     * @inheritdoc
     */
    public function isOpenCart(): bool
    {
        return $this->openCart;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['id'] = $this->id;
        $out['name'] = $this->name;
        $out['group_id'] = $this->groupId;
        $out['store_id'] = $this->storeId;
        $out['locale'] = $this->locale;
        $out['lifetime_sales'] = $this->lifetimeSales;
        $out['open_cart'] = $this->openCart;
        return $out;
    }
}
