<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A caller's open cart (the customer's most recent active quote with items).
 *
 * @api
 */
interface CallerOpenCartInterface
{
    /**
     * How many items the cart holds (quantities summed, at least one per line).
     *
     * @return int
     */
    public function getItems(): int;

    /**
     * The cart's grand total formatted in its currency ("€89.90").
     *
     * @return string
     */
    public function getTotal(): string;
}
