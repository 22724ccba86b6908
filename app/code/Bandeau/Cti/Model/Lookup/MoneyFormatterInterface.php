<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

/**
 * Money as the admin shows it ("$1,284.00", "1 284,00 €").
 */
interface MoneyFormatterInterface
{
    /**
     * The amount formatted for the admin user ("1 234,50 €").
     *
     * @param float $amount
     * @param string|null $currencyCode ISO 4217 code; null for the store's currency
     */
    public function format(float $amount, ?string $currencyCode = null): string;
}
