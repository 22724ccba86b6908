<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Lookup\MoneyFormatterInterface;

/**
 * Money formatting stand-in: en_US style with the currency's symbol ("$1,284.00", "€89.90");
 * a null currency is the store's (USD here).
 */
class FixedMoneyFormatter implements MoneyFormatterInterface
{
    private const SYMBOLS = ['USD' => '$', 'EUR' => '€', 'GBP' => '£'];

    public function format(float $amount, ?string $currencyCode = null): string
    {
        $code = $currencyCode ?? 'USD';
        return (self::SYMBOLS[$code] ?? $code . ' ') . number_format($amount, 2, '.', ',');
    }
}
