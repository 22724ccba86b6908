<?php

declare(strict_types=1);

namespace Bandeau\Cti\Ui\Component\Listing\Column;

use Magento\Ui\Component\Listing\Columns\Column;

/**
 * Outcome and Tags columns of the calls grid: each stored value ("Call back", "Delivery, Urgent")
 * shown in the admin user's language when the module's dictionary knows it (the default lists),
 * as written otherwise. Filters and sorting still run on the stored text.
 */
class WrapUpText extends Column
{
    /**
     * Translates each comma-separated value of the column.
     *
     * @param array $dataSource
     * @return array
     */
    public function prepareDataSource(array $dataSource)
    {
        $name = (string)$this->getData('name');
        if ($name === '' || !isset($dataSource['data']['items']) || !is_array($dataSource['data']['items'])) {
            return $dataSource;
        }
        foreach ($dataSource['data']['items'] as &$item) {
            $value = $item[$name] ?? null;
            if (!is_string($value) || trim($value) === '') {
                continue;
            }
            $item[$name] = implode(', ', array_map(
                static fn (string $part): string => (string)__(trim($part)),
                explode(',', $value)
            ));
        }
        unset($item);
        return $dataSource;
    }
}
