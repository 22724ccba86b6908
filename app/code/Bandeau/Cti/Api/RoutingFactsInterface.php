<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\RoutingCallerFactsInterface;

/**
 * What the shop knows about a caller, for the bridge's call routing (POST /V1/bandeau/routing/facts).
 *
 * @api
 */
interface RoutingFactsInterface
{
    /** Open orders returned at most, newest first. */
    public const MAX_ORDERS = 20;

    /**
     * The customer, open orders and last shipment behind a number, from the module's phone index.
     *
     * An unreadable number answers like an unknown one (known false), with the phone as sent.
     *
     * @param string $phone E.164 (other written forms use the configured default country)
     * @return \Bandeau\Cti\Api\Data\RoutingCallerFactsInterface
     */
    public function getFacts(string $phone): RoutingCallerFactsInterface;
}
