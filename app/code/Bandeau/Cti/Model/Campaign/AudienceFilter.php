<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Which abandoned carts a campaign calls: cart age window, minimum value, customer groups, stores.
 */
class AudienceFilter
{
    /**
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
     * @return array{0: string, 1: string}
     */
    public function window(int $referenceTime): array
    {
        return [
            UtcTime::db($referenceTime - $this->maxAgeHours * 3600),
            UtcTime::db($referenceTime - $this->minAgeHours * 3600),
        ];
    }

    /**
     * "1,2,3" => [1, 2, 3]; anything else is dropped.
     *
     * @return int[]
     */
    public static function idList(mixed $value): array
    {
        if ($value === null || $value === '') {
            return [];
        }
        $items = is_array($value) ? $value : explode(',', (string)$value);
        $ids = [];
        foreach ($items as $item) {
            if (is_scalar($item) && preg_match('/^\s*\d{1,10}\s*$/', (string)$item)) {
                $ids[] = (int)$item;
            }
        }
        $ids = array_values(array_unique($ids));
        sort($ids);
        return $ids;
    }
}
