<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingWhyInterface;

/**
 * Immutable RoutingWhyInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingWhy implements RoutingWhyInterface
{
    /**
     * @param string $code
     * @param string|null $order
     * @param string|null $status
     * @param int|null $days
     * @param int|null $groupId
     * @param int|null $storeId
     * @param float|null $amount
     */
    public function __construct(
        private string $code,
        private ?string $order,
        private ?string $status,
        private ?int $days,
        private ?int $groupId,
        private ?int $storeId,
        private ?float $amount
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getCode(): string
    {
        return $this->code;
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
    public function getStatus(): ?string
    {
        return $this->status;
    }

    /**
     * @inheritdoc
     */
    public function getDays(): ?int
    {
        return $this->days;
    }

    /**
     * @inheritdoc
     */
    public function getGroupId(): ?int
    {
        return $this->groupId;
    }

    /**
     * @inheritdoc
     */
    public function getStoreId(): ?int
    {
        return $this->storeId;
    }

    /**
     * @inheritdoc
     */
    public function getAmount(): ?float
    {
        return $this->amount;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['code'] = $this->code;
        if ($this->order !== null) {
            $out['order'] = $this->order;
        }
        if ($this->status !== null) {
            $out['status'] = $this->status;
        }
        if ($this->days !== null) {
            $out['days'] = $this->days;
        }
        if ($this->groupId !== null) {
            $out['group_id'] = $this->groupId;
        }
        if ($this->storeId !== null) {
            $out['store_id'] = $this->storeId;
        }
        if ($this->amount !== null) {
            $out['amount'] = $this->amount;
        }
        return $out;
    }
}
