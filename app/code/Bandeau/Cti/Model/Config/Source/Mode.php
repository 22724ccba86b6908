<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Bandeau\Cti\Model\Config;
use Magento\Framework\Data\OptionSourceInterface;

/**
 * Options of the agent mode setting.
 */
class Mode implements OptionSourceInterface
{
    /**
     * The phone modes of the configuration (desk phone, softphone).
     *
     * @return array
     */
    public function toOptionArray()
    {
        return [
            ['value' => Config::MODE_DESK, 'label' => __('Desk phone (through the PBX)')],
            ['value' => Config::MODE_SOFTPHONE, 'label' => __('Softphone in the browser (WebRTC)')],
        ];
    }
}
