<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerLastOrderInterface;
use Bandeau\Cti\Api\Data\CallerMatchInterface;
use Bandeau\Cti\Api\Data\CallerOpenCartInterface;

class CallerMatch implements CallerMatchInterface
{
    /**
     * @param int|null $customerId
     * @param string $name
     * @param string|null $email
     * @param string|null $telephone
     * @param string $source
     * @param int|null $orderId
     * @param string|null $orderIncrementId
     * @param string|null $group
     * @param CallerLastOrderInterface|null $lastOrder
     * @param CallerOpenCartInterface|null $openCart
     */
    public function __construct(
        private ?int $customerId,
        private string $name,
        private ?string $email,
        private ?string $telephone,
        private string $source,
        private ?int $orderId = null,
        private ?string $orderIncrementId = null,
        private ?string $group = null,
        private ?CallerLastOrderInterface $lastOrder = null,
        private ?CallerOpenCartInterface $openCart = null
    ) {
    }

    /**
     * The matching customer, or null for a guest order.
     *
     * @return int|null
     */
    public function getCustomerId(): ?int
    {
        return $this->customerId;
    }

    /**
     * The customer's (or the order address's) full name.
     *
     * @return string
     */
    public function getName(): string
    {
        return $this->name;
    }

    /**
     * The customer's e-mail address.
     *
     * @return string|null
     */
    public function getEmail(): ?string
    {
        return $this->email;
    }

    /**
     * The number as written in the address.
     *
     * @return string|null
     */
    public function getTelephone(): ?string
    {
        return $this->telephone;
    }

    /**
     * Where the number was found: customer_address or order_address.
     *
     * @return string
     */
    public function getSource(): string
    {
        return $this->source;
    }

    /**
     * The matching order, for order addresses.
     *
     * @return int|null
     */
    public function getOrderId(): ?int
    {
        return $this->orderId;
    }

    /**
     * The order number shown to the customer ("000000042").
     *
     * @return string|null
     */
    public function getOrderIncrementId(): ?string
    {
        return $this->orderIncrementId;
    }

    /**
     * @inheritdoc
     */
    public function getGroup(): ?string
    {
        return $this->group;
    }

    /**
     * @inheritdoc
     */
    public function getLastOrder(): ?CallerLastOrderInterface
    {
        return $this->lastOrder;
    }

    /**
     * @inheritdoc
     */
    public function getOpenCart(): ?CallerOpenCartInterface
    {
        return $this->openCart;
    }
}
