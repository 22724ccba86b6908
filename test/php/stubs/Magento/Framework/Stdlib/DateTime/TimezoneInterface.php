<?php

declare(strict_types=1);

namespace Magento\Framework\Stdlib\DateTime;

/** Stand-in with the methods of Magento's TimezoneInterface the module uses. */
interface TimezoneInterface
{
    /**
     * @param \DateTimeInterface|string $date
     * @param int $dateType
     * @param int $timeType
     * @param string|null $locale
     * @param string|null $timezone
     * @param string|null $pattern
     * @return string
     */
    public function formatDateTime(
        $date,
        $dateType = \IntlDateFormatter::SHORT,
        $timeType = \IntlDateFormatter::SHORT,
        $locale = null,
        $timezone = null,
        $pattern = null
    );

    /**
     * The configured time zone (general/locale/timezone) of a scope, the default scope without one.
     *
     * @param string|null $scopeType
     * @param string|null $scopeCode
     * @return string
     */
    public function getConfigTimezone($scopeType = null, $scopeCode = null);
}
