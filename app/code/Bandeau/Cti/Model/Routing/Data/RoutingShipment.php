<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingShipmentInterface;

/**
 * Immutable RoutingShipmentInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingShipment implements RoutingShipmentInterface
{
    /**
     * @param string $orderIncrementId
     * @param string $shippedAt
     */
    public function __construct(
        private string $orderIncrementId,
        private string $shippedAt
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getOrderIncrementId(): string
    {
        return $this->orderIncrementId;
    }

    /**
     * @inheritdoc
     */
    public function getShippedAt(): string
    {
        return $this->shippedAt;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['order_increment_id'] = $this->orderIncrementId;
        $out['shipped_at'] = $this->shippedAt;
        return $out;
    }
}
