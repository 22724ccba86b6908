<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * The reporting time zone: the default scope's general/locale/timezone (Stores > Configuration >
 * General > Locale Options), UTC when it is empty or not a zone PHP knows. The analytics bucket
 * calls by local date in it, and the phone bar's "My day" starts at its midnight.
 */
class ReportingZone
{
    public const XML_PATH_TIMEZONE = 'general/locale/timezone';

    /**
     * @param ScopeConfigInterface $scopeConfig
     */
    public function __construct(private ScopeConfigInterface $scopeConfig)
    {
    }

    /**
     * The zone.
     *
     * @return \DateTimeZone
     */
    public function zone(): \DateTimeZone
    {
        $name = trim((string)$this->scopeConfig->getValue(self::XML_PATH_TIMEZONE));
        if ($name !== '' && in_array($name, \DateTimeZone::listIdentifiers(\DateTimeZone::ALL_WITH_BC), true)) {
            return new \DateTimeZone($name);
        }
        return new \DateTimeZone('UTC');
    }

    /**
     * The local day holding $now: its date and its bounds as Unix times [start, end).
     *
     * Midnight to midnight in the zone, so a day is 23 or 25 hours long on a DST change.
     *
     * @param int $now
     * @return array{date: string, from: int, to: int, zone: string}
     */
    public function day(int $now): array
    {
        $zone = $this->zone();
        $start = (new \DateTimeImmutable('@' . $now))->setTimezone($zone)->setTime(0, 0);
        return [
            'date' => $start->format('Y-m-d'),
            'from' => $start->getTimestamp(),
            'to' => $start->modify('+1 day')->getTimestamp(),
            'zone' => $zone->getName(),
        ];
    }
}
