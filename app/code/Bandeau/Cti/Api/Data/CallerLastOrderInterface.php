<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A caller's newest order, as a desk phone's caller page shows it (all text, formatted by Magento).
 *
 * @api
 */
interface CallerLastOrderInterface
{
    /**
     * The order number shown to the customer ("000000042").
     *
     * @return string
     */
    public function getIncrementId(): string;

    /**
     * The order status label as the admin shows it ("Processing"), not its code.
     *
     * @return string
     */
    public function getStatus(): string;

    /**
     * The grand total formatted in the order's currency ("€129.00").
     *
     * @return string
     */
    public function getGrandTotal(): string;
}
