<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\CallerLookupResultInterface;

/**
 * Finds who is calling from the module's E.164 phone index.
 *
 * @api
 */
interface CallerLookupInterface
{
    public const MAX_MATCHES = 10;

    /**
     * Customers and orders whose address carries the number, for the screen pop.
     *
     * @param string $phone any written form; national numbers use the configured default country
     * @return \Bandeau\Cti\Api\Data\CallerLookupResultInterface
     */
    public function lookup(string $phone): CallerLookupResultInterface;
}
