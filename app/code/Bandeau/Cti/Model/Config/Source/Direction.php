<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;

class Direction implements OptionSourceInterface
{
    /**
     * Call directions for the Calls grid filter.
     *
     * @return array
     */
    public function toOptionArray()
    {
        return [
            ['value' => 'inbound', 'label' => __('Inbound')],
            ['value' => 'outbound', 'label' => __('Outbound')],
            ['value' => 'internal', 'label' => __('Internal')],
        ];
    }
}
