<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Magento\Framework\Pricing\PriceCurrencyInterface;

/**
 * Formats with Magento's price currency (locale and currency symbol of the admin store), as plain
 * text: no price container markup.
 */
class PriceCurrencyMoneyFormatter implements MoneyFormatterInterface
{
    /**
     * @param PriceCurrencyInterface $priceCurrency
     */
    public function __construct(private PriceCurrencyInterface $priceCurrency)
    {
    }

    /**
     * The amount formatted by Magento's price formatter, in the given currency when it is a valid code.
     *
     * @param float $amount
     * @param string|null $currencyCode
     * @return string
     */
    public function format(float $amount, ?string $currencyCode = null): string
    {
        $code = $currencyCode !== null && preg_match('/^[A-Z]{3}$/', $currencyCode) ? $currencyCode : null;
        return (string)$this->priceCurrency->format(
            $amount,
            false,
            PriceCurrencyInterface::DEFAULT_PRECISION,
            null,
            $code
        );
    }
}
