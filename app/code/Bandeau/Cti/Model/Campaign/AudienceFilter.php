<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Which abandoned carts a campaign calls: cart age window, minimum value, customer groups, stores.
 */
class AudienceFilter
{
    /**
     * @param int $minAgeHours
     * @param int $maxAgeHours
     * @param float $minValue
     * @param int[] $customerGroupIds empty = every group
     * @param int[] $storeIds empty = every store view
     */
    public function __construct(
        public readonly int $minAgeHours = 1,
        public readonly int $maxAgeHours = 720,
        public readonly float $minValue = 0.0,
        public readonly array $customerGroupIds = [],
        public readonly array $storeIds = []
    ) {
    }

    /**
     * The cart updated_at window [from, to] (UTC DATETIME strings) seen from $referenceTime.
     *
     * @param int $referenceTime
     * @return array{0: string, 1: string}
     */
    public function window(int $referenceTime): array
    {
        return [
            gmdate(UtcTime::DB_FORMAT, $referenceTime - $this->maxAgeHours * 3600),
            gmdate(UtcTime::DB_FORMAT, $referenceTime - $this->minAgeHours * 3600),
        ];
    }
}
