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
     * @return int|null
     */
    public function getCustomerId(): ?int;

    /**
     * @return string
     */
    public function getName(): string;

    /**
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
     * customer_address or order_address.
     *
     * @return string
     */
    public function getSource(): string;

    /**
     * @return int|null
     */
    public function getOrderId(): ?int;

    /**
     * @return string|null
     */
    public function getOrderIncrementId(): ?string;
}
