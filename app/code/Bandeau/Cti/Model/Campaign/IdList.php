<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Lists of ids as campaigns store them ("1,2,3") and as forms post them (["1", "2"]).
 */
class IdList
{
    /**
     * "1,2,3" or ["3", "1"] => [1, 2, 3], sorted and unique; anything that is not an id is dropped.
     *
     * @param mixed $value
     * @return int[]
     */
    public function parse(mixed $value): array
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
