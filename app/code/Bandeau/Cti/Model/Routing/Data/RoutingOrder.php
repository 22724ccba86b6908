<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingOrderInterface;

/**
 * Immutable RoutingOrderInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingOrder implements RoutingOrderInterface
{
    /**
     * @param string $incrementId
     * @param string $state
     * @param string $status
     * @param string $createdAt
     * @param bool $shipped
     * @param int $storeId
     */
    public function __construct(
        private string $incrementId,
        private string $state,
        private string $status,
        private string $createdAt,
        private bool $shipped,
        private int $storeId
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getIncrementId(): string
    {
        return $this->incrementId;
    }

    /**
     * @inheritdoc
     */
    public function getState(): string
    {
        return $this->state;
    }

    /**
     * @inheritdoc
     */
    public function getStatus(): string
    {
        return $this->status;
    }

    /**
     * @inheritdoc
     */
    public function getCreatedAt(): string
    {
        return $this->createdAt;
    }

    /**
     * @inheritdoc
     */
    public function isShipped(): bool
    {
        return $this->shipped;
    }

    /**
     * @inheritdoc
     */
    public function getStoreId(): int
    {
        return $this->storeId;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['increment_id'] = $this->incrementId;
        $out['state'] = $this->state;
        $out['status'] = $this->status;
        $out['created_at'] = $this->createdAt;
        $out['shipped'] = $this->shipped;
        $out['store_id'] = $this->storeId;
        return $out;
    }
}
