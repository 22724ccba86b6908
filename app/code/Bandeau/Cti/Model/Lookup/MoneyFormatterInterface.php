<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

/**
 * Money as the admin shows it ("$1,284.00", "1 284,00 €").
 */
interface MoneyFormatterInterface
{
    /**
     * @param string|null $currencyCode ISO 4217 code; null for the store's currency
     */
    public function format(float $amount, ?string $currencyCode = null): string;
}
