<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerMatchInterface;

class CallerMatch implements CallerMatchInterface
{
    public function __construct(
        private ?int $customerId,
        private string $name,
        private ?string $email,
        private ?string $telephone,
        private string $source,
        private ?int $orderId = null,
        private ?string $orderIncrementId = null
    ) {
    }

    public function getCustomerId(): ?int
    {
        return $this->customerId;
    }

    public function getName(): string
    {
        return $this->name;
    }

    public function getEmail(): ?string
    {
        return $this->email;
    }

    public function getTelephone(): ?string
    {
        return $this->telephone;
    }

    public function getSource(): string
    {
        return $this->source;
    }

    public function getOrderId(): ?int
    {
        return $this->orderId;
    }

    public function getOrderIncrementId(): ?string
    {
        return $this->orderIncrementId;
    }
}
