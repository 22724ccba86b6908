<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;

class Disposition implements OptionSourceInterface
{
    /**
     * Call results for the Calls grid filter.
     *
     * @return array
     */
    public function toOptionArray()
    {
        return [
            ['value' => 'answered', 'label' => __('Answered')],
            ['value' => 'missed', 'label' => __('Missed')],
            ['value' => 'abandoned', 'label' => __('Abandoned')],
            ['value' => 'busy', 'label' => __('Busy')],
            ['value' => 'failed', 'label' => __('Failed')],
            ['value' => 'voicemail', 'label' => __('Voicemail')],
        ];
    }
}
