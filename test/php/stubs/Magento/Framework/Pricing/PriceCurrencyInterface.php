<?php

declare(strict_types=1);

namespace Magento\Framework\Pricing;

/**
 * Stand-in: the format() method of Magento's price currency service.
 */
interface PriceCurrencyInterface
{
    public const DEFAULT_PRECISION = 2;

    /**
     * @param float $amount
     * @param bool $includeContainer
     * @param int $precision
     * @param null|string|bool|int|\Magento\Framework\App\ScopeInterface $scope
     * @param \Magento\Framework\Model\AbstractModel|string|null $currency
     * @return string
     */
    public function format(
        $amount,
        $includeContainer = true,
        $precision = self::DEFAULT_PRECISION,
        $scope = null,
        $currency = null
    );
}
