<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingCallerFactsInterface;
use Bandeau\Cti\Api\Data\RoutingCustomerInterface;
use Bandeau\Cti\Api\Data\RoutingOrderInterface;
use Bandeau\Cti\Api\Data\RoutingShipmentInterface;

/**
 * Immutable RoutingCallerFactsInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingCallerFacts implements RoutingCallerFactsInterface
{
    /**
     * @param string $phone
     * @param bool $known
     * @param RoutingCustomerInterface|null $customer
     * @param RoutingOrderInterface[] $orders
     * @param RoutingShipmentInterface|null $lastShipment
     */
    public function __construct(
        private string $phone,
        private bool $known,
        private ?RoutingCustomerInterface $customer,
        private array $orders,
        private ?RoutingShipmentInterface $lastShipment
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getPhone(): string
    {
        return $this->phone;
    }

    /**
     * @inheritdoc
     */
    public function isKnown(): bool
    {
        return $this->known;
    }

    /**
     * @inheritdoc
     */
    public function getCustomer(): ?RoutingCustomerInterface
    {
        return $this->customer;
    }

    /**
     * @inheritdoc
     */
    public function getOrders(): array
    {
        return $this->orders;
    }

    /**
     * @inheritdoc
     */
    public function getLastShipment(): ?RoutingShipmentInterface
    {
        return $this->lastShipment;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['phone'] = $this->phone;
        $out['known'] = $this->known;
        $out['customer'] = $this->customer === null ? null : $this->customer->toArray();
        $out['orders'] = array_map(static fn ($item) => $item->toArray(), $this->orders);
        $out['last_shipment'] = $this->lastShipment === null ? null : $this->lastShipment->toArray();
        return $out;
    }
}
