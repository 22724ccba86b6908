<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A customer (or order) whose address carries the looked-up number.
 *
 * @api
 */
interface CallerMatchInterface
{
    public const SOURCE_CUSTOMER_ADDRESS = 'customer_address';
    public const SOURCE_ORDER_ADDRESS = 'order_address';

    /**
     * The matching customer, or null for a guest order.
     *
     * @return int|null
     */
    public function getCustomerId(): ?int;

    /**
     * The customer's (or the order address's) full name.
     *
     * @return string
     */
    public function getName(): string;

    /**
     * The customer's e-mail address.
     *
     * @return string|null
     */
    public function getEmail(): ?string;

    /**
     * The number as written in the address.
     *
     * @return string|null
     */
    public function getTelephone(): ?string;

    /**
     * Where the number was found: customer_address or order_address.
     *
     * @return string
     */
    public function getSource(): string;

    /**
     * The matching order, for order addresses.
     *
     * @return int|null
     */
    public function getOrderId(): ?int;

    /**
     * The order number shown to the customer ("000000042").
     *
     * @return string|null
     */
    public function getOrderIncrementId(): ?string;

    /**
     * The customer's group (its code, as the admin names it), for a match with a customer.
     *
     * @return string|null
     */
    public function getGroup(): ?string;

    /**
     * The customer's newest order (whatever number it carries), for a match with a customer who ordered.
     *
     * @return \Bandeau\Cti\Api\Data\CallerLastOrderInterface|null
     */
    public function getLastOrder(): ?CallerLastOrderInterface;

    /**
     * The customer's open cart, for a match with a customer who has one with items.
     *
     * @return \Bandeau\Cti\Api\Data\CallerOpenCartInterface|null
     */
    public function getOpenCart(): ?CallerOpenCartInterface;
}
