<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Bandeau\Cti\Model\Privacy\RetentionMode;
use Magento\Framework\Data\OptionSourceInterface;

/**
 * Options of the call log retention mode.
 */
class RetentionModeOptions implements OptionSourceInterface
{
    /**
     * Anonymisation (default) or pseudonymisation.
     *
     * @return array
     */
    public function toOptionArray()
    {
        return [
            ['value' => RetentionMode::ANONYMISE, 'label' => __('Anonymise (remove every personal field)')],
            [
                'value' => RetentionMode::PSEUDONYMISE,
                'label' => __('Pseudonymise (replace the number by a keyed hash, remove the rest)'),
            ],
        ];
    }
}
